/**
 * The platform writes times in four styles (CONTRACT §3.6, §4.5): Pydantic
 * `…27.641093Z`, `isoformat()` `…27.641093+00:00`, naive audit times
 * `…27.650118` (UTC), and Redis `str(datetime)` with a space
 * `2025-01-20 10:05:11.402113+00:00`. The fraction is left out when zero.
 * All become stored UTC text `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
 */
import { z } from 'zod';
import {
  formatEpochMicros,
  parseStoredUtc,
  parseZonedTimestamp,
} from '../../shared/timestamps';

const PLATFORM_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?$/;
const ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;

/** Stored UTC text for a platform time in any of its styles, else null. */
export function platformTimeToUtc(text: string): string | null {
  if (!PLATFORM_TIME.test(text)) return null;
  const zoned = ZONE.test(text) ? text : `${text}Z`;
  return parseZonedTimestamp(zoned)?.utc ?? null;
}

/** The naive UTC form the platform's audit columns are queried with. */
export function utcToNaive(utc: string): string {
  return formatEpochMicros(parseStoredUtc(utc)).slice(0, 26);
}

const SHOWN = 40;

/** A zod string that must be a platform time; outputs stored UTC text. */
export const platformTime = z.string().transform((text, context) => {
  const utc = platformTimeToUtc(text);
  if (utc !== null) return utc;
  const shown = text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
  context.addIssue({
    code: 'custom',
    message: `not a timestamp in a style the platform uses: "${shown}"`,
  });
  return z.NEVER;
});
