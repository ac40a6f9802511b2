import type { ChannelInput } from '../../src/shared/ipc-contract';
import { COMMON_TERM, RARE_TERM } from './note-corpus';

export const PAGE_LIMIT = 100;

export type PageInput = Omit<ChannelInput<'timeline:page'>, 'incidentId'>;

/** A `timeline:page` request, shaped for a journal of `total` entries. */
export type PageQuery = {
  name: string;
  input(total: number, repetition: number): PageInput;
};

/** Spread over the journal by the golden ratio: no two reps share a page. */
function spreadOffset(total: number, repetition: number): number {
  const fraction = (repetition * 0.618_033_988_75) % 1;
  return Math.floor(fraction * Math.max(0, total - PAGE_LIMIT));
}

export const RARE_TERM_SEARCH: PageQuery = {
  name: `search rare term "${RARE_TERM}"`,
  input: () => ({
    order: 'newest-first',
    search: RARE_TERM,
    offset: 0,
    limit: PAGE_LIMIT,
  }),
};

export const PAGE_QUERIES: readonly PageQuery[] = [
  {
    name: 'first page, newest first',
    input: () => ({ order: 'newest-first', offset: 0, limit: PAGE_LIMIT }),
  },
  {
    name: 'first page, oldest first',
    input: () => ({ order: 'oldest-first', offset: 0, limit: PAGE_LIMIT }),
  },
  {
    name: 'deep page at total/2',
    input: (total) => ({
      order: 'newest-first',
      offset: Math.floor(total / 2),
      limit: PAGE_LIMIT,
    }),
  },
  {
    name: 'page at a spread offset',
    input: (total, repetition) => ({
      order: 'oldest-first',
      offset: spreadOffset(total, repetition),
      limit: PAGE_LIMIT,
    }),
  },
  RARE_TERM_SEARCH,
  {
    name: `search common term "${COMMON_TERM}"`,
    input: () => ({
      order: 'newest-first',
      search: COMMON_TERM,
      offset: 0,
      limit: PAGE_LIMIT,
    }),
  },
];
