import type { SecurityEvent } from '../../shared/admin-api-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  insertPull,
  isFailedLogin,
  type EventStream,
  type PullTimes,
} from './admin-cache';

/** A window of time in which rows may exist that no pull brought. */
export type GapWindow = { start: string; end: string };

export type EventPullOutcome = {
  received: number;
  /** Rows of this stream not cached before. */
  newRows: number;
  gap: GapWindow | null;
};

function newestCached(db: Db, stream: EventStream): string | null {
  const sql =
    stream === 'events'
      ? 'SELECT max(occurred_at) AS newest FROM admin_security_events'
      : 'SELECT max(occurred_at) AS newest FROM admin_failed_logins';
  return statement<{ newest: string | null }>(db, sql).get()?.newest ?? null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Inserts an event unless its id is cached; true if it was new. */
function insertEvent(db: Db, event: SecurityEvent, seenAt: string): boolean {
  const { changes } = statement(
    db,
    `INSERT INTO admin_security_events (id, occurred_at, event_type,
       severity, user_id, ip_address, description, details, first_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(
    event.id,
    event.occurredAt,
    event.eventType,
    event.severity,
    event.userId,
    event.ipAddress,
    event.description,
    JSON.stringify(event.details),
    seenAt,
  );
  return changes > 0;
}

/**
 * The account a failed login tried: the user name typed (present even for
 * accounts that do not exist), else the platform's user id.
 */
function insertFailedLogin(db: Db, event: SecurityEvent): boolean {
  const { changes } = statement(
    db,
    `INSERT INTO admin_failed_logins (event_id, occurred_at, ip_address,
       account, failure_reason)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO NOTHING`,
  ).run(
    event.id,
    event.occurredAt,
    event.ipAddress,
    textOf(event.details.username) ?? event.userId,
    textOf(event.details.failure_reason),
  );
  return changes > 0;
}

function oldestOf(rows: readonly SecurityEvent[]): string {
  let oldest = rows[0].occurredAt;
  for (const row of rows) {
    if (row.occurredAt < oldest) oldest = row.occurredAt;
  }
  return oldest;
}

/**
 * The gap rule. The platform answers at most `limit` newest rows and has
 * no cursor, so a pull that comes back full and brings only rows never
 * seen, when something was cached before, may have skipped rows between
 * the newest cached one and the oldest one brought. A pull with fewer
 * rows than the limit brought every matching row, so nothing was skipped.
 */
function findGap(
  rows: readonly SecurityEvent[],
  newRows: number,
  limit: number,
  newestBefore: string | null,
): GapWindow | null {
  const distinct = new Set(rows.map((row) => row.id)).size;
  const full = rows.length >= limit;
  if (newestBefore === null || !full || newRows < distinct) return null;
  return { start: newestBefore, end: oldestOf(rows) };
}

/**
 * Caches the rows of one events pull, each id once, and logs the pull with
 * its counts and any possible gap, all in one transaction.
 */
export function storeEvents(
  db: Db,
  stream: EventStream,
  rows: readonly SecurityEvent[],
  times: PullTimes,
  limit: number,
): EventPullOutcome {
  return db
    .transaction(() => {
      const newestBefore = newestCached(db, stream);
      const pullId = insertPull(db, stream, times, null);
      let newEvents = 0;
      let newLogins = 0;
      for (const row of rows) {
        if (insertEvent(db, row, times.finishedAt)) newEvents += 1;
        if (isFailedLogin(row.eventType) && insertFailedLogin(db, row)) {
          newLogins += 1;
        }
      }
      const newRows = stream === 'events' ? newEvents : newLogins;
      const gap = findGap(rows, newRows, limit, newestBefore);
      statement(
        db,
        `UPDATE admin_pulls
            SET received = ?, new_rows = ?, possible_gap = ?, gap_start = ?,
                gap_end = ?
          WHERE id = ?`,
      ).run(
        rows.length,
        newRows,
        gap ? 1 : 0,
        gap?.start ?? null,
        gap?.end ?? null,
        pullId,
      );
      return { received: rows.length, newRows, gap };
    })
    .immediate();
}
