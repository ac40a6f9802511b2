import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../shared/journal-types';
import { queryKeys, type TimelineFilter } from '../data/query-keys';
import { INCIDENT_ID, sampleEntry } from '../test-support/sample-data';
import {
  cachedEntryPosition,
  locateEntryPosition,
  type ReadRows,
} from './entry-position';

function row(position: number, id: string): TimelineRow {
  return {
    ...sampleEntry({ id }),
    position,
    text: `entry ${position}`,
    amendmentCount: 0,
  };
}

/** Ids that sort in position order, as one writer makes them. */
function orderedId(position: number): string {
  return `01KBHQ${String(position).padStart(20, '0')}`;
}

/** A timeline of `ids`, position 1 first, and a count of the reads. */
function timeline(ids: string[]) {
  const rows = ids.map((id, index) => row(index + 1, id));
  const reads: number[] = [];
  const readRows: ReadRows = async (offset, limit) => {
    reads.push(offset);
    return rows.slice(offset, offset + limit);
  };
  return { readRows, reads };
}

const ALL_ENTRIES: TimelineFilter = {
  order: 'oldest-first',
  kinds: [],
  actors: [],
  search: '',
};

describe('locateEntryPosition', () => {
  it('finds an entry among a million in a few reads', async () => {
    const total = 1_000_000;
    const rows = new Map<number, TimelineRow>();
    const reads: number[] = [];
    const readRows: ReadRows = async (offset, limit) => {
      reads.push(offset);
      const page: TimelineRow[] = [];
      for (
        let index = offset;
        index < offset + limit && index < total;
        index++
      ) {
        const cached = rows.get(index) ?? row(index + 1, orderedId(index + 1));
        rows.set(index, cached);
        page.push(cached);
      }
      return page;
    };

    await expect(
      locateEntryPosition(readRows, orderedId(123_457), total),
    ).resolves.toBe(123_457);
    expect(reads.length).toBeLessThanOrEqual(21);
  });

  it('finds an entry whose id was stamped out of order', async () => {
    const ids = Array.from({ length: 500 }, (_, index) => orderedId(index + 1));
    // Another process wrote position 300 with a clock a moment behind:
    // its id sorts between those of positions 259 and 260.
    ids[299] = orderedId(259).replace(/9$/, 'Z');
    const { readRows } = timeline(ids);

    await expect(locateEntryPosition(readRows, ids[299], 501)).resolves.toBe(
      300,
    );
  });

  it('answers null for an entry that is not there', async () => {
    const ids = Array.from({ length: 50 }, (_, index) => orderedId(index + 1));
    const { readRows } = timeline(ids);

    await expect(
      locateEntryPosition(readRows, orderedId(999), 51),
    ).resolves.toBeNull();
  });

  it('searches only before the amendment', async () => {
    const ids = Array.from({ length: 2_000 }, (_, index) =>
      orderedId(index + 1),
    );
    const { readRows, reads } = timeline(ids);

    await expect(locateEntryPosition(readRows, ids[9], 12)).resolves.toBe(10);
    expect(Math.max(...reads)).toBeLessThan(11);
  });
});

describe('cachedEntryPosition', () => {
  it('reads the position from any fetched page of the incident', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.timeline.facets(INCIDENT_ID), {
      kinds: [],
      actors: [],
    });
    queryClient.setQueryData(
      queryKeys.timeline.page(INCIDENT_ID, ALL_ENTRIES, 3),
      { total: 900, totalCap: null, rows: [row(601, 'A'), row(602, 'B')] },
    );

    expect(cachedEntryPosition(queryClient, INCIDENT_ID, 'B')).toBe(602);
    expect(cachedEntryPosition(queryClient, INCIDENT_ID, 'C')).toBeNull();
    expect(cachedEntryPosition(queryClient, 'another', 'B')).toBeNull();
  });
});
