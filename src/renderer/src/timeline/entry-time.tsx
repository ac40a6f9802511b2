import type { TimelineRow } from '../../../shared/journal-types';
import { formatWithOffset } from '../../../shared/timestamps';
import type { TimeBasis } from '../state/ui-store';
import { timeSourceLabel } from './entry-labels';
import { formatTimestamp, type ZoneMode } from './time-format';

function explain(row: TimelineRow, basis: TimeBasis): string {
  if (basis === 'recorded') {
    return `Recorded by device ${row.deviceId}`;
  }
  const given = formatWithOffset(row.occurredAt, row.occurredOffset);
  return `Event time as given: ${given} (${timeSourceLabel(row.timeSource)})`;
}

/** The time cell of a row: event or recorded time, in UTC or local time. */
export function EntryTime(props: {
  row: TimelineRow;
  basis: TimeBasis;
  zoneMode: ZoneMode;
}) {
  const { row, basis, zoneMode } = props;
  const utc = basis === 'occurred' ? row.occurredAt : row.recordedAt;

  return (
    <time
      className="entry-time mono"
      dateTime={utc}
      title={explain(row, basis)}
      data-testid="entry-time"
    >
      {formatTimestamp(utc, zoneMode)}
    </time>
  );
}

/**
 * In UTC the zone the time was given in would be lost from view, so it gets
 * its own column.
 */
export function showsOriginalOffset(basis: TimeBasis, zoneMode: ZoneMode) {
  return basis === 'occurred' && zoneMode === 'utc';
}
