import type { Db } from '../open-database';

/**
 * The outbox of emergency actions: one row per action, a projection of the
 * incident's journal (`action.*` entries) kept in the same transaction as
 * the entry that changes it, so the queue survives restarts and crashes
 * and never disagrees with the timeline.
 *
 * - `fresh_since_micros`: when the commander last confirmed the action
 *   (queued or reconfirmed); an action that waited offline longer than the
 *   limit since then is never sent without a fresh confirmation.
 * - `in_doubt`: an attempt went out whose effect is not known (no answer,
 *   a reset, a 5xx); the server's state is checked before any resend.
 * - `next_attempt_micros`: not sent before then (backoff, `Retry-After`);
 *   null means as soon as the platform is reachable.
 *
 * No admin token is ever stored here: `last_answer` holds a status and the
 * server's words cut short, after the token has been scrubbed out.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE outbox_actions (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      request TEXT NOT NULL CHECK (json_valid(request)),
      state TEXT NOT NULL
        CHECK (state IN ('queued', 'sending', 'confirmed', 'failed',
                         'unknown', 'needs-reconfirmation', 'cancelled')),
      state_reason TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_micros INTEGER NOT NULL,
      queued_by TEXT NOT NULL,
      second_person TEXT,
      reconfirmed_by TEXT,
      reconfirmed_at TEXT,
      fresh_since_micros INTEGER NOT NULL,
      queued_offline INTEGER NOT NULL CHECK (queued_offline IN (0, 1)),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_micros INTEGER,
      in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
      last_error TEXT,
      last_answer TEXT CHECK (last_answer IS NULL OR json_valid(last_answer)),
      route TEXT,
      result_id TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX outbox_by_state ON outbox_actions (state, next_attempt_micros);
    CREATE INDEX outbox_by_incident
      ON outbox_actions (incident_id, created_micros);
  `);
}
