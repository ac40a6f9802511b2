import { createContext, useContext } from 'react';

export type RevealTarget = { id: string; position: number };

/** Which row should take focus, and whether it may scroll to do so. */
export type FocusRequest = { id: string; scroll: boolean };

/**
 * Moving the reader to an entry of the timeline. Requests go by entry id,
 * since the row showing an entry is not always the same component: rows
 * are rendered into slots by index, and an entry's index changes when a
 * new one lands ahead of it.
 */
export type EntryReveal = {
  /**
   * Whether an entry can be brought into view by its position: only the
   * whole timeline is laid out by position, not a filtered or searched one.
   */
  enabled: boolean;
  /** Scrolls the entry to the middle of the list and focuses its row. */
  reveal(target: RevealTarget): void;
  /** Focuses the entry's row, scrolling it into view if need be. */
  focusEntry(entryId: string): void;
  focusRequest: FocusRequest | null;
  /** Called by the requested row once it has taken focus. */
  focused(): void;
};

const NO_REVEAL: EntryReveal = {
  enabled: false,
  reveal: () => undefined,
  focusEntry: () => undefined,
  focusRequest: null,
  focused: () => undefined,
};

export const EntryRevealContext = createContext<EntryReveal>(NO_REVEAL);

export function useEntryReveal(): EntryReveal {
  return useContext(EntryRevealContext);
}
