import {
  UTC_TIMESTAMP_PATTERN,
  formatEpochMicros,
  parseStoredUtc,
} from '../../../shared/timestamps';

export type ZoneMode = 'utc' | 'local';
export type Precision = 'microseconds' | 'seconds';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** `GMT+05:30` → `+05:30`; plain `GMT` is UTC itself. */
function offsetFromZoneName(name: string): string {
  const offset = name.replace(/^GMT/, '');
  return offset === '' ? '+00:00' : offset;
}

type LocalParts = { date: string; time: string; offset: string };

function localParts(utc: string, timeZone: string | undefined): LocalParts {
  const millis = Math.floor(parseStoredUtc(utc) / 1000);
  const parts = formatterFor(timeZone).formatToParts(new Date(millis));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
    offset: offsetFromZoneName(part('timeZoneName')),
  };
}

/**
 * Shows a stored UTC time (`2026-12-03T16:25:32.123456Z`) either in UTC or in
 * the viewer's zone, always with the zone written out, so two people reading
 * the same screen never disagree about what it means. Microseconds are kept
 * unless `seconds` is asked for.
 */
export function formatTimestamp(
  utc: string,
  mode: ZoneMode,
  options: { precision?: Precision; timeZone?: string } = {},
): string {
  const fraction =
    options.precision === 'seconds' ? '' : `.${utc.slice(20, 26)}`;
  if (mode === 'utc') {
    return `${utc.slice(0, 10)} ${utc.slice(11, 19)}${fraction}Z`;
  }
  const local = localParts(utc, options.timeZone);
  return `${local.date} ${local.time}${fraction} ${local.offset}`;
}

/** The viewer's current UTC offset, e.g. `+01:00`. */
export function currentLocalOffset(timeZone?: string, now = Date.now()) {
  return localParts(formatEpochMicros(now * 1000), timeZone).offset;
}

/**
 * Times that come from elsewhere (the verification report) may not be in
 * the stored form; anything `Date` understands is brought to it.
 */
export function toStoredUtc(text: string): string | null {
  if (UTC_TIMESTAMP_PATTERN.test(text)) return text;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : formatEpochMicros(millis * 1000);
}
