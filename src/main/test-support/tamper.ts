import type { Db } from '../db/open-database';

/**
 * Removes the append-only triggers, as someone editing the database file
 * directly would, so tests can tamper with stored entries.
 */
export function dropAppendOnlyGuards(db: Db): void {
  db.exec(`
    DROP TRIGGER journal_entries_refuse_update;
    DROP TRIGGER journal_entries_refuse_delete;
  `);
}

export function entryIdsOf(db: Db, scope: string): string[] {
  return (
    db
      .prepare(
        'SELECT id FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
      )
      .all(scope) as { id: string }[]
  ).map((row) => row.id);
}
