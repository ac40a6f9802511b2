import type { Db } from '../open-database';

/**
 * Incident command: the phase, resolution and closing time join the
 * incident's projection, and each incident's checklist gets a projection of
 * its own. Both are rebuilt from journal entries (`checklist.attached`,
 * `checklist.item-set`, `checklist.item-added`, `incident.*`) in the
 * transaction that appends them.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE incidents
      ADD COLUMN phase TEXT NOT NULL DEFAULT 'detection-and-analysis';
    ALTER TABLE incidents ADD COLUMN resolution TEXT;
    ALTER TABLE incidents ADD COLUMN closed_at TEXT;

    CREATE TABLE checklist_items (
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      item_id TEXT NOT NULL,
      playbook_id TEXT NOT NULL,
      parent_id TEXT,
      depth INTEGER NOT NULL,
      position INTEGER NOT NULL,
      phase TEXT NOT NULL,
      title TEXT NOT NULL,
      notes TEXT NOT NULL,
      required INTEGER NOT NULL CHECK (required IN (0, 1)),
      ad_hoc INTEGER NOT NULL CHECK (ad_hoc IN (0, 1)),
      state TEXT NOT NULL DEFAULT 'open'
        CHECK (state IN ('open', 'done', 'skipped')),
      reason TEXT,
      updated_at TEXT,
      updated_by TEXT,
      PRIMARY KEY (incident_id, item_id)
    ) STRICT;

    CREATE INDEX checklist_items_order
      ON checklist_items (incident_id, position);
  `);
}
