import type { TimelineRow } from '../../../shared/journal-types';
import { formatWithOffset } from '../../../shared/timestamps';
import { timeSourceLabel } from './entry-labels';
import { EntryHistory } from './entry-history';

/** Everything a reviewer needs to re-check an entry by hand. */
export function EntryDetails(props: { row: TimelineRow; incidentId: string }) {
  const { row } = props;
  const given = formatWithOffset(row.occurredAt, row.occurredOffset);

  return (
    <div className="entry-details" data-testid="entry-details">
      <p className="entry-full-text">{row.text}</p>
      <dl className="entry-facts">
        <dt>Event time</dt>
        <dd className="mono">
          {given} ({timeSourceLabel(row.timeSource)})
        </dd>
        <dt>Recorded</dt>
        <dd className="mono">{row.recordedAt}</dd>
        <dt>Entry</dt>
        <dd className="mono">{row.id}</dd>
        <dt>Device</dt>
        <dd className="mono">
          {row.deviceId}, chain position {row.chainSeq}
        </dd>
        <dt>Hash</dt>
        <dd className="mono hash">{row.hash}</dd>
        <dt>Previous</dt>
        <dd className="mono hash">{row.prevHash}</dd>
      </dl>
      {row.amendmentCount > 0 && (
        <section aria-label="History of this entry">
          <h3 className="details-heading">History</h3>
          <EntryHistory incidentId={props.incidentId} entryId={row.id} />
        </section>
      )}
    </div>
  );
}
