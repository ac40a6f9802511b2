import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invokeOk } from '../test-support/temp-war-room';
import { formatEpochMicros, formatWithOffset } from '../../shared/timestamps';
import {
  BOOKKEEPING_PREFIX,
  CORE_COLUMNS,
  EXPORT_MARKER,
} from './exchange-columns';
import { offsetText } from './exchange-time';
import { useExchangeKit } from './exchange-test-kit';
import { unguardCell } from './formula-guard';

/**
 * Export then import gives the same events: JSONL exactly, CSV exactly
 * once the importer has removed War Room's own apostrophes. The same
 * event is its message, datetime, timestamp, timestamp_desc and every
 * other field; `war_room_*` fields describe the journal entry holding it.
 */
const kit = useExchangeKit();

type Event = Record<string, unknown>;

type Instant = { micros: number; offsetMinutes: number };

/** Any storable instant, two days clear of the ends, in any offset. */
const instant = fc.record({
  micros: fc.integer({
    min: -Number.MAX_SAFE_INTEGER + 172_800_000_000,
    max: Number.MAX_SAFE_INTEGER - 172_800_000_000,
  }),
  offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
});

function timesOf({ micros, offsetMinutes }: Instant) {
  const utc = formatEpochMicros(micros);
  return {
    datetime: formatWithOffset(utc, offsetText(offsetMinutes)),
    timestamp: micros,
  };
}

/** Text as people and tools write it: formulas, quotes, line breaks. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "'=", '"', '\n'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    )
    .map(([start, rest]) => start + rest),
);

const extraName = fc
  .stringMatching(/^[A-Za-z=@+ _.-][\w .:=@+-]{0,11}$/)
  .filter(
    (name) =>
      !(CORE_COLUMNS as readonly string[]).includes(name) &&
      !name.startsWith(BOOKKEEPING_PREFIX) &&
      !name.startsWith('original_'),
  );

function withoutBookkeeping(row: Event): Event {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !key.startsWith(BOOKKEEPING_PREFIX)),
  );
}

function jsonlRows(jsonl: string): Event[] {
  return jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
}

/** Parses War Room's CSV as its importer does: its own apostrophes go. */
function csvRows(csv: string): Event[] {
  const [header, ...rows] = parse(csv) as string[][];
  const names = header.map(unguardCell);
  return rows.map((cells) => {
    const ours = cells[cells.length - 1] === EXPORT_MARKER;
    const read = cells.map((cell) => (ours ? unguardCell(cell) : cell));
    return Object.fromEntries(names.map((name, i) => [name, read[i]]));
  });
}

const imported = (rows: Event[]) =>
  rows.filter((row) => row.war_room_kind === 'timeline.imported');

/**
 * Imports a War Room export into a new incident and exports that: its
 * imported events must be the first export's rows, every one of them.
 */
async function expectSameEvents(
  first: string,
  format: 'timesketch-jsonl' | 'timesketch-csv',
) {
  const rowsOf = format === 'timesketch-csv' ? csvRows : jsonlRows;
  const copy = await importText(fileName(format), first);
  const second = await kit.exportFile(copy, format);
  expect(imported(rowsOf(second.text)).map(withoutBookkeeping)).toEqual(
    rowsOf(first).map(withoutBookkeeping),
  );
}

async function importText(name: string, content: string) {
  const incidentId = await kit.createIncident();
  const report = await kit.importFile(incidentId, kit.write(name, content));
  expect(report.rejected).toBe(0);
  return incidentId;
}

/** Notes refuse control characters other than tab and line breaks. */
function allowedInNote(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code !== 0x7f) || [0x09, 0x0a, 0x0d].includes(code);
}

let files = 0;
const fileName = (extension: string) => `events-${(files += 1)}.${extension}`;

describe('round trip', () => {
  it('gives back a Timesketch JSONL file’s events exactly', async () => {
    const event = fc
      .tuple(
        instant,
        text,
        text,
        fc.dictionary(extraName, fc.jsonValue({ maxDepth: 3 }), {
          maxKeys: 4,
        }),
      )
      .map(([when, message, desc, extras]) => ({
        ...extras,
        message,
        ...timesOf(when),
        timestamp_desc: desc,
      }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 5 }),
        async (events) => {
          const jsonl = events.map((e) => JSON.stringify(e)).join('\n');
          const incidentId = await importText(fileName('jsonl'), jsonl);
          const exported = await kit.exportFile(incidentId, 'timesketch-jsonl');

          const expected = events.map((e) => JSON.parse(JSON.stringify(e)));
          expect(
            imported(jsonlRows(exported.text)).map(withoutBookkeeping),
          ).toEqual(expected);
          await expectSameEvents(exported.text, 'timesketch-jsonl');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives back a Timesketch CSV file’s events exactly, once unguarded', async () => {
    const file = fc.uniqueArray(extraName, { maxLength: 3 }).chain((names) =>
      fc
        .array(
          fc.tuple(
            instant,
            text,
            text,
            fc.array(text, {
              minLength: names.length,
              maxLength: names.length,
            }),
          ),
          { minLength: 1, maxLength: 5 },
        )
        .map((rows) => ({ names, rows })),
    );
    await fc.assert(
      fc.asyncProperty(file, async ({ names, rows }) => {
        const header = [...CORE_COLUMNS, ...names];
        const records = rows.map(([when, message, desc, extras]) => {
          const { datetime, timestamp } = timesOf(when);
          return [message, datetime, desc, String(timestamp), ...extras];
        });
        const csv = stringify([header, ...records]);
        const incidentId = await importText(fileName('csv'), csv);
        const exported = await kit.exportFile(incidentId, 'timesketch-csv');

        const expected = records.map((cells) =>
          Object.fromEntries(header.map((name, i) => [name, cells[i]])),
        );
        expect(
          imported(csvRows(exported.text)).map(withoutBookkeeping),
        ).toEqual(expected);
        await expectSameEvents(exported.text, 'timesketch-csv');
      }),
      { numRuns: 25 },
    );
  });

  it('carries War Room’s own entries into another incident unchanged', async () => {
    const noteText = text
      .map((value) => [...value].filter(allowedInNote).join(''))
      .filter((value) => value.length > 0);
    const notes = fc.array(fc.tuple(noteText, instant), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(notes, async (written) => {
        const incidentId = await kit.createIncident();
        for (const [note, when] of written) {
          await invokeOk(kit.warRoom, 'journal:add-note', {
            incidentId,
            text: note,
            occurredAt: timesOf(when).datetime,
          });
        }
        for (const format of ['timesketch-jsonl', 'timesketch-csv'] as const) {
          const first = await kit.exportFile(incidentId, format);
          await expectSameEvents(first.text, format);
        }
      }),
      { numRuns: 15 },
    );
  });
});
