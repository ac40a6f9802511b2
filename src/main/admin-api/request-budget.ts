/**
 * The polling budget: a token bucket holding `perMinute` requests, refilled
 * evenly over a minute on the injected clock. The platform limits every
 * client address to 60 requests a minute, shared by all operators behind
 * one NAT (CONTRACT §3.4), so polls keep well under it; emergency requests
 * neither wait nor spend from it, and are never queued behind polls.
 */
import type { Clock } from '../clock';
import type { Timers } from '../timers';
import type { RequestPriority } from './admin-client-types';

export type BudgetTurn =
  { ok: true } | { ok: false; retryAfterSeconds: number };

export type RequestBudget = {
  readonly perMinute: number;
  /**
   * A poll waits, in arrival order, for a token and for the end of any
   * pause the platform asked for; a pause longer than the longest wait
   * allowed is refused at once with the seconds left. Rejects only when
   * `signal` aborts.
   */
  take(priority: RequestPriority, signal: AbortSignal): Promise<BudgetTurn>;
  /** The platform answered 429: polls wait this long before going on. */
  pause(seconds: number): void;
};

export type BudgetOptions = {
  perMinute: number;
  clock: Clock;
  timers: Timers;
  /** A poll refuses rather than waiting out a longer pause. */
  maxPauseWaitMs: number;
};

const MICROS_PER_MINUTE = 60_000_000;

export function createRequestBudget(options: BudgetOptions): RequestBudget {
  const { perMinute, clock, timers, maxPauseWaitMs } = options;
  if (!Number.isSafeInteger(perMinute) || perMinute < 1) {
    throw new RangeError(`poll budget must be a whole number >= 1`);
  }
  // Whole units, so no rounding drifts: a token is MICROS_PER_MINUTE
  // units, and every microsecond adds `perMinute` of them.
  const capacity = perMinute * MICROS_PER_MINUTE;
  let units = capacity;
  let refilledAt = clock.nowMicros();
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function refill(now: number): void {
    const elapsed = Math.max(0, now - refilledAt);
    units = Math.min(capacity, units + elapsed * perMinute);
    refilledAt = now;
  }

  async function nextToken(signal: AbortSignal): Promise<BudgetTurn> {
    for (;;) {
      const now = clock.nowMicros();
      refill(now);
      const pausedMs = (pausedUntil - now) / 1000;
      if (pausedMs > maxPauseWaitMs) {
        return { ok: false, retryAfterSeconds: Math.ceil(pausedMs / 1000) };
      }
      if (pausedMs > 0) {
        await timers.sleep(pausedMs, signal);
        continue;
      }
      if (units >= MICROS_PER_MINUTE) {
        units -= MICROS_PER_MINUTE;
        return { ok: true };
      }
      const waitMicros = Math.ceil((MICROS_PER_MINUTE - units) / perMinute);
      await timers.sleep(Math.ceil(waitMicros / 1000), signal);
    }
  }

  return {
    perMinute,
    take(priority, signal) {
      if (priority === 'emergency') return Promise.resolve({ ok: true });
      const turn = queue.then(() => nextToken(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    pause(seconds) {
      const until = clock.nowMicros() + seconds * 1_000_000;
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
