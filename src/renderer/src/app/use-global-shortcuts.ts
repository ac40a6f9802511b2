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
  const key = event.key.toLowerCase();
  // Shift, not the letter's case, tells the two apart: Caps Lock makes a
  // plain `n` arrive as `N`.
  if (key === 'n' && event.shiftKey) {
    store.setNewIncidentOpen(true);
  } else if (key === 'n' && store.selectedIncidentId) {
    store.showPane('timeline');
    store.requestNoteFocus();
  } else if (key === '/' && store.selectedIncidentId) {
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
