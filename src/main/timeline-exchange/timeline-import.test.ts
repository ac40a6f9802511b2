import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcEvents } from '../../shared/ipc-contract';
import { describeEntry, type JsonObject } from '../../shared/journal-types';
import type { TimelineImportProgress } from '../../shared/timeline-exchange-types';
import { invokeOk } from '../test-support/temp-war-room';
import { exampleBody, sha256Of, useExchangeKit } from './exchange-test-kit';
import { BATCH_ROWS } from './timeline-import';

const kit = useExchangeKit();

type Row = Record<string, unknown>;

const auditRows = exampleBody('audit-logs.json', 'incident-window') as Row[];
const failedLogins = exampleBody(
  'events-failed-login.json',
  'credential-stuffing',
) as Row[];

function vaultFiles(): string[] {
  const root = join(kit.warRoom.dataDir, 'vault', 'sha256');
  try {
    return readdirSync(root, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

describe("the admin API's exported JSON", () => {
  it('imports the plan’s incident_logs.json: every field, UTC times, the file as evidence', async () => {
    const incidentId = await kit.createIncident();
    const content = JSON.stringify(auditRows, null, 2);
    const path = kit.write('incident_logs.json', content);

    const report = await kit.importFile(incidentId, path);

    expect(report).toMatchObject({
      format: 'admin-audit-json',
      name: 'incident_logs.json',
      sha256: sha256Of(content),
      imported: 7,
      rejected: 0,
      refused: false,
      problems: [],
    });
    const entries = kit.entries(incidentId, 'timeline.imported');
    expect(entries.map((entry) => entry.payload.fields)).toEqual(auditRows);
    expect(entries[0]).toMatchObject({
      occurredAt: '2025-01-20T11:50:12.904113Z',
      occurredOffset: '+00:00',
      timeSource: 'imported',
      actor: 'tester',
    });
    expect(entries[0].payload.source).toMatchObject({
      name: 'incident_logs.json',
      sha256: sha256Of(content),
      format: 'admin-audit-json',
      line: 2,
      importId: report.importId,
      evidenceId: report.evidenceId,
    });
    const [item] = await kit.evidence(incidentId);
    expect(item).toMatchObject({
      id: report.evidenceId,
      name: 'incident_logs.json',
      type: 'log-export',
      hashes: { sha256: sha256Of(content) },
    });
  });

  it('words an audit row from its action, resource, user and message', async () => {
    const incidentId = await kit.createIncident();
    await kit.importFile(
      incidentId,
      kit.write('audit.json', JSON.stringify(auditRows)),
    );
    const last = kit.entries(incidentId, 'timeline.imported').at(-1)!;
    expect(describeEntry(last.kind, last.payload)).toBe(
      'Audit: ip_allowlist_entry_removed (success) on ip_allowlist ' +
        '053b8af0-4c11-4314-bf48-1ac6c1687815 by user ' +
        '652bb65e-6c0f-4f2c-9747-0b93dd8eda4a from 192.0.2.14: ' +
        'Decommissioned former office range',
    );
  });

  it('reads the super-admin route’s {"logs": […]}', async () => {
    const body = exampleBody('audit-logs-super-admin.json', 'latest') as {
      logs: Row[];
    };
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(
      incidentId,
      kit.write('logs.json', JSON.stringify(body)),
    );
    expect(report).toMatchObject({
      format: 'admin-audit-json',
      imported: body.logs.length,
    });
    expect(
      kit.entries(incidentId, 'timeline.imported').map((e) => e.payload.fields),
    ).toEqual(body.logs);
  });

  it('imports the plan’s failed_logins.json as security events', async () => {
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(
      incidentId,
      kit.write('failed_logins.json', JSON.stringify(failedLogins, null, 2)),
    );
    expect(report).toMatchObject({
      format: 'admin-events-json',
      imported: 7,
    });
    const [first] = kit.entries(incidentId, 'timeline.imported');
    expect(describeEntry(first.kind, first.payload)).toBe(
      'Security event failed_login_attempt (medium) from 203.0.113.45 for ' +
        'finance.admin@example.com: Failed admin portal login for an ' +
        'unknown account',
    );
    expect(first.occurredAt).toBe('2025-01-20T10:12:51.004417Z');
  });

  it('takes an empty export in as evidence and imports nothing', async () => {
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(
      incidentId,
      kit.write('failed_logins.json', '[]\n'),
      { format: 'admin-events-json' },
    );
    expect(report).toMatchObject({ imported: 0, rejected: 0, refused: false });
    expect(await kit.evidence(incidentId)).toHaveLength(1);
    const [completed] = kit.entries(incidentId, 'timeline.import-completed');
    expect(completed.payload).toMatchObject({ imported: 0, rejected: 0 });
  });

  it('refuses a zone for the admin API’s files, which are UTC', async () => {
    const incidentId = await kit.createIncident();
    const path = kit.write('audit.json', JSON.stringify(auditRows));
    expect(
      await kit.importFailure(incidentId, path, { zone: 'Europe/Berlin' }),
    ).toEqual({
      kind: 'invalid-input',
      message: expect.stringMatching(/are in UTC by its contract/),
    });
  });
});

describe('all or nothing', () => {
  const rows = [
    { ...auditRows[0] },
    { ...auditRows[1], timestamp: 'yesterday' },
    { ...auditRows[2] },
    { ...auditRows[3], action: undefined },
  ];

  it('writes nothing, not even the evidence, when a row is refused', async () => {
    const incidentId = await kit.createIncident();
    const before = kit.entries(incidentId).length;
    const report = await kit.importFile(
      incidentId,
      kit.write('audit.json', JSON.stringify(rows, null, 2)),
    );

    expect(report).toMatchObject({
      imported: 0,
      rejected: 2,
      refused: true,
      evidenceId: null,
      problems: [
        {
          line: 20,
          message: '"yesterday" is not an ISO 8601 date and time',
        },
        { line: 61, message: 'the row has no action' },
      ],
    });
    expect(kit.entries(incidentId)).toHaveLength(before);
    expect(await kit.evidence(incidentId)).toEqual([]);
    expect(vaultFiles()).toEqual([]);
  });

  it('imports the good rows and records the others when skipping is accepted', async () => {
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(
      incidentId,
      kit.write('audit.json', JSON.stringify(rows, null, 2)),
      { skipBadRows: true },
    );

    expect(report).toMatchObject({ imported: 2, rejected: 2, refused: false });
    expect(
      kit.entries(incidentId, 'timeline.imported').map((e) => e.payload.fields),
    ).toEqual([auditRows[0], auditRows[2]]);
    const [completed] = kit.entries(incidentId, 'timeline.import-completed');
    expect(completed.payload).toMatchObject({
      imported: 2,
      rejected: 2,
      skipBadRows: true,
      problems: report.problems,
    });
    expect(describeEntry(completed.kind, completed.payload)).toMatch(
      /^Timeline imported from audit.json \(admin API audit logs \(JSON\)\): 2 event\(s\), 2 row\(s\) rejected; SHA-256 [0-9a-f]{12}…$/,
    );
  });

  it('appends in batches and closes the last with the completion entry', async () => {
    const incidentId = await kit.createIncident();
    const count = BATCH_ROWS * 2 + 7;
    const lines = ['message,timestamp'];
    for (let index = 0; index < count; index += 1) {
      lines.push(`event ${index},${1737367932 + index}`);
    }
    const batches: string[] = [];
    const progress: TimelineImportProgress[] = [];
    const cancels: Promise<unknown>[] = [];
    kit.warRoom.events.subscribe((name, payload) => {
      if (name === 'journal:appended') {
        batches.push((payload as IpcEvents['journal:appended']).kind);
      }
      if (name !== 'timeline:import-progress') return;
      const current = payload as TimelineImportProgress;
      progress.push(current);
      if (current.phase === 'appending' && cancels.length === 0) {
        cancels.push(
          invokeOk(kit.warRoom, 'timeline:cancel-import', {
            importId: current.importId,
          }),
        );
      }
    });

    const report = await kit.importFile(
      incidentId,
      kit.write('many.csv', `${lines.join('\n')}\n`),
    );

    // Once appending, a cancel is declined and the import completes.
    expect(await Promise.all(cancels)).toEqual([{ cancelled: false }]);
    expect(report.imported).toBe(count);
    expect(batches.slice(-3)).toEqual([
      'timeline.imported',
      'timeline.imported',
      'timeline.import-completed',
    ]);
    expect(new Set(progress.map((p) => p.phase))).toEqual(
      new Set(['checking', 'taking-in', 'appending']),
    );
    expect(progress.at(-1)).toMatchObject({
      phase: 'appending',
      rowsDone: count,
      rowsTotal: count,
    });
    const imported = kit.entries(incidentId, 'timeline.imported');
    expect(imported).toHaveLength(count);
    expect(imported.at(-1)!.payload.fields).toEqual({
      message: `event ${count - 1}`,
      timestamp: String(1737367932 + count - 1),
    });
  });

  it('declines to cancel an import it does not know', async () => {
    expect(
      await invokeOk(kit.warRoom, 'timeline:cancel-import', {
        importId: '01JDCANCE100000000000000ZZ',
      }),
    ).toEqual({ cancelled: false });
  });

  it('stops on cancel before anything is written', async () => {
    const incidentId = await kit.createIncident();
    const path = kit.write('audit.json', JSON.stringify(auditRows));
    const importId = '01JDCANCE100000000000000AA';
    const running = kit.warRoom.invoke(
      'timeline:import',
      { incidentId, path, importId },
      { defaultActor: 'tester', transport: 'test' },
    );
    const cancel = await invokeOk<{ cancelled: boolean }>(
      kit.warRoom,
      'timeline:cancel-import',
      { importId },
    );

    expect(cancel).toEqual({ cancelled: true });
    expect(await running).toEqual({
      ok: false,
      error: {
        kind: 'cancelled',
        message: 'the import was cancelled before anything was written',
      },
    });
    expect(await kit.evidence(incidentId)).toEqual([]);
    expect(kit.entries(incidentId, 'timeline.imported')).toEqual([]);
  });
});

describe('Timesketch CSV', () => {
  it('keeps quoted commas, quotes and line breaks, and counts lines across them', async () => {
    const incidentId = await kit.createIncident();
    const csv = [
      'message,datetime,timestamp_desc,hostname,user',
      '"Login, then ""sudo""","2025-01-20T10:12:51.004417Z",Event time,web-1,root',
      '"two\nline\r\nmessage",2025-01-20T10:13:00+01:00,Event time,web-2,',
      'bad time,2025-01-20T25:00:00Z,Event time,web-3,x',
      'too few,2025-01-20T10:13:00Z',
      '',
      '=HYPERLINK("http://203.0.113.7"),2025-01-20T10:14:00Z,Event time,web-4,\'@x',
    ].join('\n');

    const report = await kit.importFile(incidentId, kit.write('ts.csv', csv), {
      skipBadRows: true,
    });

    expect(report.problems).toEqual([
      { line: 6, message: '"2025-01-20T25:00:00Z" is not a real date' },
      { line: 7, message: 'the row has 2 field(s) where the header has 5' },
    ]);
    const fields = kit
      .entries(incidentId, 'timeline.imported')
      .map((entry) => ({ ...(entry.payload.fields as JsonObject) }));
    expect(fields).toEqual([
      {
        message: 'Login, then "sudo"',
        datetime: '2025-01-20T10:12:51.004417Z',
        timestamp_desc: 'Event time',
        hostname: 'web-1',
        user: 'root',
      },
      {
        message: 'two\nline\r\nmessage',
        datetime: '2025-01-20T10:13:00+01:00',
        timestamp_desc: 'Event time',
        hostname: 'web-2',
        user: '',
      },
      // A file War Room did not write keeps its cells exactly.
      {
        message: '=HYPERLINK("http://203.0.113.7")',
        datetime: '2025-01-20T10:14:00Z',
        timestamp_desc: 'Event time',
        hostname: 'web-4',
        user: "'@x",
      },
    ]);
    expect(
      kit.entries(incidentId, 'timeline.imported').map((e) => e.payload.source),
    ).toMatchObject([{ line: 2 }, { line: 3 }, { line: 9 }]);
  });

  it('refuses times without a zone unless the file’s zone is given', async () => {
    const incidentId = await kit.createIncident();
    const csv =
      'message,datetime\nwinter,2025-01-20 10:00:00\nsummer,2025-07-20 10:00:00\n';
    const path = kit.write('local.csv', csv);

    const refused = await kit.importFile(incidentId, path);
    expect(refused.refused).toBe(true);
    expect(refused.problems[0]).toEqual({
      line: 2,
      message:
        '"2025-01-20 10:00:00" has no time zone; give the file\'s zone (an ' +
        'IANA name like Europe/Berlin, or ±HH:MM)',
    });

    await kit.importFile(incidentId, path, { zone: 'Europe/Berlin' });
    const entries = kit.entries(incidentId, 'timeline.imported');
    expect(
      entries.map((entry) => [entry.occurredAt, entry.occurredOffset]),
    ).toEqual([
      ['2025-01-20T09:00:00.000000Z', '+01:00'],
      ['2025-07-20T08:00:00.000000Z', '+02:00'],
    ]);
    expect(entries[0].payload.source).toMatchObject({ zone: 'Europe/Berlin' });
  });

  it('refuses a zone that is no zone', async () => {
    const incidentId = await kit.createIncident();
    const path = kit.write(
      'local.csv',
      'message,datetime\nx,2025-01-20 10:00\n',
    );
    expect(await kit.importFailure(incidentId, path, { zone: 'CEST' })).toEqual(
      {
        kind: 'invalid-input',
        message: expect.stringMatching(/"CEST" is not a time zone/),
      },
    );
  });

  it('reads epochs in seconds, milliseconds and microseconds', async () => {
    const incidentId = await kit.createIncident();
    const csv =
      'message,timestamp\ns,1737367932\nms,1737367932123\nus,1737367932123456\npre-1970,-14182940\n';
    await kit.importFile(incidentId, kit.write('epochs.csv', csv));
    expect(
      kit.entries(incidentId, 'timeline.imported').map((e) => e.occurredAt),
    ).toEqual([
      '2025-01-20T10:12:12.000000Z',
      '2025-01-20T10:12:12.123000Z',
      '2025-01-20T10:12:12.123456Z',
      '1969-07-20T20:17:40.000000Z',
    ]);
  });

  it('keeps a very large field exactly', async () => {
    const incidentId = await kit.createIncident();
    const large = 'A,"quoted"\n'.repeat(200_000);
    const csv = `message,timestamp,blob\nbig,1737367932,"${large.replaceAll('"', '""')}"\n`;
    await kit.importFile(incidentId, kit.write('large.csv', csv));
    const [entry] = kit.entries(incidentId, 'timeline.imported');
    expect((entry.payload.fields as JsonObject).blob).toBe(large);
  });

  it('refuses the whole file when its CSV structure breaks, even when skipping', async () => {
    const incidentId = await kit.createIncident();
    const csv =
      'message,timestamp\nok,1737367932\n"unclosed,1737367932\nlost,1\n';
    const report = await kit.importFile(
      incidentId,
      kit.write('broken.csv', csv),
      {
        skipBadRows: true,
      },
    );
    expect(report).toMatchObject({
      imported: 0,
      refused: true,
      fileProblem: expect.stringMatching(/^line \d+: Quote Not Closed/),
    });
    expect(await kit.evidence(incidentId)).toEqual([]);
  });
});

describe('Timesketch JSONL', () => {
  it('keeps nested fields and exact numbers, and reports bad lines', async () => {
    const incidentId = await kit.createIncident();
    const jsonl = [
      '{"message":"geo","datetime":"2025-01-20T10:12:51.5+02:00","timestamp_desc":"Event time","geo":{"lat":52.52,"lon":13.405},"bytes":123456789012345678901,"ok":true,"tags":["a",null]}',
      '',
      '{"message":"no time"}',
      'not json',
      '[1,2]',
      '{"message":42,"timestamp":1}',
      '{"message":"deep","timestamp":1737367932,"d":' +
        '{"x":'.repeat(16) +
        '1' +
        '}'.repeat(16) +
        '}',
    ].join('\r\n');

    const report = await kit.importFile(
      incidentId,
      kit.write('t.jsonl', jsonl),
      {
        skipBadRows: true,
      },
    );

    expect(report.format).toBe('timesketch-jsonl');
    expect(report.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'the row has neither a datetime nor a timestamp'],
      [4, expect.stringMatching(/^the line is not valid JSON: /)],
      [5, 'the line is not a JSON object'],
      [6, 'message must be text'],
      [7, expect.stringMatching(/nested deeper than 16/)],
    ]);
    const [entry] = kit.entries(incidentId, 'timeline.imported');
    expect(entry.payload.fields).toEqual({
      message: 'geo',
      datetime: '2025-01-20T10:12:51.5+02:00',
      timestamp_desc: 'Event time',
      geo: { lat: '52.52', lon: '13.405' },
      bytes: '123456789012345678901',
      ok: true,
      tags: ['a', null],
    });
    expect(entry.payload.numbers).toEqual(['/geo/lat', '/geo/lon', '/bytes']);
    expect(entry).toMatchObject({
      occurredAt: '2025-01-20T08:12:51.500000Z',
      occurredOffset: '+02:00',
    });
  });

  it('refuses an over-long line as a bad row', async () => {
    const incidentId = await kit.createIncident();
    const long = `{"message":"${'x'.repeat(33 * 1024 * 1024)}","timestamp":1}`;
    const report = await kit.importFile(
      incidentId,
      kit.write(
        'long.jsonl',
        `${long}\n{"message":"ok","timestamp":1737367932}\n`,
      ),
      { skipBadRows: true },
    );
    expect(report).toMatchObject({
      imported: 1,
      problems: [
        { line: 1, message: 'the line is longer than 33554432 characters' },
      ],
    });
  });
});

describe('encodings and formats', () => {
  it('accepts a UTF-8 byte-order mark', async () => {
    const incidentId = await kit.createIncident();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const report = await kit.importFile(
      incidentId,
      kit.write(
        'bom.csv',
        Buffer.concat([bom, Buffer.from('message,timestamp\nx,1737367932\n')]),
      ),
    );
    expect(report).toMatchObject({ format: 'timesketch-csv', imported: 1 });
  });

  it.each([
    [
      'UTF-16',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('message,timestamp\nx,1\n', 'utf16le'),
      ]),
      /the file is UTF-16/,
    ],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('message,timestamp\nok,1737367932\nbad '),
        Buffer.from([0xff]),
        Buffer.from(',1737367932\n'),
      ]),
      /^line 3: the file is not valid UTF-8/,
    ],
    [
      'an IRIS CSV',
      Buffer.from(
        'event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags\n',
      ),
      /DFIR-IRIS timeline CSV/,
    ],
    [
      'a CSV without a message',
      Buffer.from('time,text\n1,x\n'),
      /needs message and datetime/,
    ],
    ['an empty file', Buffer.from(' \n'), /the file is empty/],
  ])('refuses %s as a whole, writing nothing', async (_what, bytes, reason) => {
    const incidentId = await kit.createIncident();
    const report = await kit.importFile(incidentId, kit.write('bad', bytes), {
      skipBadRows: true,
    });
    expect(report).toMatchObject({ imported: 0, refused: true });
    expect(report.fileProblem).toMatch(reason);
    expect(await kit.evidence(incidentId)).toEqual([]);
  });

  it('refuses a path that is not a file it can read', async () => {
    const incidentId = await kit.createIncident();
    expect(
      await kit.importFailure(incidentId, join(kit.files, 'none.csv')),
    ).toEqual({
      kind: 'not-found',
      message: expect.stringMatching(/there is no file at/),
    });
    expect(await kit.importFailure(incidentId, kit.files)).toEqual({
      kind: 'invalid-input',
      message: expect.stringMatching(/is not a regular file/),
    });
    expect(await kit.importFailure(incidentId, 'relative.csv')).toEqual({
      kind: 'invalid-input',
      message: 'path: must be an absolute path',
    });
  });
});
