import { EVIDENCE_ENTRY_KINDS } from '../../../shared/evidence-types';
import { CUSTODY_FILE, INCIDENT_FILE } from './bag-layout';
import { isRecord, parseStrictJson, sameJson } from './bag-json';
import type { BagFiles } from './bag-files';
import { BagProblem } from './bag-problem';
import { textLines } from './bag-text';
import {
  entriesById,
  evidenceIdOf,
  type JournalRecord,
} from './evidence-check';
import type { IncidentIndex, IndexedItem } from './incident-index';
import type { BagEntry } from './journal-lines';

/*
 * `data/custody.jsonl` restates the journal's custody events, one line
 * each: every `evidence.added` entry (the `collected` event) and every
 * `evidence.custody` entry. Each field must be what the journal records:
 * the item's as its registration (and its file as the index) gives them,
 * the event's as its entry gives them. A `collected` line names the
 * registering actor as handler, the vault as storage and the intake as
 * tool, as War Room's evidence log shows it.
 */

const CUSTODY_FIELDS = [
  'evidenceId',
  'name',
  'bagPath',
  'sha256',
  'sha1',
  'md5',
  'size',
  'entryId',
  'action',
  'occurredAt',
  'occurredOffset',
  'recordedBy',
  'handler',
  'recipient',
  'location',
  'storageLocation',
  'tool',
  'purpose',
  'notes',
] as const;
type CustodyField = (typeof CUSTODY_FIELDS)[number];
const FIELD_NAMES: readonly string[] = CUSTODY_FIELDS;

/** Fields the item's registering entry records, not the event's. */
const REGISTERED = new Set<string>(['name', 'sha256', 'sha1', 'md5', 'size']);

type ExpectedLine = {
  record: JournalRecord;
  registrationId: string;
  values: Record<CustodyField, unknown>;
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function person(value: unknown) {
  if (!isRecord(value)) return null;
  return {
    name: text(value.name),
    role: text(value.role),
    contact: text(value.contact),
  };
}

function itemValues(item: IndexedItem, added: BagEntry) {
  const { name, sha256, sha1, md5, size } = added.payload;
  return {
    evidenceId: item.id,
    name,
    bagPath: item.bagPath,
    sha256,
    sha1,
    md5,
    size,
  };
}

function eventValues(entry: BagEntry) {
  const event = entry.payload;
  const collected = entry.kind === EVIDENCE_ENTRY_KINDS.added;
  return {
    entryId: entry.id,
    action: collected ? 'collected' : event.action,
    occurredAt: entry.occurredAt,
    occurredOffset: entry.occurredOffset,
    recordedBy: entry.actor,
    handler: collected
      ? person({ name: entry.actor })
      : (person(event.handler) ?? person({})),
    recipient: person(event.recipient),
    location: text(event.location),
    storageLocation: collected ? 'War Room vault' : text(event.storageLocation),
    tool: collected ? 'War Room intake' : text(event.tool),
    purpose: text(event.purpose),
    notes: text(collected ? event.description : event.notes),
  };
}

const CUSTODY_KINDS = new Set<string>([
  EVIDENCE_ENTRY_KINDS.added,
  EVIDENCE_ENTRY_KINDS.custody,
]);

/** The line each custody event of the journal must have, in its order. */
function expectedLines(
  records: readonly JournalRecord[],
  evidence: readonly IndexedItem[],
): Map<string, ExpectedLine> {
  const items = new Map(evidence.map((item) => [item.id, item]));
  const byId = entriesById(records);
  const expected = new Map<string, ExpectedLine>();
  for (const record of records) {
    if (!CUSTODY_KINDS.has(record.entry.kind)) continue;
    const evidenceId = evidenceIdOf(record);
    const item = items.get(evidenceId);
    if (!item) {
      throw new BagProblem(
        record.where,
        'missing',
        `the entry records custody of evidence item ${evidenceId}, which ` +
          `is not in ${INCIDENT_FILE}`,
      );
    }
    const added = byId.get(item.entryId)!.entry;
    expected.set(record.entry.id, {
      record,
      registrationId: added.id,
      values: { ...itemValues(item, added), ...eventValues(record.entry) },
    });
  }
  return expected;
}

function shapeProblem(line: Record<string, unknown>): string | null {
  const missing = CUSTODY_FIELDS.find((field) => !Object.hasOwn(line, field));
  if (missing) return `the line lacks the field ${missing}`;
  const extra = Object.keys(line)
    .filter((key) => !FIELD_NAMES.includes(key))
    .sort();
  if (extra.length > 0) return `the line has the unexpected field ${extra[0]}`;
  if (typeof line.entryId !== 'string') return 'entryId must be a string';
  return null;
}

/** A line as an object with every custody field, or the problem. */
function readLine(raw: string, number: number) {
  const at = `${CUSTODY_FILE} line ${number}`;
  const parsed = parseStrictJson(raw, 'line');
  if (parsed.problem !== null) {
    throw new BagProblem(at, 'malformed', parsed.problem);
  }
  const line = parsed.value;
  if (!isRecord(line)) {
    throw new BagProblem(at, 'malformed', 'the line is not a JSON object');
  }
  const where =
    typeof line.entryId === 'string' ? `${at} (entry ${line.entryId})` : at;
  const problem = shapeProblem(line);
  if (problem) throw new BagProblem(where, 'malformed', problem);
  return { where, line, entryId: line.entryId as string };
}

function sourceOf(field: string, expected: ExpectedLine): string {
  if (field === 'bagPath') return INCIDENT_FILE;
  const id = REGISTERED.has(field)
    ? expected.registrationId
    : expected.record.entry.id;
  return `journal entry ${id}`;
}

function checkLine(
  raw: string,
  number: number,
  expected: ReadonlyMap<string, ExpectedLine>,
  seen: Set<string>,
): void {
  const { where, line, entryId } = readLine(raw, number);
  const event = expected.get(entryId);
  if (!event) {
    throw new BagProblem(
      where,
      'extra',
      'the journal records no custody event with this entry id',
    );
  }
  if (seen.has(entryId)) {
    throw new BagProblem(
      where,
      'extra',
      'an earlier line already holds the custody event of this entry',
    );
  }
  seen.add(entryId);
  const field = CUSTODY_FIELDS.find(
    (name) => !sameJson(line[name], event.values[name]),
  );
  if (field) {
    throw new BagProblem(
      where,
      'altered',
      `its ${field} is not the one ${sourceOf(field, event)} records`,
    );
  }
}

/**
 * Checks `data/custody.jsonl` against the journal both ways: every line
 * is a custody event the journal records, as it records it, and every
 * custody event of the journal has its line. Returns the event count.
 */
export async function checkCustody(
  bag: BagFiles,
  incident: IncidentIndex,
  records: readonly JournalRecord[],
): Promise<number> {
  const expected = expectedLines(records, incident.evidence);
  const lines = textLines(await bag.readRequiredText(CUSTODY_FILE));
  const seen = new Set<string>();
  lines.forEach((raw, index) => checkLine(raw, index + 1, expected, seen));
  const unlisted = [...expected.values()].find(
    ({ record }) => !seen.has(record.entry.id),
  );
  if (unlisted) {
    throw new BagProblem(
      unlisted.record.where,
      'missing',
      `${CUSTODY_FILE} has no line for this custody event of evidence ` +
        `item ${unlisted.values.evidenceId as string}`,
    );
  }
  return expected.size;
}
