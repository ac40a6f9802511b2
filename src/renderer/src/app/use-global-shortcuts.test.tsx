import { fireEvent, render, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUiStore, useUiStore } from '../state/ui-store';
import { INCIDENT_ID } from '../test-support/sample-data';
import { useGlobalShortcuts } from './use-global-shortcuts';

beforeEach(() => {
  resetUiStore();
  renderHook(() => useGlobalShortcuts());
});

const state = () => useUiStore.getState();

describe('useGlobalShortcuts', () => {
  it('opens the new-incident dialog on Shift+N', () => {
    fireEvent.keyDown(document.body, { key: 'N', shiftKey: true });

    expect(state().newIncidentOpen).toBe(true);
  });

  it('goes to the note box on n once an incident is open', () => {
    useUiStore.setState({ selectedIncidentId: INCIDENT_ID, pane: 'incidents' });

    fireEvent.keyDown(document.body, { key: 'n' });

    expect(state().pane).toBe('timeline');
    expect(state().noteFocusRequest).toBe(1);
  });

  it('treats n under Caps Lock as n, not as a new incident', () => {
    useUiStore.setState({ selectedIncidentId: INCIDENT_ID });

    fireEvent.keyDown(document.body, { key: 'N' });

    expect(state().newIncidentOpen).toBe(false);
    expect(state().noteFocusRequest).toBe(1);
  });

  it('does nothing on n with no incident open', () => {
    fireEvent.keyDown(document.body, { key: 'n' });

    expect(state().pane).toBe('incidents');
    expect(state().noteFocusRequest).toBe(0);
  });

  it('leaves keys alone while someone types in a field', () => {
    useUiStore.setState({ selectedIncidentId: INCIDENT_ID });
    const { getByRole } = render(<input aria-label="somewhere" />);

    fireEvent.keyDown(getByRole('textbox'), { key: 'n' });
    fireEvent.keyDown(getByRole('textbox'), { key: 'N', shiftKey: true });

    expect(state().noteFocusRequest).toBe(0);
    expect(state().newIncidentOpen).toBe(false);
  });

  it('leaves browser shortcuts with Ctrl alone', () => {
    fireEvent.keyDown(document.body, {
      key: 'N',
      shiftKey: true,
      ctrlKey: true,
    });

    expect(state().newIncidentOpen).toBe(false);
  });

  it('focuses the search on /', () => {
    useUiStore.setState({ selectedIncidentId: INCIDENT_ID });

    fireEvent.keyDown(document.body, { key: '/' });

    expect(state().searchFocusRequest).toBe(1);
  });
});
