import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dropAppendOnlyGuards } from '../test-support/tamper';
import { DATABASE_FILE } from '../war-room';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

function tamperWithNote(entryId: string): void {
  const db = new Database(join(sandbox.dataDir, DATABASE_FILE));
  dropAppendOnlyGuards(db);
  db.prepare('UPDATE journal_entries SET payload = ? WHERE id = ?').run(
    JSON.stringify({ text: 'nothing happened' }),
    entryId,
  );
  db.close();
}

describe('war-room verify', () => {
  it('reports intact chains with exit 0', async () => {
    const id = await sandbox.createIncident();
    await sandbox.run(['note', '--incident', id, 'first']);
    const text = await sandbox.run(['verify']);
    expect(text).toEqual({
      code: 0,
      stdout: 'OK: 1 chain, 3 entries verified, no problems found\n',
      stderr: '',
    });
    const json = await sandbox.run(['verify', '--json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(
      '{"ok":true,"chains":1,"entries":3,"problems":[]}\n',
    );
  });

  it('names the broken link and exits 1 when an entry was altered', async () => {
    const id = await sandbox.createIncident();
    const note = await sandbox.run([
      'note',
      '--incident',
      id,
      'blocked the address',
    ]);
    const entryId = note.stdout.trim();
    tamperWithNote(entryId);

    const text = await sandbox.run(['verify']);
    expect(text.code).toBe(1);
    const [heading, line] = text.stdout.split('\n');
    expect(heading).toBe('FAILED: 1 problem found (1 chain, 3 entries)');
    expect(line).toMatch(
      new RegExp(`^incident ${id} entry ${entryId}: altered: .+`),
    );

    const json = await sandbox.run(['verify', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual([
      'ok',
      'chains',
      'entries',
      'problems',
    ]);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(Object.keys(report.problems[0])).toEqual([
      'incident',
      'entry',
      'kind',
      'detail',
    ]);
    expect(report.problems[0]).toMatchObject({
      incident: id,
      entry: entryId,
      kind: 'altered',
    });
  });
});
