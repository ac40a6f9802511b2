import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';

/** Single-key shortcuts must not fire while someone is typing. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export const SHORTCUTS = {
  note: 'n',
  newIncident: 'Shift+N',
  search: '/',
} as const;

function handleShortcut(event: KeyboardEvent) {
  const store = useUiStore.getState();
  if (event.key === 'N') {
    store.setNewIncidentOpen(true);
  } else if (event.key === 'n' && store.selectedIncidentId) {
    store.showPane('timeline');
    store.requestNoteFocus();
  } else if (event.key === '/' && store.selectedIncidentId) {
    store.showPane('timeline');
    store.requestSearchFocus();
  } else {
    return;
  }
  event.preventDefault();
}

/**
 * The keys an incident commander reaches for without the mouse: `n` writes
 * a note, `Shift+N` opens a new incident, `/` searches the timeline.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      handleShortcut(event);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
