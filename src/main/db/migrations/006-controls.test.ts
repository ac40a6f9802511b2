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

const INCIDENT = '01JD0000000000000000000001';

function seedVersion5(db: Database.Database): void {
  migrate(db, 5);
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by, phase)
     VALUES (?, 'Old incident', '', 'high', 'data-security', 'open',
       '2026-01-01T00:00:00.000000Z', 'ana', 'containment')`,
  ).run(INCIDENT);
}

it('adds the guard-rail settings to a version-5 database, keeping data', () => {
  const db = new Database(join(dir.path, 'v5.db'));
  seedVersion5(db);

  migrate(db, 6);

  expect(schemaVersion(db)).toBe(6);
  expect(db.prepare('SELECT title FROM incidents').get()).toEqual({
    title: 'Old incident',
  });
  expect(db.prepare('SELECT count(*) AS n FROM second_persons').get()).toEqual({
    n: 0,
  });
  db.close();
});

it('keeps only scrypt hashes, one row per name whatever its case', () => {
  const db = new Database(join(dir.path, 'v6.db'));
  migrate(db, 6);
  const insert = db.prepare(
    `INSERT INTO second_persons (name, passphrase_hash, added_at, added_by)
     VALUES (?, ?, 't', 'ana')`,
  );

  insert.run('Bea', 'scrypt$32768$8$1$c2FsdA==$aGFzaA==');

  expect(() => insert.run('Carl', 'plain passphrase')).toThrow(/CHECK/);
  expect(() => insert.run('BEA', 'scrypt$1$1$1$a$b')).toThrow(/UNIQUE/);
  db.close();
});
