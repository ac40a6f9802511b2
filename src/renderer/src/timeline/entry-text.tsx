import { ENTRY_KINDS, type TimelineRow } from '../../../shared/journal-types';
import { AmendTarget } from './amend-target';
import { firstLine, splitSegmentsAt, textSegments } from './highlight';
import { HighlightedSegments } from './highlighted-text';

/** How an amendment's text begins (`describeEntry`); the number goes after. */
const AMENDMENT_LEAD = 'Amended entry';

function MoreLines(props: { count: number; hit: boolean }) {
  const label = `+${props.count} ${props.count === 1 ? 'line' : 'lines'}`;
  return (
    <span
      className="more-lines"
      data-testid="more-lines"
      title={props.hit ? 'Search hits in further lines' : undefined}
    >
      {props.hit ? <mark>… {label}</mark> : `… ${label}`}
    </span>
  );
}

function amendTargetId(row: TimelineRow): string | null {
  if (row.kind !== ENTRY_KINDS.amend) return null;
  const target = row.payload.target;
  return typeof target === 'string' ? target : null;
}

/**
 * The entry's text on its one-line row: the first line, with a count of
 * the lines left out (the details show them all), and for an amendment the
 * number of the entry it corrects. Search hits stay marked.
 */
export function EntryText(props: { row: TimelineRow; incidentId: string }) {
  const { row } = props;
  const targetId = amendTargetId(row);
  const segments = textSegments(row.text, row.highlighted);
  const [lead, body] =
    targetId && row.text.startsWith(AMENDMENT_LEAD)
      ? splitSegmentsAt(segments, AMENDMENT_LEAD.length)
      : [[], segments];
  const line = firstLine(body);

  return (
    <span className="entry-text" data-testid="entry-text" title={row.text}>
      <span className="entry-first-line">
        <HighlightedSegments segments={lead} />
        {targetId && (
          <>
            {lead.length > 0 && ' '}
            <AmendTarget
              amendment={row}
              targetId={targetId}
              incidentId={props.incidentId}
            />
            {lead.length === 0 && ' '}
          </>
        )}
        <HighlightedSegments segments={line.segments} />
      </span>
      {line.moreLines > 0 && (
        <>
          {' '}
          <MoreLines count={line.moreLines} hit={line.hitBelow} />
        </>
      )}
    </span>
  );
}
