import type { Db } from '../open-database';

/**
 * The evidence log. `vault_blobs` lists the content-addressed files in the
 * vault (one row per distinct content, however many items share it);
 * `evidence_items` and `evidence_custody` are projections of the
 * `evidence.*` journal entries, written in the transaction that appends
 * them. Hashes are lowercase hex; sizes are bytes.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE vault_blobs (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      sha1 TEXT NOT NULL CHECK (length(sha1) = 40),
      md5 TEXT NOT NULL CHECK (length(md5) = 32),
      size INTEGER NOT NULL CHECK (size >= 0),
      stored_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE evidence_items (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      sha256 TEXT NOT NULL REFERENCES vault_blobs (sha256),
      name TEXT NOT NULL,
      original_path TEXT NOT NULL,
      source TEXT NOT NULL
        CHECK (source IN ('file', 'upload', 'text', 'api-response',
                          'symlink')),
      link_target TEXT,
      source_host TEXT NOT NULL,
      original_modified_at TEXT,
      acquired_at TEXT NOT NULL,
      acquired_by TEXT NOT NULL,
      type TEXT NOT NULL,
      description TEXT NOT NULL,
      tags TEXT NOT NULL,
      linked_entries TEXT NOT NULL DEFAULT '[]',
      custody_state TEXT NOT NULL DEFAULT 'collected',
      custodian TEXT NOT NULL,
      integrity TEXT NOT NULL DEFAULT 'unverified'
        CHECK (integrity IN ('unverified', 'intact', 'altered', 'missing')),
      integrity_checked_at TEXT,
      entry_id TEXT NOT NULL REFERENCES journal_entries (id)
    ) STRICT;

    CREATE INDEX evidence_items_by_incident
      ON evidence_items (incident_id, acquired_at);

    CREATE TABLE evidence_custody (
      entry_id TEXT PRIMARY KEY REFERENCES journal_entries (id),
      evidence_id TEXT NOT NULL REFERENCES evidence_items (id),
      action TEXT NOT NULL
    ) STRICT;

    CREATE INDEX evidence_custody_by_item
      ON evidence_custody (evidence_id);
  `);
}
