import type { Db } from '../open-database';

/**
 * The Controls pane's guard-rail settings, projections of `controls.*`
 * entries in the organisation's journal, kept in the same transaction:
 *
 * - `controls_settings`: one row per setting (`two_person_rule` = '1' or
 *   '0'); an absent row means the default (off).
 * - `second_persons`: the people who may confirm under the two-person
 *   rule. Only a scrypt hash of each passphrase is kept (see
 *   passphrase-hash.ts); the journal records the name, never the hash.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE controls_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE second_persons (
      name TEXT PRIMARY KEY COLLATE NOCASE,
      passphrase_hash TEXT NOT NULL CHECK (passphrase_hash LIKE 'scrypt$%'),
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL
    ) STRICT;
  `);
}
