import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

const sha256 = (path: string) =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/** Entries in the journal, opening and its playbooks included. */
async function entryCount(incidentId: string): Promise<number> {
  const incidents = await sandbox.listIncidents();
  return incidents.find((incident) => incident.id === incidentId)!.entryCount;
}

function write(name: string, content: string): string {
  const path = join(sandbox.root, name);
  writeFileSync(path, content);
  return path;
}

const EVENTS = [
  'message,datetime,timestamp_desc,src_ip',
  'Failed login for root,2025-01-20T10:12:51.004417Z,Event time,203.0.113.45',
  '=cmd|calc,2025-01-20T10:12:52+01:00,Event time,203.0.113.77',
  '',
].join('\n');

describe('war-room export timeline', () => {
  it.each(['timesketch-csv', 'timesketch-jsonl', 'iris-csv', 'csv'])(
    'writes %s and prints where, what and its hash',
    async (format) => {
      const incidentId = await sandbox.createIncident();
      await sandbox.run(['note', '--incident', incidentId, 'Blocked the IP']);
      const out = join(sandbox.root, `timeline.${format}`);
      const entries = await entryCount(incidentId);

      const result = await sandbox.run([
        'export',
        'timeline',
        '--incident',
        incidentId,
        '--format',
        format,
        '--out',
        out,
      ]);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `file: ${out}\nformat: ${format}\nentries: ${entries}\n` +
          `SHA-256: ${sha256(out)}\n`,
      );
    },
  );

  it('refuses an unknown format, a missing option and an existing file', async () => {
    const incidentId = await sandbox.createIncident();
    const out = write('taken.csv', 'keep');
    const base = ['export', 'timeline', '--incident', incidentId];

    const unknown = await sandbox.run([
      ...base,
      '--format',
      'xlsx',
      '--out',
      out,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are timesketch-csv/);

    const missing = await sandbox.run([...base, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--format <format>' not specified/);

    const taken = await sandbox.run([...base, '--format', 'csv', '--out', out]);
    expect(taken).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${out} already exists; War Room does not overwrite files\n`,
    });
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });

  it('resolves a relative --out against the working directory', async () => {
    const incidentId = await sandbox.createIncident();
    const result = await sandbox.run([
      'export',
      'timeline',
      '--incident',
      incidentId,
      '--format',
      'csv',
      '--out',
      join(sandbox.root, 'sub', '..', 'plain.csv'),
    ]);
    expect(result.code).toBe(0);
    expect(existsSync(join(sandbox.root, 'plain.csv'))).toBe(true);
  });
});

describe('war-room import timeline', () => {
  it('detects the format, imports and prints "imported N, rejected M"', async () => {
    const incidentId = await sandbox.createIncident();
    const file = write('events.csv', EVENTS);

    const result = await sandbox.run([
      'import',
      'timeline',
      '--incident',
      incidentId,
      file,
    ]);

    expect(result.stdout).toBe('imported 2, rejected 0\n');
    expect(result.stderr).toMatch(
      new RegExp(
        `^note: the file is in the evidence log as [0-9A-Z]{26} \\(SHA-256 ${sha256(file)}\\)\n$`,
      ),
    );
    expect(result.code).toBe(0);
  });

  it('refuses the whole file with exit 1 and the lines, unless bad rows may be skipped', async () => {
    const incidentId = await sandbox.createIncident();
    const file = write(
      'events.csv',
      `${EVENTS}no zone,2025-01-20 10:00:00,Event time,x\n`,
    );
    const args = ['import', 'timeline', '--incident', incidentId, file];

    const refused = await sandbox.run(args);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('imported 0, rejected 1\n');
    expect(refused.stderr).toBe(
      'line 4: "2025-01-20 10:00:00" has no time zone; give the file\'s ' +
        'zone (an IANA name like Europe/Berlin, or ±HH:MM)\n' +
        'error: nothing was imported; fix the rows above, or import again ' +
        'with --skip-bad-rows to leave them out\n',
    );

    const skipped = await sandbox.run([...args, '--skip-bad-rows']);
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toBe('imported 2, rejected 1\n');

    const zoned = await sandbox.run([...args, '--zone', '+05:30']);
    expect(zoned.code).toBe(0);
    expect(zoned.stdout).toBe('imported 3, rejected 0\n');
  });

  it('takes the format and admin API files as given', async () => {
    const incidentId = await sandbox.createIncident();
    const audit = write(
      'incident_logs.json',
      JSON.stringify([
        {
          id: '7e1d5e46-bab0-4738-865b-070af0e513c7',
          timestamp: '2025-01-20T11:50:12.904113',
          action: 'system_lockout_deactivated',
          status: 'success',
        },
      ]),
    );
    const result = await sandbox.run([
      'import',
      'timeline',
      '--incident',
      incidentId,
      '--format',
      'admin-audit-json',
      audit,
    ]);
    expect(result.stdout).toBe('imported 1, rejected 0\n');
    expect(result.code).toBe(0);
  });

  it('exits 1 for a file it cannot read as text, 2 for usage mistakes', async () => {
    const incidentId = await sandbox.createIncident();
    const utf16 = join(sandbox.root, 'utf16.csv');
    writeFileSync(
      utf16,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(EVENTS, 'utf16le'),
      ]),
    );
    const base = ['import', 'timeline', '--incident', incidentId];

    const encoded = await sandbox.run([...base, utf16]);
    expect(encoded.code).toBe(1);
    expect(encoded.stdout).toBe('imported 0, rejected 0\n');
    expect(encoded.stderr).toMatch(
      /^error: nothing was imported: the file is UTF-16/,
    );

    const badZone = await sandbox.run([
      ...base,
      '--zone',
      'Mars',
      write('a.csv', EVENTS),
    ]);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/"Mars" is not a time zone/);

    const missing = await sandbox.run([
      ...base,
      join(sandbox.root, 'none.csv'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/there is no file at/);

    const noIncident = await sandbox.run([
      'import',
      'timeline',
      '--incident',
      '01JD0000000000000000000000',
      write('b.csv', EVENTS),
    ]);
    expect(noIncident.code).toBe(2);
    expect(noIncident.stderr).toMatch(/no incident has the id/);
  });

  it('round-trips through the files it writes', async () => {
    const source = await sandbox.createIncident();
    await sandbox.run([
      'import',
      'timeline',
      '--incident',
      source,
      write('events.csv', EVENTS),
    ]);
    const out = join(sandbox.root, 'out.csv');
    const entries = await entryCount(source);
    await sandbox.run([
      'export',
      'timeline',
      '--incident',
      source,
      '--format',
      'timesketch-csv',
      '--out',
      out,
    ]);
    const copy = await sandbox.createIncident();

    const result = await sandbox.run([
      'import',
      'timeline',
      '--incident',
      copy,
      out,
    ]);

    expect(result.stdout).toBe(`imported ${entries}, rejected 0\n`);
    expect(result.code).toBe(0);
  });
});
