import { AppFailure } from '../../shared/result';
import type { Db } from './open-database';
import { MIGRATIONS } from './migrations';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The schema version this build of War Room writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies every migration newer than the file's `user_version`, each in its
 * own transaction together with the version bump, so a crash leaves the
 * database at a whole version. A file from a newer War Room is refused
 * before anything is written to it.
 */
export function migrate(db: Db, target = LATEST_SCHEMA_VERSION): void {
  refuseNewerSchema(db);
  const current = schemaVersion(db);
  for (let version = current + 1; version <= target; version += 1) {
    const migration = MIGRATIONS[version - 1];
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}

/** Fails, before anything is written, on a file from a newer War Room. */
export function refuseNewerSchema(db: Db): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new AppFailure(
      'storage',
      `this database was written by a newer War Room (schema version ` +
        `${current}; this build knows up to ${LATEST_SCHEMA_VERSION}); it ` +
        'was not changed — use the newer War Room to open it',
    );
  }
}
