import type { TimelinePage } from '../../../shared/ipc-contract';

/** Rows per `timeline:page` request; also the unit the page cache keys by. */
export const TIMELINE_BLOCK_SIZE = 200;

/** The blocks that hold rows `first`..`last` (inclusive); none if empty. */
export function blocksForRange(
  first: number,
  last: number,
  blockSize: number,
): number[] {
  if (last < first || last < 0) return [];

  const blocks: number[] = [];
  const firstBlock = Math.floor(Math.max(0, first) / blockSize);
  const lastBlock = Math.floor(last / blockSize);
  for (let block = firstBlock; block <= lastBlock; block++) blocks.push(block);
  return blocks;
}

export type LoadedBlock = { block: number; page: TimelinePage };

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
