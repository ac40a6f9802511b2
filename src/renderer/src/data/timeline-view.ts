import { useQueries, useQuery } from '@tanstack/react-query';
import type { WarRoomBridge } from '../../../shared/bridge';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { TimelineRow } from '../../../shared/journal-types';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import {
  TIMELINE_BLOCK_SIZE,
  blocksForRange,
  rowAt,
  type LoadedBlock,
} from './page-blocks';
import { queryKeys, type TimelineFilter } from './query-keys';
import { useThrottledValue } from './use-throttled-value';

function pageInput(
  incidentId: string,
  filter: TimelineFilter,
  block: number,
): ChannelInput<'timeline:page'> {
  const search = filter.search.trim();
  return {
    incidentId,
    order: filter.order,
    ...(filter.kinds.length > 0 && { kinds: filter.kinds }),
    ...(filter.actors.length > 0 && { actors: filter.actors }),
    ...(search && { search }),
    offset: block * TIMELINE_BLOCK_SIZE,
    limit: TIMELINE_BLOCK_SIZE,
  };
}

function pageQuery(
  bridge: WarRoomBridge,
  incidentId: string,
  filter: TimelineFilter,
  block: number,
) {
  return {
    queryKey: queryKeys.timeline.page(incidentId, filter, block),
    queryFn: () =>
      call(bridge, 'timeline:page', pageInput(incidentId, filter, block)),
    // A fast scroll leaves many pages behind; let them go soon.
    gcTime: 60_000,
  };
}

export type TimelineTotal = {
  /** Null until the first page has arrived. */
  total: number | null;
  /** Set when a search stopped counting at this many matches. */
  totalCap: number | null;
  error: unknown;
  isFetching: boolean;
};

/**
 * How many entries the filter selects, as the first page reports it. That
 * page is kept observed wherever the reader scrolls, so it is refetched
 * with every change and the count stays current.
 */
export function useTimelineTotal(
  incidentId: string,
  filter: TimelineFilter,
): TimelineTotal {
  const bridge = useBridge();
  const first = useQuery(pageQuery(bridge, incidentId, filter, 0));
  return {
    total: first.data?.total ?? null,
    totalCap: first.data?.totalCap ?? null,
    error: first.error,
    isFetching: first.isFetching,
  };
}

export type TimelineRows = {
  rowAt(index: number): TimelineRow | undefined;
  /** The first error among the pages in view. */
  error: unknown;
  isFetching: boolean;
};

/**
 * The rows on screen. Only the blocks that cover the visible rows are
 * fetched, each cached under its own key, so the cost of a scroll does not
 * grow with the journal.
 */
export function useTimelineRows(
  incidentId: string,
  filter: TimelineFilter,
  visible: { first: number; last: number },
): TimelineRows {
  const bridge = useBridge();
  const wanted = blocksForRange(
    visible.first,
    visible.last,
    TIMELINE_BLOCK_SIZE,
  ).join(',');
  const blocks = useThrottledValue(wanted, 150)
    .split(',')
    .filter(Boolean)
    .map(Number);

  const results = useQueries({
    queries: blocks.map((block) =>
      pageQuery(bridge, incidentId, filter, block),
    ),
  });

  const loaded: LoadedBlock[] = [];
  blocks.forEach((block, position) => {
    const page = results[position]?.data;
    if (page) loaded.push({ block, page });
  });

  return {
    rowAt: (index) => rowAt(index, TIMELINE_BLOCK_SIZE, loaded),
    error: results.find((result) => result.error)?.error ?? null,
    isFetching: results.some((result) => result.isFetching),
  };
}

export type TimelineView = TimelineTotal & TimelineRows;

export function combineView(
  totals: TimelineTotal,
  rows: TimelineRows,
): TimelineView {
  return {
    ...totals,
    rowAt: rows.rowAt,
    error: totals.error ?? rows.error,
    isFetching: totals.isFetching || rows.isFetching,
  };
}
