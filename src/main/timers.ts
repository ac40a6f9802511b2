import type { Clock } from './clock';

/**
 * Waiting, on the same clock as everything else in main. Backoff,
 * `Retry-After` and polling intervals wait through this, so tests move a
 * manual clock instead of sleeping for real minutes.
 */
export type Timers = {
  /** Resolves after `ms`, or rejects with the signal's reason if aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('the wait was aborted');
}

/** Real waits with `setTimeout`. */
export const systemTimers: Timers = {
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** A clock a test can move: `manualClock` from ./clock is one. */
export type SteerableClock = Clock & { advanceMicros(delta: number): void };

export type ManualTimers = Timers & {
  /**
   * Moves the clock forward by `ms`, waking every sleep that falls due on
   * the way, earliest first, each with the clock at its deadline; code a
   * wake-up runs may start new sleeps, which wake too if they fall due
   * before the end.
   */
  advance(ms: number): Promise<void>;
  /** Sleeps waiting now. */
  pending(): number;
  /** Milliseconds until the earliest waiting sleep is due; null if none. */
  nextDueInMs(): number | null;
  /** Resolves once a sleep is waiting (at once if one already is). */
  sleeping(): Promise<void>;
  /** Every duration asked for, in milliseconds, in order. */
  requested(): number[];
};

type Sleeper = { deadline: number; wake: () => void };

/** Lets promise chains and I/O callbacks queued so far run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Sleeps that end only when the test moves `clock` with `advance`; a sleep
 * of zero or less ends at once. Nothing here waits for real.
 */
export function manualTimers(clock: SteerableClock): ManualTimers {
  let sleepers: Sleeper[] = [];
  let watchers: (() => void)[] = [];
  const requested: number[] = [];

  const earliest = () =>
    sleepers.reduce<Sleeper | null>(
      (best, s) => (best === null || s.deadline < best.deadline ? s : best),
      null,
    );

  function register(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        sleepers = sleepers.filter((s) => s !== sleeper);
        reject(abortReason(signal as AbortSignal));
      };
      const sleeper: Sleeper = {
        deadline: clock.nowMicros() + Math.round(ms * 1000),
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      sleepers.push(sleeper);
      const waiting = watchers;
      watchers = [];
      for (const watcher of waiting) watcher();
    });
  }

  async function advance(ms: number): Promise<void> {
    const target = clock.nowMicros() + Math.round(ms * 1000);
    for (;;) {
      await flush();
      const next = earliest();
      if (next === null || next.deadline > target) break;
      clock.advanceMicros(Math.max(0, next.deadline - clock.nowMicros()));
      sleepers = sleepers.filter((s) => s !== next);
      next.wake();
    }
    clock.advanceMicros(Math.max(0, target - clock.nowMicros()));
    await flush();
  }

  return {
    sleep(ms, signal) {
      requested.push(ms);
      if (ms <= 0 && !signal?.aborted) return Promise.resolve();
      return register(ms, signal);
    },
    advance,
    pending: () => sleepers.length,
    nextDueInMs() {
      const next = earliest();
      if (next === null) return null;
      return Math.max(0, (next.deadline - clock.nowMicros()) / 1000);
    },
    sleeping() {
      if (sleepers.length > 0) return Promise.resolve();
      return new Promise((resolve) => watchers.push(resolve));
    },
    requested: () => [...requested],
  };
}
