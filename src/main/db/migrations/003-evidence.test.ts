import { expect, it } from 'vitest';
import {
  insertOldIncident,
  useDatabasesAtVersion,
} from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

it('adds the evidence log to a version-2 database and keeps its data', () => {
  const db = openAtVersion(2);
  insertOldIncident(db);

  migrate(db, 3);

  expect(schemaVersion(db)).toBe(3);
  expect(db.prepare('SELECT title, phase FROM incidents').get()).toEqual({
    title: 'Old incident',
    phase: 'containment',
  });
  expect(db.prepare('SELECT count(*) AS n FROM evidence_items').get()).toEqual({
    n: 0,
  });
  expect(() =>
    db
      .prepare(
        `INSERT INTO vault_blobs (sha256, sha1, md5, size, stored_at)
         VALUES ('short', '', '', 1, '')`,
      )
      .run(),
  ).toThrow(/CHECK constraint/);
  db.close();
});
