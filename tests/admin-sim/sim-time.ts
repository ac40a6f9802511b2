/**
 * Time inside the simulator: whole microseconds since the Unix epoch, so
 * the platform's microsecond timestamps survive a round trip, rendered in
 * the styles CONTRACT §3.6 lists (plus the `str(datetime)` form the
 * platform's Redis session records use).
 */
import {
  formatEpochMicros,
  parseStoredUtc,
  parseZonedTimestamp,
} from '../../src/shared/timestamps';

export type Micros = number;

/**
 * `z`: Pydantic-serialised aware value (`…27.641093Z`); `offset`: handler
 * `isoformat()` (`…27.641093+00:00`); `naive`: audit-log style, no zone;
 * `space`: Python `str(datetime)` (`2025-01-20 10:05:11.402113+00:00`).
 */
export type TimestampStyle = 'z' | 'offset' | 'naive' | 'space';

export const TIMESTAMP_STYLES: readonly TimestampStyle[] = [
  'z',
  'offset',
  'naive',
  'space',
];

export const MICROS_PER_MS = 1000;
export const MICROS_PER_HOUR = 3_600_000_000;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Python prints the fraction only when it is not zero. */
export function formatTimestamp(micros: Micros, style: TimestampStyle): string {
  const full = formatEpochMicros(micros);
  const fraction = full.slice(20, 26);
  const local = fraction === '000000' ? full.slice(0, 19) : full.slice(0, 26);
  if (style === 'z') return `${local}Z`;
  if (style === 'offset') return `${local}+00:00`;
  if (style === 'naive') return local;
  return `${local.replace('T', ' ')}+00:00`;
}

export type ParsedTimestamp = { micros: Micros; hasZone: boolean };

/**
 * Parses any of the styles above, or a date alone (midnight, as Pydantic's
 * lax mode reads it). A value without a zone is UTC. Null when not a time.
 */
export function parseTimestamp(text: string): ParsedTimestamp | null {
  const trimmed = text.trim();
  if (DATE_ONLY.test(trimmed)) {
    return parseTimestamp(`${trimmed}T00:00:00`);
  }
  const hasZone = ZONE_SUFFIX.test(trimmed);
  const zoned = parseZonedTimestamp(hasZone ? trimmed : `${trimmed}Z`);
  if (zoned === null) return null;
  return { micros: parseStoredUtc(zoned.utc), hasZone };
}

/** Parses a timestamp the simulator itself wrote; throws if it is not one. */
export function timestampMicros(text: string): Micros {
  const parsed = parseTimestamp(text);
  if (parsed === null) throw new RangeError(`not a timestamp: ${text}`);
  return parsed.micros;
}

export type SimClock = {
  now(): Micros;
  /** Moves the clock to this instant; a running clock keeps running. */
  set(at: Micros): void;
  advance(ms: number): void;
  readonly frozen: boolean;
};

/**
 * A running clock starts at `start` and follows the wall clock from there;
 * a frozen one only moves when told, for tests that compare timestamps.
 */
export function createClock(start: Micros, frozen: boolean): SimClock {
  let base = start;
  let since = performance.now();
  const elapsed = () =>
    frozen ? 0 : Math.round((performance.now() - since) * MICROS_PER_MS);
  return {
    frozen,
    now: () => base + elapsed(),
    set(at) {
      base = at;
      since = performance.now();
    },
    advance(ms) {
      base += Math.round(ms * MICROS_PER_MS);
    },
  };
}
