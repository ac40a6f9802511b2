import type {
  EventPage,
  EventSeverity,
  SecurityEvent,
} from '../../shared/admin-api-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import type { GapWindow } from './event-cache';

/** Filters match exactly, so each one is answered from its index. */
export type EventFilters = {
  eventType?: string;
  severity?: EventSeverity;
  user?: string;
  ip?: string;
};

type EventRow = {
  id: string;
  occurred_at: string;
  event_type: string;
  severity: EventSeverity;
  user_id: string | null;
  ip_address: string | null;
  description: string;
  details: string;
};

const EVENT_COLUMNS = `id, occurred_at, event_type, severity, user_id,
  ip_address, description, details`;

function toEvent(row: EventRow): SecurityEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    eventType: row.event_type,
    severity: row.severity,
    userId: row.user_id,
    ipAddress: row.ip_address,
    description: row.description,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

const FILTER_COLUMNS: Record<keyof EventFilters, string> = {
  eventType: 'event_type',
  severity: 'severity',
  user: 'user_id',
  ip: 'ip_address',
};

function filterClause(filters: EventFilters) {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const key of Object.keys(FILTER_COLUMNS) as (keyof EventFilters)[]) {
    const value = filters[key];
    if (value === undefined || value === '') continue;
    clauses.push(`${FILTER_COLUMNS[key]} = ?`);
    params.push(value);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return { where, params };
}

/** One page of cached events, newest first, for the virtualised list. */
export function readEventPage(
  db: Db,
  filters: EventFilters,
  page: { offset: number; limit: number },
): EventPage {
  const { where, params } = filterClause(filters);
  const total = statement<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM admin_security_events ${where}`,
  ).get(...params)!.total;
  const rows = statement<EventRow>(
    db,
    `SELECT ${EVENT_COLUMNS} FROM admin_security_events ${where}
      ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?`,
  ).all(...params, page.limit, page.offset);
  return { total, rows: rows.map(toEvent) };
}

/** A cached event and when this console first fetched it. */
export function findCachedEvent(
  db: Db,
  id: string,
): { event: SecurityEvent; firstSeenAt: string } | null {
  const row = statement<EventRow & { first_seen_at: string }>(
    db,
    `SELECT ${EVENT_COLUMNS}, first_seen_at FROM admin_security_events
      WHERE id = ?`,
  ).get(id);
  return row ? { event: toEvent(row), firstSeenAt: row.first_seen_at } : null;
}

export type EventCacheSummary = {
  cached: number;
  newestAt: string | null;
  lastPullAt: string | null;
  /** The latest pull of either events stream may have skipped rows. */
  possibleGap: boolean;
  /** The most recent possible gap found, with when it was found. */
  lastGap: (GapWindow & { foundAt: string }) | null;
};

type PullRow = {
  finished_at: string;
  possible_gap: number;
  gap_start: string | null;
  gap_end: string | null;
};

function latestPull(db: Db, part: string): PullRow | undefined {
  return statement<PullRow>(
    db,
    `SELECT finished_at, possible_gap, gap_start, gap_end FROM admin_pulls
      WHERE part = ? AND ok = 1 ORDER BY id DESC LIMIT 1`,
  ).get(part);
}

function latestGap(db: Db): EventCacheSummary['lastGap'] {
  const row = statement<PullRow>(
    db,
    `SELECT finished_at, possible_gap, gap_start, gap_end FROM admin_pulls
      WHERE possible_gap = 1 ORDER BY id DESC LIMIT 1`,
  ).get();
  if (!row?.gap_start || !row.gap_end) return null;
  return { start: row.gap_start, end: row.gap_end, foundAt: row.finished_at };
}

export function summariseEventCache(db: Db): EventCacheSummary {
  const counts = statement<{ cached: number; newest: string | null }>(
    db,
    `SELECT count(*) AS cached, max(occurred_at) AS newest
       FROM admin_security_events`,
  ).get()!;
  const pulls = [latestPull(db, 'events'), latestPull(db, 'failed-logins')];
  const finished = pulls.flatMap((pull) => (pull ? [pull.finished_at] : []));
  return {
    cached: counts.cached,
    newestAt: counts.newest,
    lastPullAt: finished.length > 0 ? finished.sort().at(-1)! : null,
    possibleGap: pulls.some((pull) => pull?.possible_gap === 1),
    lastGap: latestGap(db),
  };
}
