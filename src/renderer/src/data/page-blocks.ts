import type { TimelinePage } from '../../../shared/ipc-contract';

/** Rows per `timeline:page` request; also the unit the page cache keys by. */
export const TIMELINE_BLOCK_SIZE = 200;

/**
 * The blocks that hold rows `first`..`last` (inclusive). Block 0 is always
 * among them: its page carries the total that sizes the scroll area, so it
 * stays cached wherever the reader has scrolled to.
 */
export function blocksForRange(
  first: number,
  last: number,
  blockSize: number,
): number[] {
  const blocks = [0];
  if (last < first || last < 0) return blocks;

  const firstBlock = Math.floor(Math.max(0, first) / blockSize);
  const lastBlock = Math.floor(last / blockSize);
  for (let block = Math.max(1, firstBlock); block <= lastBlock; block++) {
    blocks.push(block);
  }
  return blocks;
}

export type LoadedBlock = {
  block: number;
  page: TimelinePage;
  /** When the page arrived; the newest page has the newest total. */
  updatedAt: number;
};

/** The row at `index`, or undefined while its block is still loading. */
export function rowAt(
  index: number,
  blockSize: number,
  loaded: readonly LoadedBlock[],
) {
  const block = Math.floor(index / blockSize);
  const hit = loaded.find((candidate) => candidate.block === block);
  return hit?.page.rows[index - block * blockSize];
}

/** The total the most recently fetched page reported, if any has arrived. */
export function latestTotal(
  loaded: readonly LoadedBlock[],
): Pick<TimelinePage, 'total' | 'totalCap'> | null {
  let newest: LoadedBlock | null = null;
  for (const candidate of loaded) {
    if (!newest || candidate.updatedAt > newest.updatedAt) newest = candidate;
  }
  if (!newest) return null;
  return { total: newest.page.total, totalCap: newest.page.totalCap };
}
