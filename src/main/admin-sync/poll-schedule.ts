import type {
  AdminCapability,
  ConnectionState,
} from '../../shared/admin-api-types';
import type { PullPart } from './admin-cache';

/** What the poller schedules: the pulls, and re-reading capabilities. */
export type ScheduledPart = PullPart | 'discover';

/** Milliseconds between two pulls of each part. */
export type PollIntervals = Record<ScheduledPart, number>;

/**
 * Alerts and events change during an attack, so every 30 s; health,
 * metrics and the failed-login history every minute. That is 7 requests a
 * minute, well inside the platform's 60 per minute per address, which
 * every operator behind one NAT shares (CONTRACT §3.4, §8). The identity
 * check is a heartbeat, used only when the platform offers no data route;
 * capabilities are re-read every quarter of an hour.
 */
export const DEFAULT_POLL_INTERVALS: PollIntervals = {
  alerts: 30_000,
  events: 30_000,
  health: 60_000,
  metrics: 60_000,
  'failed-logins': 60_000,
  identity: 60_000,
  discover: 15 * 60_000,
};

/**
 * The default cap on polling requests a minute: half the platform's limit
 * (the client's own default). Steady polling uses 7; the room is for a
 * first discovery, which probes up to two dozen routes when the platform
 * publishes no OpenAPI document.
 */
export const DEFAULT_POLL_BUDGET_PER_MINUTE = 30;

/** The capability each pull needs. */
export const PART_CAPABILITY: Record<PullPart, AdminCapability> = {
  alerts: 'alerts',
  health: 'health',
  metrics: 'metrics',
  events: 'events',
  'failed-logins': 'events',
  identity: 'identity',
};

const DATA_PARTS: readonly PullPart[] = [
  'alerts',
  'health',
  'metrics',
  'events',
  'failed-logins',
];

/**
 * The parts to poll given what the platform offers: every data part it
 * has a route for, or, if none, the identity heartbeat, so the connection
 * state still follows the platform.
 */
export function pollableParts(
  has: (capability: AdminCapability) => boolean,
): ScheduledPart[] {
  const data = DATA_PARTS.filter((part) => has(PART_CAPABILITY[part]));
  if (data.length > 0) return ['discover', ...data];
  return has('identity') ? ['discover', 'identity'] : ['discover'];
}

/**
 * Intervals stretched, all by the same factor, so the parts polled make
 * at most `budgetPerMinute` requests a minute between them.
 */
export function fitToBudget(
  intervals: PollIntervals,
  parts: readonly ScheduledPart[],
  budgetPerMinute: number,
): Partial<PollIntervals> {
  const perMinute = parts.reduce(
    (sum, part) => sum + 60_000 / intervals[part],
    0,
  );
  const stretch = Math.max(1, perMinute / budgetPerMinute);
  return Object.fromEntries(
    parts.map((part) => [part, Math.ceil(intervals[part] * stretch)]),
  );
}

/** Longest wait between attempts while the platform does not answer. */
export const OFFLINE_BACKOFF_MAX_MS = 5 * 60_000;
/** Wait between attempts while the platform refuses this console. */
export const REFUSED_RETRY_MS = 5 * 60_000;

/**
 * How long nothing is pulled after a cycle, so retries stay bounded:
 * while nobody answers, from the shortest interval doubling per cycle up
 * to five minutes; while the platform refuses this console, five minutes
 * (reconfiguring pulls at once); never sooner than its `Retry-After`.
 */
export function delayAfterCycle(after: {
  state: ConnectionState;
  /** Cycles in a row that got no answer, this one included. */
  downCycles: number;
  shortestIntervalMs: number;
  retryAfterMs: number | null;
}): number {
  let delayMs = 0;
  if (after.state === 'offline') {
    const doubled = after.shortestIntervalMs * 2 ** (after.downCycles - 1);
    delayMs = Math.min(OFFLINE_BACKOFF_MAX_MS, doubled);
  } else if (after.state === 'unauthorised') {
    delayMs = REFUSED_RETRY_MS;
  }
  return Math.max(delayMs, after.retryAfterMs ?? 0);
}
