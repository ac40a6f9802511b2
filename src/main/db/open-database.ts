import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { migrate, refuseNewerSchema } from './migrate';

export type Db = Database.Database;

/**
 * Files up to this size get a full structural check every time they are
 * opened (well under a second). Larger ones would make every command wait
 * seconds, so for them the open reads only the schema, and the full check
 * runs with `war-room verify` and every full verification.
 */
export const OPEN_CHECK_MAX_BYTES = 64 * 1024 * 1024;

export type OpenDatabaseOptions = {
  /** Path to an Electron-ABI build of better-sqlite3 (desktop app only). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Overrides OPEN_CHECK_MAX_BYTES; tests use it to skip the page check. */
  pageCheckMaxBytes?: number;
};

function describeOpenFailure(file: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot open the database at ${file}: ${reason}`;
}

/**
 * Opens War Room's database, sets its pragmas and brings its schema up to
 * date. The one place a connection is made.
 *
 * Fails with an AppFailure of kind `storage` (and leaves the file exactly as
 * it was) when the file is not a SQLite database, is damaged, or was written
 * by a newer War Room.
 */
export function openDatabase(
  file: string,
  options: OpenDatabaseOptions = {},
): Db {
  const isNew = !existsSync(file);
  let db: Db;
  try {
    db = new Database(file, {
      nativeBinding: options.nativeBinding,
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    throw new AppFailure('storage', describeOpenFailure(file, error));
  }

  try {
    checkIntegrity(db, file, isNew, options.pageCheckMaxBytes);
    refuseNewerSchema(db);
    applyPragmas(db);
    if (!options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('storage', describeOpenFailure(file, error));
  }
}

/**
 * Looks for damage before anything is written. Reading the schema fails on
 * a file that is not a database; `quick_check` reads every page and catches
 * damaged ones. Nothing is repaired or overwritten; the commander decides.
 */
function checkIntegrity(
  db: Db,
  file: string,
  isNew: boolean,
  pageCheckMaxBytes = OPEN_CHECK_MAX_BYTES,
): void {
  if (isNew) return;
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  if (statSync(file).size <= pageCheckMaxBytes) checkPages(db, file);
}

/** Fails with a `storage` AppFailure naming the damage, if there is any. */
export function checkPages(db: Db, file = db.name): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new AppFailure(
      'storage',
      `the database at ${file} is damaged (${String(result)}); it was not ` +
        'changed — restore it from a backup or open another data directory',
    );
  }
}

function applyPragmas(db: Db): void {
  // Write-ahead logging: readers (the timeline, the command line, serve
  // mode) never block the writer, and a crash never corrupts the file.
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit, so an entry reported saved survives
  // a power loss — the promise the journal makes to the commander.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The app, serve mode and the command line may share one data directory:
  // wait for another process's write lock instead of failing at once.
  db.pragma('busy_timeout = 10000');
  // Keep the WAL from growing without bound during bulk imports.
  db.pragma('journal_size_limit = 67108864');
}
