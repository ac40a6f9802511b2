import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { migrate } from '../db/migrate';
import { makeTempDir } from './temp-war-room';

export const OLD_INCIDENT_ID = '01JD0000000000000000000001';

/**
 * Gives each test of a migration file its own folder, removed afterwards,
 * and opens databases in it built up to an older schema version, so each
 * migration is tested from the version before it with data in place.
 */
export function useDatabasesAtVersion(): (
  version: number,
) => Database.Database {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());
  return (version) => {
    const db = new Database(join(dir.path, `v${version}.db`));
    migrate(db, version);
    return db;
  };
}

/**
 * An open high-severity incident in containment, as written before the
 * migration under test (the phase column exists from version 2 on).
 */
export function insertOldIncident(db: Database.Database): void {
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by, phase)
     VALUES (?, 'Old incident', '', 'high', 'data-security', 'open',
       '2026-01-01T00:00:00.000000Z', 'ana', 'containment')`,
  ).run(OLD_INCIDENT_ID);
}
