/**
 * Journal times are stored as UTC text with exactly six fractional digits
 * (`2026-12-03T16:25:32.123456Z`), which sorts lexically in time order and
 * keeps the microsecond precision that forensic sources report. The original
 * UTC offset is kept beside it so nothing about the source time is lost.
 */

export type ZonedTimestamp = {
  /** UTC, microsecond precision, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  utc: string;
  /** The offset the time was given in, `+HH:MM` or `-HH:MM`. */
  offset: string;
};

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

const MICROS_PER_MINUTE = 60_000_000;

export const UTC_TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Formats whole microseconds since the Unix epoch as stored UTC text. */
export function formatEpochMicros(epochMicros: number): string {
  if (!Number.isSafeInteger(epochMicros)) {
    throw new RangeError('epoch microseconds must be a safe integer');
  }
  const millis = Math.floor(epochMicros / 1000);
  const micros = epochMicros - millis * 1000;
  const iso = new Date(millis).toISOString();
  if (iso.length !== 24) {
    throw new RangeError('timestamp is outside years 0000-9999');
  }
  return `${iso.slice(0, 23)}${pad(micros, 3)}Z`;
}

/** Parses stored UTC text back into whole microseconds since the epoch. */
export function parseStoredUtc(utc: string): number {
  if (!UTC_TIMESTAMP_PATTERN.test(utc)) {
    throw new RangeError(`not a stored UTC timestamp: ${utc}`);
  }
  const millis = Date.parse(`${utc.slice(0, 23)}Z`);
  return millis * 1000 + Number(utc.slice(23, 26));
}

function offsetText(totalMinutes: number): string {
  const sign = totalMinutes < 0 ? '-' : '+';
  const abs = Math.abs(totalMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function parseOffsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return zone.startsWith('-') ? -total : total;
}

/**
 * Parses an ISO 8601 date-time that carries a zone (`Z` or an offset).
 * A time without a zone is refused: guessing the zone would silently shift
 * events on the timeline. Returns null when the text is not such a time.
 */
export function parseZonedTimestamp(text: string): ZonedTimestamp | null {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;

  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
  const offsetMinutes = parseOffsetMinutes(zone);
  if (offsetMinutes === null) return null;

  const fields = [y, mo, d, h, mi, s].map(Number);
  const [year, month, day, hour, minute, second] = fields;
  const localMillis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(localMillis);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return null;

  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  const epochMicros =
    localMillis * 1000 + micros - offsetMinutes * MICROS_PER_MINUTE;
  return {
    utc: formatEpochMicros(epochMicros),
    offset: offsetText(offsetMinutes),
  };
}

/**
 * Shows a stored UTC time in its original offset (`2026-12-03T18:25:32.123456+02:00`).
 */
export function formatWithOffset(utc: string, offset: string): string {
  const minutes = parseOffsetMinutes(offset) ?? 0;
  const shifted = parseStoredUtc(utc) + minutes * MICROS_PER_MINUTE;
  return `${formatEpochMicros(shifted).slice(0, 26)}${offset}`;
}
