import type { Db } from '../open-database';

/**
 * The offline cache of the platform's admin API, so the dashboard still
 * shows what was last known when the platform or the network is down.
 *
 * A cache, not a record: nothing here is journaled, and it is emptied when
 * the console is pointed at another platform. What must stand up later is
 * pinned to an incident's journal or pulled into the evidence log.
 *
 * - `admin_snapshots`: the latest alerts set, health and metrics, each as
 *   normalised JSON with the time it was fetched.
 * - `admin_security_events`: every security event seen, once per id,
 *   indexed for the dashboard's filters.
 * - `admin_failed_logins`: the failed-login events among them, with the
 *   address and the account tried pulled out for the attack analysis.
 * - `admin_pulls`: one row per request the poller made, with what it
 *   brought and whether rows may have been missed between two pulls;
 *   the oldest rows are pruned so the log stays bounded.
 * - `admin_settings`: the non-secret settings. Its keys are a closed list,
 *   so the admin token cannot be stored here by mistake; the token lives
 *   in the OS keychain, the environment or memory.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE admin_settings (
      key TEXT PRIMARY KEY
        CHECK (key IN ('base_url', 'poll_budget_per_minute',
                       'cache_base_url')),
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE admin_snapshots (
      part TEXT PRIMARY KEY CHECK (part IN ('alerts', 'health', 'metrics')),
      value TEXT NOT NULL CHECK (json_valid(value)),
      fetched_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE admin_pulls (
      id INTEGER PRIMARY KEY,
      part TEXT NOT NULL
        CHECK (part IN ('alerts', 'health', 'metrics', 'events',
                        'failed-logins', 'identity')),
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
      error_kind TEXT,
      received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
      new_rows INTEGER NOT NULL DEFAULT 0 CHECK (new_rows >= 0),
      possible_gap INTEGER NOT NULL DEFAULT 0 CHECK (possible_gap IN (0, 1)),
      gap_start TEXT,
      gap_end TEXT
    ) STRICT;

    CREATE INDEX admin_pulls_by_part ON admin_pulls (part, id);
    CREATE INDEX admin_pulls_gaps ON admin_pulls (id) WHERE possible_gap = 1;

    CREATE TABLE admin_security_events (
      id TEXT PRIMARY KEY,
      occurred_at TEXT NOT NULL,
      event_type TEXT NOT NULL,
      severity TEXT NOT NULL
        CHECK (severity IN ('low', 'medium', 'high', 'critical')),
      user_id TEXT,
      ip_address TEXT,
      description TEXT NOT NULL,
      details TEXT NOT NULL CHECK (json_valid(details)),
      first_seen_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX admin_events_by_time
      ON admin_security_events (occurred_at, id);
    CREATE INDEX admin_events_by_type
      ON admin_security_events (event_type, occurred_at);
    CREATE INDEX admin_events_by_severity
      ON admin_security_events (severity, occurred_at);
    CREATE INDEX admin_events_by_user
      ON admin_security_events (user_id, occurred_at);
    CREATE INDEX admin_events_by_ip
      ON admin_security_events (ip_address, occurred_at);

    CREATE TABLE admin_failed_logins (
      event_id TEXT PRIMARY KEY REFERENCES admin_security_events (id),
      occurred_at TEXT NOT NULL,
      ip_address TEXT,
      account TEXT,
      failure_reason TEXT
    ) STRICT;

    CREATE INDEX admin_failed_logins_by_time
      ON admin_failed_logins (occurred_at);
  `);
}
