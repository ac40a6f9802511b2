import type Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import {
  insertOldIncident,
  useDatabasesAtVersion,
} from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

function seedVersion5(db: Database.Database): void {
  insertOldIncident(db);
}

it('adds the guard-rail settings to a version-5 database, keeping data', () => {
  const db = openAtVersion(5);
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
  const db = openAtVersion(6);
  const insert = db.prepare(
    `INSERT INTO second_persons (name, passphrase_hash, added_at, added_by)
     VALUES (?, ?, 't', 'ana')`,
  );

  insert.run('Bea', 'scrypt$32768$8$1$c2FsdA==$aGFzaA==');

  expect(() => insert.run('Carl', 'plain passphrase')).toThrow(/CHECK/);
  expect(() => insert.run('BEA', 'scrypt$1$1$1$a$b')).toThrow(/UNIQUE/);
  db.close();
});
