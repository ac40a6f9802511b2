import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { invokeOk, testContext } from '../test-support/temp-war-room';
import {
  BOOKKEEPING_COLUMNS,
  CORE_COLUMNS,
  IRIS_COLUMNS,
  PLAIN_COLUMNS,
} from './exchange-columns';
import { sha256Of, useExchangeKit } from './exchange-test-kit';

const kit = useExchangeKit();

async function note(
  incidentId: string,
  text: string,
  extra: Record<string, string> = {},
) {
  return invokeOk<{ id: string }>(kit.warRoom, 'journal:add-note', {
    incidentId,
    text,
    ...extra,
  });
}

function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true }) as Record<string, string>[];
}

describe('Timesketch CSV export', () => {
  it('writes every entry with its time to the microsecond and its offset', async () => {
    const incidentId = await kit.createIncident();
    await note(incidentId, 'Moon landing', {
      occurredAt: '1969-07-20T22:17:40.5+02:00',
    });
    const { summary, text } = await kit.exportFile(
      incidentId,
      'timesketch-csv',
    );

    const [header] = parse(text, { to: 1 }) as string[][];
    expect(header).toEqual([...CORE_COLUMNS, ...BOOKKEEPING_COLUMNS]);
    const rows = csvRecords(text);
    expect(rows.map((row) => row.war_room_kind)).toEqual([
      'incident.opened',
      'note',
    ]);
    expect(rows[1]).toMatchObject({
      message: 'Moon landing',
      datetime: '1969-07-20T22:17:40.500000+02:00',
      timestamp: '-14182939500000',
      timestamp_desc: 'Occurred (entered by hand)',
      war_room_time_source: 'user-entered',
      war_room_payload: '{"text":"Moon landing"}',
      war_room_export: 'war-room-timeline/1',
    });
    expect(summary).toMatchObject({
      format: 'timesketch-csv',
      entries: 2,
      bytes: Buffer.byteLength(text),
      sha256: sha256Of(text),
    });
  });

  it('puts an apostrophe before text a spreadsheet would run, never before numbers', async () => {
    const incidentId = await kit.createIncident();
    await note(incidentId, '=HYPERLINK("http://203.0.113.7","x")', {
      actor: '@ops',
      occurredAt: '1960-01-01T00:00:00Z',
    });
    await note(incidentId, '-rf /');
    await note(incidentId, "'=already");
    const rows = csvRecords(
      (await kit.exportFile(incidentId, 'timesketch-csv')).text,
    );

    expect(rows[1]).toMatchObject({
      message: '\'=HYPERLINK("http://203.0.113.7","x")',
      war_room_actor: "'@ops",
      timestamp: '-315619200000000',
    });
    expect(rows[2].message).toBe("'-rf /");
    expect(rows[3].message).toBe("''=already");
  });

  it('gives imported events their own fields as columns', async () => {
    const source = await kit.createIncident();
    await kit.importFile(
      source,
      kit.write(
        'events.jsonl',
        [
          '{"message":"a","timestamp":1737367932,"host":"web-1","score":-1.5}',
          '{"message":"b","timestamp":1737367933,"geo":{"lat":52.52},"cmd":"=2+2"}',
        ].join('\n'),
      ),
    );
    const rows = csvRecords(
      (await kit.exportFile(source, 'timesketch-csv')).text,
    );
    const imported = rows.filter(
      (r) => r.war_room_kind === 'timeline.imported',
    );

    expect(Object.keys(rows[0])).toEqual([
      ...CORE_COLUMNS,
      'cmd',
      'geo',
      'host',
      'score',
      ...BOOKKEEPING_COLUMNS,
    ]);
    expect(imported[0]).toMatchObject({
      message: 'a',
      datetime: '2025-01-20T10:12:12.000000+00:00',
      timestamp_desc: 'Event time',
      host: 'web-1',
      score: '-1.5',
      geo: '',
      war_room_source_name: 'events.jsonl',
      war_room_source_line: '1',
      war_room_payload: '',
    });
    expect(imported[1]).toMatchObject({ geo: '{"lat":52.52}', cmd: "'=2+2" });
  });
});

describe('Timesketch JSONL export', () => {
  it('writes an imported event’s fields at the top level, numbers exactly', async () => {
    const incidentId = await kit.createIncident();
    const event =
      '{"message":"m","datetime":"2025-01-20T10:12:51.004417-05:00",' +
      '"timestamp_desc":"Last login","big":32500000000000000123,"r":0.1}';
    await kit.importFile(incidentId, kit.write('e.jsonl', event));

    const { text } = await kit.exportFile(incidentId, 'timesketch-jsonl');
    const line = text.split('\n').find((l) => l.includes('"Last login"'))!;

    expect(line).toMatch(
      /^\{"message":"m","datetime":"2025-01-20T10:12:51.004417-05:00","timestamp_desc":"Last login","timestamp":1737385971004417,"big":32500000000000000123,"r":0.1,"war_room_entry_id":/,
    );
    expect(JSON.parse(line)).toMatchObject({
      war_room_kind: 'timeline.imported',
      war_room_source_line: 1,
      war_room_source_sha256: sha256Of(event),
    });
  });

  it('writes the admin API’s own timestamp and message under other names', async () => {
    const incidentId = await kit.createIncident();
    const row = {
      id: 'a1',
      timestamp: '2025-01-20T09:02:44.310256',
      action: 'ip_allowlist_entry_removed',
      status: 'success',
      message: 'Decommissioned former office range',
    };
    await kit.importFile(
      incidentId,
      kit.write('a.json', JSON.stringify([row])),
    );
    const { text } = await kit.exportFile(incidentId, 'timesketch-jsonl');
    const exported = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.war_room_kind === 'timeline.imported');

    expect(exported).toMatchObject({
      message:
        'Audit: ip_allowlist_entry_removed (success): Decommissioned former office range',
      datetime: '2025-01-20T09:02:44.310256+00:00',
      timestamp_desc: 'Audit log time',
      timestamp: 1737363764310256,
      original_timestamp: row.timestamp,
      original_message: row.message,
      id: 'a1',
    });
  });
});

describe('DFIR-IRIS and plain CSV export', () => {
  it('writes IRIS’s columns with the wall-clock date and its offset apart', async () => {
    const incidentId = await kit.createIncident();
    await note(incidentId, '+Blocked 203.0.113.7\nat the WAF', {
      occurredAt: '2026-12-03T18:25:32.123456+02:00',
    });
    await note(incidentId, 'x');
    const { text } = await kit.exportFile(incidentId, 'iris-csv');
    const [header] = parse(text, { to: 1 }) as string[][];
    const rows = csvRecords(text);

    expect(header).toEqual([...IRIS_COLUMNS]);
    expect(rows[1]).toEqual({
      event_date: '2026-12-03T18:25:32.123456',
      event_tz: '+02:00',
      event_title: "'+Blocked 203.0.113.7",
      event_category: '',
      event_content: "'+Blocked 203.0.113.7\nat the WAF",
      event_raw: expect.any(String),
      event_source: 'War Room',
      event_assets: '',
      event_iocs: '',
      event_tags: 'war-room|note',
    });
    expect(JSON.parse(rows[1].event_raw)).toMatchObject({
      message: '+Blocked 203.0.113.7\nat the WAF',
      timestamp: 1796315132123456,
    });
    expect(rows[2].event_title).toBe('note: x');
  });

  it('writes the plain CSV of the journal as stored', async () => {
    const incidentId = await kit.createIncident();
    const entry = await note(incidentId, 'n', {
      occurredAt: '2026-12-03T10:00:00-08:00',
    });
    const rows = csvRecords((await kit.exportFile(incidentId, 'csv')).text);

    expect(Object.keys(rows[0])).toEqual([...PLAIN_COLUMNS]);
    expect(rows[1]).toMatchObject({
      occurred_at: '2026-12-03T10:00:00.000000-08:00',
      occurred_at_utc: '2026-12-03T18:00:00.000000Z',
      time_source: 'user-entered',
      kind: 'note',
      text: 'n',
      entry_id: entry.id,
      payload: '{"text":"n"}',
    });
  });
});

describe('writing the file', () => {
  it('journals the export with the file’s hash and leaves no temporary file', async () => {
    const incidentId = await kit.createIncident();
    const { summary } = await kit.exportFile(
      incidentId,
      'timesketch-jsonl',
      'timeline.jsonl',
    );

    const [entry] = kit.entries(incidentId, 'timeline.exported');
    expect(entry.payload).toEqual({ ...summary });
    expect(readdirSync(kit.files)).toEqual(['timeline.jsonl']);
  });

  it('never overwrites a file and names what is wrong with the path', async () => {
    const incidentId = await kit.createIncident();
    const existing = kit.write('evidence.csv', 'keep me');
    const refuse = async (outPath: string) => {
      const result = await kit.warRoom.invoke(
        'timeline:export',
        { incidentId, format: 'csv', outPath },
        testContext,
      );
      return result.ok ? null : result.error;
    };

    expect(await refuse(existing)).toEqual({
      kind: 'invalid-input',
      message: `${existing} already exists; War Room does not overwrite files`,
    });
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(await refuse('out.csv')).toMatchObject({
      message: 'outPath: must be an absolute path',
    });
    expect(await refuse(join(kit.files, 'no', 'out.csv'))).toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/there is no folder/),
    });
    expect(kit.entries(incidentId, 'timeline.exported')).toEqual([]);
  });
});
