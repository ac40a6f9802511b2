import { memo, useEffect, useRef, type Ref, type RefObject } from 'react';
import type { ChainProblem, TimelineRow } from '../../../shared/journal-types';
import { useUiStore } from '../state/ui-store';
import { AmendEditor } from './amend-editor';
import { EntryDetails } from './entry-details';
import { isAmendable, kindLabel } from './entry-labels';
import { useEntryReveal } from './entry-reveal';
import { EntryText } from './entry-text';
import { EntryTime, showsOriginalOffset } from './entry-time';
import './timeline.css';

/** `ref` is the Amend button, where focus returns when an edit is cancelled. */
function RowActions({
  row,
  expanded,
  ref,
}: {
  row: TimelineRow;
  expanded: boolean;
  ref: Ref<HTMLButtonElement>;
}) {
  const setExpanded = useUiStore((state) => state.setExpanded);
  const setAmendDraft = useUiStore((state) => state.setAmendDraft);
  const count = row.amendmentCount;

  return (
    <>
      {count > 0 && (
        <button
          type="button"
          className="amended-marker"
          data-testid="amended-marker"
          aria-expanded={expanded}
          title="Show the original and every correction"
          onClick={() => setExpanded(row.id, !expanded)}
        >
          amended{count > 1 ? ` ×${count}` : ''}
        </button>
      )}
      {isAmendable(row.kind) && (
        <button
          ref={ref}
          type="button"
          className="row-action"
          aria-label={`Amend entry ${row.position}`}
          onClick={() =>
            setAmendDraft({ entryId: row.id, text: row.text, reason: '' })
          }
        >
          Amend
        </button>
      )}
    </>
  );
}

/** Takes focus when asked to by entry id (see `EntryReveal`). */
function useFocusOnRequest(
  entryId: string,
  toggleRef: RefObject<HTMLButtonElement | null>,
) {
  const { focusRequest, focused } = useEntryReveal();
  const wanted = focusRequest?.id === entryId ? focusRequest : null;

  useEffect(() => {
    if (!wanted) return;
    toggleRef.current?.focus({ preventScroll: !wanted.scroll });
    focused();
  }, [wanted, focused, toggleRef]);
}

/**
 * One journal entry: a dense single line, expandable to its details.
 * Memoized: while scrolling, rows that stay in view keep their props (the
 * row object comes straight from the page cache) and are not re-rendered.
 */
export const TimelineEntry = memo(function TimelineEntry(props: {
  row: TimelineRow;
  incidentId: string;
  /** Set when the last verification found this entry's link broken. */
  problem?: ChainProblem;
}) {
  const { row, problem } = props;
  const basis = useUiStore((state) => state.timeBasis);
  const zoneMode = useUiStore((state) => state.zoneMode);
  const expanded = useUiStore((state) => row.id in state.expandedEntries);
  const draft = useUiStore((state) =>
    state.amendDraft?.entryId === row.id ? state.amendDraft : null,
  );
  const setExpanded = useUiStore((state) => state.setExpanded);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const amendRef = useRef<HTMLButtonElement>(null);
  useFocusOnRequest(row.id, toggleRef);

  return (
    <div
      className={`timeline-entry${problem ? ' entry-tampered' : ''}`}
      data-testid="timeline-row"
      data-entry-id={row.id}
      data-kind={row.kind}
    >
      <div className="entry-line">
        <button
          ref={toggleRef}
          type="button"
          className="expand-toggle"
          aria-expanded={expanded}
          aria-label={`Details of entry ${row.position}`}
          onClick={() => setExpanded(row.id, !expanded)}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
        </button>
        <span className="entry-position numeric">{row.position}</span>
        <EntryTime row={row} basis={basis} zoneMode={zoneMode} />
        {showsOriginalOffset(basis, zoneMode) && (
          <span className="entry-offset mono" data-testid="entry-offset">
            {row.occurredOffset}
          </span>
        )}
        <span className={`entry-kind kind-${row.kind.replace(/\W/g, '-')}`}>
          {kindLabel(row.kind)}
        </span>
        <span className="entry-actor" title={row.actor}>
          {row.actor}
        </span>
        <EntryText row={row} incidentId={props.incidentId} />
        <span className="entry-actions">
          {problem && (
            <span
              className="tamper-marker"
              data-testid="tamper-marker"
              title={problem.detail}
            >
              {problem.kind}
            </span>
          )}
          <RowActions row={row} expanded={expanded} ref={amendRef} />
        </span>
      </div>
      {draft && (
        <AmendEditor
          row={row}
          incidentId={props.incidentId}
          draft={draft}
          onCancel={() => amendRef.current?.focus()}
        />
      )}
      {expanded && <EntryDetails row={row} incidentId={props.incidentId} />}
    </div>
  );
});
