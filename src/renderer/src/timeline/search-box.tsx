import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SHORTCUTS } from '../app/use-global-shortcuts';
import { useDebouncedValue } from '../data/use-throttled-value';
import { useUiStore } from '../state/ui-store';

/**
 * Full-text search over the journal. Typing searches once the keys pause;
 * Enter searches at once; Esc clears.
 */
export function SearchBox() {
  const committed = useUiStore((state) => state.search);
  const setSearch = useUiStore((state) => state.setSearch);
  const focusRequest = useUiStore((state) => state.searchFocusRequest);
  const [text, setText] = useState(committed);
  const settled = useDebouncedValue(text, 300);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => setSearch(settled), [settled, setSearch]);

  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.focus();
  }, [focusRequest]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      setSearch(text);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
      setSearch('');
    }
  }

  return (
    <input
      ref={inputRef}
      type="search"
      className="search-box"
      data-testid="search-input"
      aria-label="Search the timeline"
      aria-keyshortcuts={SHORTCUTS.search}
      placeholder="Search entries (/)"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
