import { parseStoredUtc } from '../../../shared/timestamps';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago, as a person says it: `8 s`, `3 min`, `2 h 5 min`,
 * `4 days`. Whole units, rounded down, so an age never reads younger than
 * it is. A time slightly ahead of this clock reads as `0 s`.
 */
export function formatDuration(ms: number): string {
  const elapsed = Math.max(0, ms);
  if (elapsed < MINUTE) return `${Math.floor(elapsed / 1000)} s`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) {
    const hours = Math.floor(elapsed / HOUR);
    const minutes = Math.floor((elapsed % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day' : `${days} days`;
}

/** `3 min ago` for a stored UTC time, against `nowMillis`. */
export function ageOf(utc: string, nowMillis: number): string {
  const millis = Math.floor(parseStoredUtc(utc) / 1000);
  return `${formatDuration(nowMillis - millis)} ago`;
}
