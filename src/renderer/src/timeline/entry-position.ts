import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { TimelinePage } from '../../../shared/ipc-contract';
import type { TimelineRow } from '../../../shared/journal-types';
import { queryKeys } from '../data/query-keys';

function isTimelinePage(data: unknown): data is TimelinePage {
  return (
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as Partial<TimelinePage>).rows)
  );
}

/** The entry's position, if a timeline page already fetched holds it. */
export function cachedEntryPosition(
  queryClient: QueryClient,
  incidentId: string,
  entryId: string,
): number | null {
  const queries = queryClient
    .getQueryCache()
    .findAll({ queryKey: queryKeys.timeline.all(incidentId) });
  for (const query of queries) {
    const data: unknown = query.state.data;
    if (!isTimelinePage(data)) continue;
    const row = data.rows.find((candidate) => candidate.id === entryId);
    if (row) return row.position;
  }
  return null;
}

/**
 * The entry's position from the pages in hand, kept current as pages
 * arrive and leave the cache; null while none of them holds it.
 */
export function useCachedEntryPosition(
  incidentId: string,
  entryId: string,
): number | null {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () =>
    cachedEntryPosition(queryClient, incidentId, entryId),
  );
}

/** Rows of the whole timeline, oldest first, from `offset`. */
export type ReadRows = (
  offset: number,
  limit: number,
) => Promise<TimelineRow[]>;

/** Rows read around the search's landing spot, where the entry must be. */
const LOCATE_WINDOW = 200;

/**
 * Finds the position of an entry that stands before `before` when no page
 * in hand holds it, in about log2(before) one-row reads. Ids are ULIDs,
 * which sort by the time they were made, and positions follow the order
 * of writing, so a binary search by id lands on the entry or beside it;
 * the rows around that spot are then searched for the id itself, since
 * writers in different processes can stamp ids a moment out of order.
 * Null if it is not there either.
 */
export async function locateEntryPosition(
  readRows: ReadRows,
  entryId: string,
  before: number,
): Promise<number | null> {
  let low = 1;
  let high = before - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const [row] = await readRows(middle - 1, 1);
    if (row?.id === entryId) return middle;
    if (row && row.id < entryId) low = middle + 1;
    else high = middle;
  }

  const start = Math.max(0, low - 1 - LOCATE_WINDOW / 2);
  const rows = await readRows(start, LOCATE_WINDOW);
  return rows.find((row) => row.id === entryId)?.position ?? null;
}
