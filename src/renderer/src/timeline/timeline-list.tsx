import {
  useVirtualizer,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { useChainProblems } from '../data/journal-queries';
import type { TimelineFilter } from '../data/query-keys';
import {
  combineView,
  useTimelineRows,
  useTimelineTotal,
  type TimelineView,
} from '../data/timeline-view';
import { useUiStore } from '../state/ui-store';
import {
  EntryRevealContext,
  type EntryReveal,
  type FocusRequest,
  type RevealTarget,
} from './entry-reveal';
import { showsOriginalOffset } from './entry-time';
import { TimelineEntry } from './timeline-entry';
import { TimelineSummary } from './timeline-summary';

/** Height of a collapsed row; expanded rows are measured. */
export const ROW_HEIGHT = 30;

/** How long a row asked to take focus has to be rendered and take it. */
const FOCUS_REQUEST_MS = 2_000;

/**
 * Keeps the newest entry in view while the reader is at the end of an
 * oldest-first timeline, the way a log tail does; scrolling up stops it.
 * A new filter, or a note just saved, starts following again (or, newest
 * first, goes back to the top, where the newest entry is). Writing a
 * correction stops it too: the correction is itself a new entry, and
 * following it to the end would carry the corrected row out of view.
 */
function useFollowTail(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  total: number,
  active: boolean,
  resetKey: string,
) {
  const following = useRef(active);
  const revealRequest = useUiStore((state) => state.revealLatestRequest);
  const amending = useUiStore((state) => state.amendDraft !== null);

  useEffect(() => {
    following.current = active;
    if (!active) virtualizer.scrollToOffset(0);
  }, [virtualizer, active, resetKey, revealRequest]);

  useEffect(() => {
    if (amending) following.current = false;
  }, [amending]);

  useEffect(() => {
    if (active && following.current && total > 0) {
      virtualizer.scrollToIndex(total - 1, { align: 'end' });
    }
  }, [virtualizer, total, active, resetKey, revealRequest]);

  const stopFollowing = useCallback(() => {
    following.current = false;
  }, []);

  function onScroll(element: HTMLDivElement) {
    // The editor taking focus may scroll the list; that is not the reader
    // going back to the end.
    if (amending) return;
    const distance =
      element.scrollHeight - element.scrollTop - element.clientHeight;
    following.current = distance < ROW_HEIGHT;
  }

  return { onScroll, stopFollowing };
}

/**
 * Going to an entry: by its position, scrolling it to the middle of the
 * list, or to a row already near the viewport; either way its row takes
 * focus once rendered.
 */
function useRevealEntry(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  filter: TimelineFilter,
  stopFollowing: () => void,
): EntryReveal {
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const enabled =
    filter.kinds.length === 0 &&
    filter.actors.length === 0 &&
    !filter.search.trim();
  const { order } = filter;

  // A row that is not rendered soon after (its page failed to load, or
  // the reader scrolled away) must not grab focus whenever it next is.
  useEffect(() => {
    if (!focusRequest) return;
    const expiry = setTimeout(() => setFocusRequest(null), FOCUS_REQUEST_MS);
    return () => clearTimeout(expiry);
  }, [focusRequest]);

  return useMemo(
    () => ({
      enabled,
      focusRequest,
      reveal: (target: RevealTarget) => {
        const total = virtualizer.options.count;
        const index =
          order === 'oldest-first'
            ? target.position - 1
            : total - target.position;
        stopFollowing();
        virtualizer.scrollToIndex(index, { align: 'center' });
        // The list is already on its way there.
        setFocusRequest({ id: target.id, scroll: false });
      },
      focusEntry: (entryId: string) =>
        setFocusRequest({ id: entryId, scroll: true }),
      focused: () => setFocusRequest(null),
    }),
    [virtualizer, enabled, order, focusRequest, stopFollowing],
  );
}

function ColumnHeads() {
  const basis = useUiStore((state) => state.timeBasis);
  const zoneMode = useUiStore((state) => state.zoneMode);
  const time = basis === 'occurred' ? 'Event time' : 'Recorded time';
  const zone = zoneMode === 'utc' ? 'UTC' : 'local';

  return (
    <div className="timeline-heads" aria-hidden="true">
      <span />
      <span className="numeric">#</span>
      <span data-testid="time-column-head">
        {time} ({zone})
      </span>
      {showsOriginalOffset(basis, zoneMode) && (
        <span title="The UTC offset the event time was given in">Given in</span>
      )}
      <span>Kind</span>
      <span>Actor</span>
      <span>Entry</span>
    </div>
  );
}

function Rows(props: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  items: VirtualItem[];
  view: TimelineView;
  incidentId: string;
}) {
  const { virtualizer, view } = props;
  const total = view.total ?? 0;
  const problems = useChainProblems(props.incidentId);

  return (
    <div
      role="list"
      aria-label="Timeline entries"
      className="timeline-sizer"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {props.items.map((item) => {
        const row = view.rowAt(item.index);
        return (
          <div
            key={item.key}
            role="listitem"
            aria-setsize={total}
            aria-posinset={item.index + 1}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="timeline-slot"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {row ? (
              <TimelineEntry
                row={row}
                incidentId={props.incidentId}
                problem={problems.get(row.id)}
              />
            ) : (
              <div className="timeline-placeholder" aria-busy="true">
                Loading…
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * When a row above the viewport changes height, the virtualizer scrolls by
 * the difference so that what the reader sees stays put. A row cut off at
 * the top edge is different: it is the one being read, opening its
 * details or an amendment, so it keeps its top where it is and grows
 * downward rather than sliding up out of view.
 */
function adjustsForRowsAbove(
  item: VirtualItem,
  _delta: number,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
): boolean {
  return item.end <= (virtualizer.scrollOffset ?? 0);
}

/**
 * The virtualizer and the data under it: the total sizes the scroll area,
 * and the rows the virtualizer puts in view decide which pages are fetched.
 */
function useVirtualTimeline(
  incidentId: string,
  filter: TimelineFilter,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  const totals = useTimelineTotal(incidentId, filter);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable instance; nothing here is memoized by the compiler
  const virtualizer = useVirtualizer({
    count: totals.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Rendering in React's own time rather than inside the scroll event
    // keeps the scroll itself from waiting on a render.
    useFlushSync: false,
  });
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = adjustsForRowsAbove;
  const items = virtualizer.getVirtualItems();
  const rows = useTimelineRows(incidentId, filter, {
    first: items[0]?.index ?? 0,
    last: items.at(-1)?.index ?? -1,
  });
  return { virtualizer, items, view: combineView(totals, rows) };
}

/**
 * The virtualized timeline. Only rows near the viewport are rendered and
 * only their pages fetched, so a million entries scroll like a hundred.
 */
export function TimelineList(props: {
  incidentId: string;
  filter: TimelineFilter;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { virtualizer, items, view } = useVirtualTimeline(
    props.incidentId,
    props.filter,
    scrollRef,
  );
  const total = view.total ?? 0;
  const tail = props.filter.order === 'oldest-first' && !props.filter.search;
  const filterKey = JSON.stringify(props.filter);
  const { onScroll, stopFollowing } = useFollowTail(
    virtualizer,
    total,
    tail,
    filterKey,
  );
  const reveal = useRevealEntry(virtualizer, props.filter, stopFollowing);
  const basis = useUiStore((state) => state.timeBasis);
  const zoneMode = useUiStore((state) => state.zoneMode);

  return (
    <div
      className="timeline-list"
      data-zone={zoneMode}
      data-offset-column={showsOriginalOffset(basis, zoneMode)}
    >
      <TimelineSummary view={view} filter={props.filter} />
      <ColumnHeads />
      <div
        ref={scrollRef}
        className="timeline-scroll"
        tabIndex={0}
        role="region"
        aria-label="Timeline, scrollable"
        data-testid="timeline-scroll"
        onScroll={(event) => onScroll(event.currentTarget)}
      >
        <EntryRevealContext value={reveal}>
          <Rows
            virtualizer={virtualizer}
            items={items}
            view={view}
            incidentId={props.incidentId}
          />
        </EntryRevealContext>
      </div>
    </div>
  );
}
