import { formatTimestamp, type ZoneMode } from '../timeline/time-format';

/** Times on the card: to the second, in the zone the reader chose. */
export function cardTime(utc: string, zoneMode: ZoneMode): string {
  return formatTimestamp(utc, zoneMode, { precision: 'seconds' });
}
