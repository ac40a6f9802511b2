import type { Db } from '../open-database';

/**
 * The journal and its projections.
 *
 * `journal_entries` is the source of truth and is append-only: triggers
 * refuse UPDATE and DELETE. `seq` is this database's insertion order;
 * `scope_pos` numbers a scope's entries densely so the timeline can jump to
 * any position without scanning; `chain_seq` is the entry's place in its
 * per-scope, per-device hash chain. `target_id` repeats an amend entry's
 * target from its payload so corrections can be found by index.
 *
 * `journal_chain_heads`, `journal_search` and `incidents` are projections,
 * written in the same transaction as the entry they derive from.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE journal_entries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      scope TEXT NOT NULL,
      scope_pos INTEGER NOT NULL,
      device_id TEXT NOT NULL,
      chain_seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      occurred_offset TEXT NOT NULL,
      time_source TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      payload TEXT NOT NULL,
      target_id TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;

    CREATE UNIQUE INDEX journal_scope_position
      ON journal_entries (scope, scope_pos);
    CREATE UNIQUE INDEX journal_chain_position
      ON journal_entries (scope, device_id, chain_seq);
    CREATE INDEX journal_scope_kind
      ON journal_entries (scope, kind, scope_pos);
    CREATE INDEX journal_scope_actor
      ON journal_entries (scope, actor, scope_pos);
    CREATE INDEX journal_amend_target
      ON journal_entries (target_id) WHERE target_id IS NOT NULL;

    CREATE TRIGGER journal_entries_refuse_update
      BEFORE UPDATE ON journal_entries
    BEGIN
      SELECT RAISE(ABORT, 'journal entries are append-only; write an amend entry instead');
    END;

    CREATE TRIGGER journal_entries_refuse_delete
      BEFORE DELETE ON journal_entries
    BEGIN
      SELECT RAISE(ABORT, 'journal entries are append-only and cannot be deleted');
    END;

    CREATE TABLE journal_chain_heads (
      scope TEXT NOT NULL,
      device_id TEXT NOT NULL,
      length INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      PRIMARY KEY (scope, device_id)
    ) STRICT;

    CREATE VIRTUAL TABLE journal_search USING fts5(
      text,
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      severity TEXT NOT NULL
        CHECK (severity IN ('critical', 'high', 'medium', 'low')),
      category TEXT NOT NULL,
      subtype TEXT,
      detected_at TEXT,
      detection_method TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      opened_at TEXT NOT NULL,
      opened_by TEXT NOT NULL
    ) STRICT;
  `);
}
