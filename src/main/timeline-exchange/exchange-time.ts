import {
  formatEpochMicros,
  type ZonedTimestamp,
} from '../../shared/timestamps';

/**
 * Times of imported events. The journal keeps UTC with microseconds plus
 * the offset the time was given in, so a time is taken exactly as written
 * or refused with the reason: never rounded, never shifted by a guess.
 *
 * Stored times are whole microseconds that must stay exact in JavaScript
 * (safe integers), which bounds them to 1684-07-28 … 2255-06-05 UTC.
 */
export type TimeResult =
  { ok: true; time: ZonedTimestamp } | { ok: false; problem: string };

const MICROS_PER_MINUTE = 60_000_000;
const DAY_MILLIS = 86_400_000;
const STORABLE = 'War Room stores times from 1684-07-28 to 2255-06-05 UTC';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?$/;
const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const EPOCH = /^-?\d{1,20}(?:\.\d{1,9})?$/;

const refuse = (problem: string): TimeResult => ({ ok: false, problem });

/** Quotes a value in a problem message, cut short if long. */
export function shown(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut);
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Whole microseconds as a stored time, or a problem if not storable. */
function storedTime(epochMicros: number, offsetMinutes: number): TimeResult {
  if (!Number.isSafeInteger(epochMicros)) return refuse(STORABLE);
  return {
    ok: true,
    time: {
      utc: formatEpochMicros(epochMicros),
      offset: offsetText(offsetMinutes),
    },
  };
}

/**
 * The zone a file's zone-less times are in, as the person importing it
 * says: an IANA name (`Europe/Berlin`) or a fixed offset (`+02:00`).
 */
export type FileZone = {
  name: string;
  /** The offset (minutes) at a wall-clock time, or why there is none. */
  offsetAt(wallMillis: number): { minutes: number } | { problem: string };
};

function fixedZone(text: string): FileZone | null {
  const match = FIXED_OFFSET.exec(text);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  if (Number(hours) > 23 || Number(minutes) > 59) return null;
  const total =
    (Number(hours) * 60 + Number(minutes)) * (sign === '-' ? -1 : 1);
  return { name: text, offsetAt: () => ({ minutes: total }) };
}

/** `GMT+05:30` → 330; null for an offset with seconds (local mean time). */
function parseGmtOffset(text: string): number | null {
  if (text === 'GMT') return 0;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const total = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -total : total;
}

function ianaZone(name: string): FileZone | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      timeZoneName: 'longOffset',
      year: 'numeric',
    });
  } catch {
    return null;
  }
  const offsetAtUtc = (utcMillis: number): number | null => {
    const part = format
      .formatToParts(new Date(utcMillis))
      .find((candidate) => candidate.type === 'timeZoneName');
    return part ? parseGmtOffset(part.value) : null;
  };
  return { name, offsetAt: (wall) => resolveWallTime(name, wall, offsetAtUtc) };
}

/**
 * The UTC offset of a wall-clock time in an IANA zone. Offsets a day either
 * side cover any one transition; each is kept if it maps the wall time back
 * onto itself. None means the clocks skipped that time, two mean it
 * happened twice: both are refused rather than guessed.
 */
function resolveWallTime(
  name: string,
  wallMillis: number,
  offsetAtUtc: (utcMillis: number) => number | null,
): { minutes: number } | { problem: string } {
  const nearby = new Set(
    [wallMillis - DAY_MILLIS, wallMillis + DAY_MILLIS].map(offsetAtUtc),
  );
  if (nearby.has(null)) {
    return {
      problem: `${name} had an offset with seconds (local mean time) then`,
    };
  }
  const valid = [...nearby].filter(
    (minutes) => offsetAtUtc(wallMillis - minutes! * 60_000) === minutes,
  ) as number[];
  if (valid.length === 1) return { minutes: valid[0] };
  return valid.length === 0
    ? { problem: `that time did not exist in ${name} (clocks went forward)` }
    : {
        problem:
          `that time happened twice in ${name} (clocks went back); ` +
          'give the offset in the file',
      };
}

/**
 * Reads `--zone`: an IANA name or `±HH:MM`. Null if it is neither, so the
 * caller can name the mistake.
 */
export function parseFileZone(text: string): FileZone | null {
  return fixedZone(text) ?? ianaZone(text);
}

function zoneMinutes(zone: string): number | null {
  if (/^(?:Z|z|UTC|GMT)$/.test(zone)) return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return zone.startsWith('-') ? -total : total;
}

/** Date.UTC without its two-digit-year rule; null for an impossible date. */
function wallMillisOf(fields: number[]): number | null {
  const [year, month, day, hour, minute, second] = fields;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return valid ? date.getTime() : null;
}

/** Up to nine fraction digits; anything past the sixth must be zero. */
function fractionMicros(fraction: string): number | null {
  if (/[1-9]/.test(fraction.slice(6))) return null;
  return Number(fraction.padEnd(6, '0').slice(0, 6));
}

/**
 * Parses an ISO 8601 date-time (`T` or a space between date and time,
 * seconds and fraction optional, `Z`, `UTC` or an offset). A time without
 * a zone takes `zone` if one was given for the file, and is refused
 * otherwise. `UTC` alone is how the admin API's times are read.
 */
export function parseDateTime(text: string, zone: FileZone | null): TimeResult {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return refuse(`${shown(text)} is not an ISO 8601 date and time`);

  const [, y, mo, d, h, mi, s = '0', fraction = '', zoneText] = match;
  const wallMillis = wallMillisOf([y, mo, d, h, mi, s].map(Number));
  if (wallMillis === null) return refuse(`${shown(text)} is not a real date`);
  const micros = fractionMicros(fraction);
  if (micros === null) {
    return refuse(
      `${shown(text)} is more precise than a microsecond, which is what ` +
        'War Room keeps; round it',
    );
  }

  const offset = zoneOffset(text, zoneText, zone, wallMillis);
  if ('problem' in offset) return refuse(offset.problem);
  const epochMicros =
    wallMillis * 1000 + micros - offset.minutes * MICROS_PER_MINUTE;
  return storedTime(epochMicros, offset.minutes);
}

function zoneOffset(
  text: string,
  zoneText: string | undefined,
  zone: FileZone | null,
  wallMillis: number,
): { minutes: number } | { problem: string } {
  if (zoneText !== undefined) {
    const minutes = zoneMinutes(zoneText);
    return minutes === null
      ? { problem: `${shown(text)} has an impossible offset` }
      : { minutes };
  }
  if (zone === null) {
    return {
      problem:
        `${shown(text)} has no time zone; give the file's zone (an IANA ` +
        'name like Europe/Berlin, or ±HH:MM)',
    };
  }
  const resolved = zone.offsetAt(wallMillis);
  return 'problem' in resolved
    ? { problem: `${shown(text)}: ${resolved.problem}` }
    : resolved;
}

/**
 * Reads an epoch number, always UTC. Timesketch's `timestamp` is in
 * microseconds; files from other tools use seconds or milliseconds, told
 * apart by size: beyond ±10^14 microseconds, beyond ±10^11 milliseconds,
 * else seconds; a decimal fraction means seconds. Times within about
 * three years of 1970 in milliseconds or microseconds read as seconds, so
 * such files need a `datetime` column.
 */
export function parseEpoch(text: string): TimeResult {
  const trimmed = text.trim();
  if (!EPOCH.test(trimmed)) return refuse(`${shown(text)} is not a number`);

  const [whole, fraction] = trimmed.split('.');
  if (fraction !== undefined) return epochSeconds(whole, fraction, text);
  const value = Number(whole);
  if (!Number.isSafeInteger(value)) return refuse(STORABLE);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e14) return storedTime(value, 0);
  if (magnitude >= 1e11) return storedTime(value * 1000, 0);
  return storedTime(value * 1_000_000, 0);
}

function epochSeconds(
  whole: string,
  fraction: string,
  text: string,
): TimeResult {
  const micros = fractionMicros(fraction);
  if (micros === null) {
    return refuse(`${shown(text)} is more precise than a microsecond`);
  }
  const seconds = Number(whole);
  const sign = whole.startsWith('-') ? -1 : 1;
  const epochMicros = seconds * 1_000_000 + sign * micros;
  if (!Number.isSafeInteger(epochMicros)) return refuse(STORABLE);
  return storedTime(epochMicros, 0);
}
