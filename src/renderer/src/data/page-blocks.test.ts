import { describe, expect, it } from 'vitest';
import type { TimelinePage } from '../../../shared/ipc-contract';
import type { TimelineRow } from '../../../shared/journal-types';
import { blocksForRange, rowAt, type LoadedBlock } from './page-blocks';

function page(positions: number[]): TimelinePage {
  const rows = positions.map(
    (position) => ({ position, text: `entry ${position}` }) as TimelineRow,
  );
  return { total: 450, totalCap: null, rows };
}

describe('blocksForRange', () => {
  it('asks for nothing before anything is visible', () => {
    expect(blocksForRange(0, -1, 200)).toEqual([]);
  });

  it('covers a range inside one block with that block', () => {
    expect(blocksForRange(0, 40, 200)).toEqual([0]);
    expect(blocksForRange(205, 240, 200)).toEqual([1]);
  });

  it('covers a range that straddles two blocks with both', () => {
    expect(blocksForRange(190, 230, 200)).toEqual([0, 1]);
  });

  it('asks only for the blocks in view, deep in a huge journal', () => {
    expect(blocksForRange(999_950, 999_999, 200)).toEqual([4999]);
    expect(blocksForRange(500_190, 500_210, 200)).toEqual([2500, 2501]);
  });
});

describe('rowAt', () => {
  const loaded: LoadedBlock[] = [
    { block: 0, page: page([1, 2, 3]) },
    { block: 2, page: page([401, 402]) },
  ];

  it('finds a row by its index across blocks', () => {
    expect(rowAt(1, 200, loaded)?.position).toBe(2);
    expect(rowAt(401, 200, loaded)?.position).toBe(402);
  });

  it('returns undefined while the block is not loaded', () => {
    expect(rowAt(250, 200, loaded)).toBeUndefined();
  });

  it('returns undefined past the rows a block holds', () => {
    expect(rowAt(150, 200, loaded)).toBeUndefined();
  });
});
