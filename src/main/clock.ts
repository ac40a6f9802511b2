/**
 * Every time main writes comes from one injectable clock, so tests can move
 * time forward and the clocks shown to the commander are computed from
 * stored times, not from timers.
 */
export type Clock = {
  /** Whole microseconds since the Unix epoch. */
  nowMicros(): number;
};

/**
 * Wall-clock time with sub-millisecond precision: `performance.now()` adds
 * microseconds to the process start time, and the result never goes back
 * within one process even if the wall clock is adjusted.
 */
export const systemClock: Clock = {
  nowMicros() {
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
  },
};

/** A clock that only moves when told to; for tests and replays. */
export function manualClock(startMicros: number) {
  let now = startMicros;
  return {
    nowMicros: () => now,
    advanceMicros(delta: number) {
      now += delta;
    },
    set(micros: number) {
      now = micros;
    },
  };
}
