import { useQueries } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { TimelineRow } from '../../../shared/journal-types';
import { useBridge } from '../transport/bridge-context';
import { call } from '../transport/call';
import {
  TIMELINE_BLOCK_SIZE,
  blocksForRange,
  latestTotal,
  rowAt,
  type LoadedBlock,
} from './page-blocks';
import { queryKeys, type TimelineFilter } from './query-keys';
import { useThrottledValue } from './use-throttled-value';

export type TimelineWindow = {
  /** Null until the first page has arrived. */
  total: number | null;
  /** Set when a search stopped counting at this many matches. */
  totalCap: number | null;
  rowAt(index: number): TimelineRow | undefined;
  /** The first error among the pages in view. */
  error: unknown;
  isFetching: boolean;
};

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

/**
 * The part of a timeline that is on screen. Only the blocks that cover the
 * visible rows are fetched, each cached under its own key, so the cost of a
 * scroll does not grow with the journal.
 */
export function useTimelineWindow(
  incidentId: string,
  filter: TimelineFilter,
  visible: { first: number; last: number },
): TimelineWindow {
  const bridge = useBridge();
  const wanted = blocksForRange(
    visible.first,
    visible.last,
    TIMELINE_BLOCK_SIZE,
  ).join(',');
  const fetched = useThrottledValue(wanted, 150);

  const results = useQueries({
    queries: fetched.split(',').map((text) => {
      const block = Number(text);
      return {
        queryKey: queryKeys.timeline.page(incidentId, filter, block),
        queryFn: () =>
          call(bridge, 'timeline:page', pageInput(incidentId, filter, block)),
        // A fast scroll leaves many pages behind; let them go soon.
        gcTime: 60_000,
      };
    }),
  });

  const loaded: LoadedBlock[] = [];
  fetched.split(',').forEach((text, position) => {
    const result = results[position];
    if (!result?.data) return;
    loaded.push({
      block: Number(text),
      page: result.data,
      updatedAt: result.dataUpdatedAt,
    });
  });
  const totals = latestTotal(loaded);

  return {
    total: totals?.total ?? null,
    totalCap: totals?.totalCap ?? null,
    rowAt: (index) => rowAt(index, TIMELINE_BLOCK_SIZE, loaded),
    error: results.find((result) => result.error)?.error ?? null,
    isFetching: results.some((result) => result.isFetching),
  };
}
