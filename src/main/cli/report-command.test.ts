import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

const sha256 = (path: string) =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

describe('war-room export report', () => {
  it.each(['md', 'html'])(
    'writes the %s report and prints where, what and its hash',
    async (format) => {
      const incidentId = await sandbox.createIncident();
      await sandbox.run(['note', '--incident', incidentId, 'Blocked the IP']);
      const out = join(sandbox.root, `report.${format}`);

      const result = await sandbox.run([
        'export',
        'report',
        '--incident',
        incidentId,
        '--format',
        format,
        '--out',
        out,
      ]);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const bytes = readFileSync(out).length;
      expect(result.stdout).toBe(
        `file: ${out}\nformat: ${format}\nbytes: ${bytes}\n` +
          `SHA-256: ${sha256(out)}\n`,
      );
      expect(readFileSync(out, 'utf8')).toContain('Blocked the IP');
    },
  );

  it('exits 2 for an unknown format, an existing file or an unknown incident', async () => {
    const incidentId = await sandbox.createIncident();
    const out = join(sandbox.root, 'taken.md');
    writeFileSync(out, 'keep');
    const base = ['export', 'report', '--incident', incidentId];

    const unknown = await sandbox.run([
      ...base,
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    const taken = await sandbox.run([...base, '--format', 'md', '--out', out]);
    const missing = await sandbox.run([
      'export',
      'report',
      '--incident',
      '01JD0000000000000000000001',
      '--format',
      'md',
      '--out',
      join(sandbox.root, 'other.md'),
    ]);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are md, html/);
    expect(taken).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${out} already exists; War Room does not overwrite files\n`,
    });
    expect(readFileSync(out, 'utf8')).toBe('keep');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no incident has the id/);
  });
});

describe('war-room export summary', () => {
  it('writes the monthly posture report as Markdown', async () => {
    await sandbox.createIncident();
    const out = join(sandbox.root, 'posture.md');

    const result = await sandbox.run([
      'export',
      'summary',
      '--period',
      'monthly',
      '--date',
      '2026-12-03',
      '--out',
      out,
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'period: monthly from 2026-12-01T00:00:00.000000Z to ' +
        '2027-01-01T00:00:00.000000Z\n',
    );
    expect(readFileSync(out, 'utf8')).toMatch(
      /^# Monthly security posture report: 2026-12\n/,
    );
  });

  it('exits 2 for a date that does not exist and for an existing file', async () => {
    await sandbox.createIncident();
    const out = join(sandbox.root, 'taken.md');
    writeFileSync(out, 'keep');
    const base = ['export', 'summary', '--period', 'daily'];

    const badDate = await sandbox.run([
      ...base,
      '--date',
      '2026-02-30',
      '--out',
      join(sandbox.root, 'new.md'),
    ]);
    const taken = await sandbox.run([...base, '--out', out]);

    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/date/);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });
});
