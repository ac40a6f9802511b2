import type {
  SecurityAlert,
  SecurityHealth,
  SecurityMetrics,
} from '../../shared/admin-api-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';

/** What one poll asks the platform for. */
export const PULL_PARTS = [
  'alerts',
  'health',
  'metrics',
  'events',
  'failed-logins',
  'identity',
] as const;
export type PullPart = (typeof PULL_PARTS)[number];

export type SnapshotPart = 'alerts' | 'health' | 'metrics';
export type SnapshotValue = {
  alerts: SecurityAlert[];
  health: SecurityHealth;
  metrics: SecurityMetrics;
};

export type EventStream = 'events' | 'failed-logins';

/** Start and end of a pull, as stored UTC text. */
export type PullTimes = { startedAt: string; finishedAt: string };

/** Rows older than the newest this many are pruned from the pull log. */
const PULL_LOG_KEPT = 50_000;
const PRUNE_EVERY = 500;

/** The platform's own test: `failed_login` matches `failed_login_attempt`. */
export function isFailedLogin(eventType: string): boolean {
  return eventType.includes('failed_login');
}

/** Adds a row to the pull log; a failed pull carries its error kind. */
export function insertPull(
  db: Db,
  part: PullPart,
  times: PullTimes,
  errorKind: string | null,
): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO admin_pulls (part, started_at, finished_at, ok, error_kind)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(
    part,
    times.startedAt,
    times.finishedAt,
    errorKind === null ? 1 : 0,
    errorKind,
  );
  const id = Number(lastInsertRowid);
  if (id % PRUNE_EVERY === 0) {
    statement(db, 'DELETE FROM admin_pulls WHERE id <= ?').run(
      id - PULL_LOG_KEPT,
    );
  }
  return id;
}

/** Logs a pull the platform did not answer with data. */
export function recordFailedPull(
  db: Db,
  part: PullPart,
  times: PullTimes,
  errorKind: string,
): void {
  insertPull(db, part, times, errorKind);
}

/** Logs a pull that brought nothing to cache (the identity heartbeat). */
export function recordEmptyPull(
  db: Db,
  part: PullPart,
  times: PullTimes,
): void {
  insertPull(db, part, times, null);
}

/** Replaces the cached alerts, health or metrics with a fresh fetch. */
export function storeSnapshot<P extends SnapshotPart>(
  db: Db,
  part: P,
  value: SnapshotValue[P],
  times: PullTimes,
): void {
  db.transaction(() => {
    const pullId = insertPull(db, part, times, null);
    statement(
      db,
      `INSERT INTO admin_snapshots (part, value, fetched_at) VALUES (?, ?, ?)
       ON CONFLICT (part) DO UPDATE
         SET value = excluded.value, fetched_at = excluded.fetched_at`,
    ).run(part, JSON.stringify(value), times.finishedAt);
    const received = Array.isArray(value) ? value.length : 1;
    statement(db, 'UPDATE admin_pulls SET received = ? WHERE id = ?').run(
      received,
      pullId,
    );
  }).immediate();
}

export function readSnapshot<P extends SnapshotPart>(
  db: Db,
  part: P,
): { value: SnapshotValue[P]; fetchedAt: string } | null {
  const row = statement<{ value: string; fetched_at: string }>(
    db,
    'SELECT value, fetched_at FROM admin_snapshots WHERE part = ?',
  ).get(part);
  if (!row) return null;
  return {
    value: JSON.parse(row.value) as SnapshotValue[P],
    fetchedAt: row.fetched_at,
  };
}

/**
 * Empties the cache, for when the console is pointed at another platform:
 * its rows must not mix with the new one's. The pull log goes too.
 */
export function clearAdminCache(db: Db): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM admin_failed_logins').run();
    statement(db, 'DELETE FROM admin_security_events').run();
    statement(db, 'DELETE FROM admin_snapshots').run();
    statement(db, 'DELETE FROM admin_pulls').run();
  }).immediate();
}
