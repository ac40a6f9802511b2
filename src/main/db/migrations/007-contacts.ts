import type { Db } from '../open-database';

/**
 * Contacts, communication templates, resources and regulatory regimes:
 * projections of `contacts.*`, `comms.*` and `resources.*` entries in the
 * organisation's journal, written in the same transaction. Roles and
 * channels are JSON arrays; they are read whole and never queried apart.
 * Notifications and sent communications live only in incident journals.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE contacts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) > 0),
      organisation TEXT NOT NULL,
      roles TEXT NOT NULL CHECK (json_type(roles) = 'array'),
      channels TEXT NOT NULL CHECK (json_type(channels) = 'array'),
      on_call INTEGER NOT NULL CHECK (on_call IN (0, 1)),
      time_zone TEXT NOT NULL,
      notes TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE comm_templates (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      audience TEXT NOT NULL,
      body TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE resources (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      target TEXT NOT NULL,
      grouping TEXT NOT NULL,
      notes TEXT NOT NULL
    ) STRICT;

    CREATE TABLE regulatory_regimes (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      hours INTEGER NOT NULL CHECK (hours > 0)
    ) STRICT;
  `);
}
