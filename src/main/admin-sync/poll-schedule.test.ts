import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { AdminCapability } from '../../shared/admin-api-types';
import {
  DEFAULT_POLL_BUDGET_PER_MINUTE,
  DEFAULT_POLL_INTERVALS,
  delayAfterCycle,
  fitToBudget,
  OFFLINE_BACKOFF_MAX_MS,
  REFUSED_RETRY_MS,
  pollableParts,
  type ScheduledPart,
} from './poll-schedule';

const perMinute = (intervals: Partial<Record<ScheduledPart, number>>) =>
  Object.values(intervals).reduce((sum, ms) => sum + 60_000 / ms!, 0);

it('polls only what the platform offers, else a heartbeat', () => {
  const offers =
    (...names: AdminCapability[]) =>
    (c: AdminCapability) =>
      names.includes(c);

  expect(pollableParts(offers('alerts', 'events', 'identity'))).toEqual([
    'discover',
    'alerts',
    'events',
    'failed-logins',
  ]);
  expect(pollableParts(offers('identity'))).toEqual(['discover', 'identity']);
  expect(pollableParts(offers())).toEqual(['discover']);
});

it('keeps the default plan well inside the default budget', () => {
  const parts = pollableParts(() => true);

  const fitted = fitToBudget(
    DEFAULT_POLL_INTERVALS,
    parts,
    DEFAULT_POLL_BUDGET_PER_MINUTE,
  );

  expect(fitted).toEqual(
    Object.fromEntries(parts.map((p) => [p, DEFAULT_POLL_INTERVALS[p]])),
  );
  expect(perMinute(fitted)).toBeLessThan(8);
});

it('never plans more requests a minute than the budget allows', () => {
  const part = fc.constantFrom<ScheduledPart>(
    'discover',
    'alerts',
    'health',
    'metrics',
    'events',
    'failed-logins',
    'identity',
  );
  fc.assert(
    fc.property(
      fc.uniqueArray(part, { minLength: 1 }),
      fc.integer({ min: 1, max: 600 }),
      fc.integer({ min: 1_000, max: 600_000 }),
      (parts, budget, alertsMs) => {
        const intervals = { ...DEFAULT_POLL_INTERVALS, alerts: alertsMs };
        const fitted = fitToBudget(intervals, parts, budget);
        const slower = parts.every((p) => fitted[p]! >= intervals[p]);
        return perMinute(fitted) <= budget + 1e-9 && slower;
      },
    ),
  );
});

it('backs off boundedly while down, and as long as the platform asks', () => {
  const after = (
    state: 'online' | 'offline' | 'unauthorised' | 'degraded',
    downCycles: number,
    retryAfterMs: number | null = null,
  ) =>
    delayAfterCycle({
      state,
      downCycles,
      shortestIntervalMs: 30_000,
      retryAfterMs,
    });

  expect([1, 2, 3, 4, 5, 50].map((n) => after('offline', n))).toEqual([
    30_000,
    60_000,
    120_000,
    240_000,
    OFFLINE_BACKOFF_MAX_MS,
    OFFLINE_BACKOFF_MAX_MS,
  ]);
  expect(after('unauthorised', 0)).toBe(REFUSED_RETRY_MS);
  expect(after('online', 0)).toBe(0);
  expect(after('degraded', 0, 90_000)).toBe(90_000);
  expect(after('offline', 1, 90_000)).toBe(90_000);
});
