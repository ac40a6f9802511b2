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

it('adds the evidence log to a version-2 database and keeps its data', () => {
  const db = new Database(join(dir.path, 'v2.db'));
  migrate(db, 2);
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by, phase)
     VALUES (?, 'Old incident', '', 'high', 'data-security', 'open',
       '2026-01-01T00:00:00.000000Z', 'ana', 'containment')`,
  ).run(INCIDENT);

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
