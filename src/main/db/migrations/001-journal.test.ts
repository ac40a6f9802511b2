import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTempDir } from '../../test-support/temp-war-room';
import { migrate, schemaVersion } from '../migrate';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

it('migrates an empty version-0 file to version 1 and keeps what it holds', () => {
  const file = join(dir.path, 'v0.db');
  const v0 = new Database(file);
  // Version 0 is whatever SQLite makes; a stray table must survive.
  v0.exec(
    "CREATE TABLE scratch (note TEXT); INSERT INTO scratch VALUES ('kept')",
  );
  expect(schemaVersion(v0)).toBe(0);

  migrate(v0, 1);

  expect(schemaVersion(v0)).toBe(1);
  expect(v0.prepare('SELECT note FROM scratch').get()).toEqual({
    note: 'kept',
  });
  const tables = v0
    .prepare(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')",
    )
    .all()
    .map((row) => (row as { name: string }).name);
  expect(tables).toEqual(
    expect.arrayContaining([
      'journal_entries',
      'journal_chain_heads',
      'journal_search',
      'incidents',
      'meta',
      'journal_entries_refuse_update',
      'journal_entries_refuse_delete',
    ]),
  );
  v0.prepare(
    `INSERT INTO journal_entries (id, scope, scope_pos, device_id, chain_seq,
      kind, actor, occurred_at, occurred_offset, time_source, recorded_at,
      payload, prev_hash, hash)
     VALUES ('A', 's', 1, 'd', 1, 'note', 'x', 't', '+00:00', 'device-clock',
      't', '{}', 'p', 'h')`,
  ).run();
  expect(() =>
    v0.prepare("UPDATE journal_entries SET kind = 'y'").run(),
  ).toThrow(/append-only/);
  v0.close();
});
