import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal-types';
import type { Result } from '../../../shared/result';
import { resetUiStore, useUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID, sampleEntry } from '../test-support/sample-data';
import { NoteComposer } from './note-composer';

type Answer = Result<JournalEntry> | Promise<Result<JournalEntry>>;

function renderComposer(answer: () => Answer) {
  const bridge = createFakeBridge({ 'journal:add-note': answer });
  renderWithApp(<NoteComposer incidentId={INCIDENT_ID} />, bridge);
  return { bridge, input: screen.getByLabelText('New note') };
}

/** Answers held back until the test releases them, in order. */
function heldAnswers() {
  const release: (() => void)[] = [];
  const answer = () =>
    new Promise<Result<JournalEntry>>((resolve) =>
      release.push(() => resolve({ ok: true, value: sampleEntry() })),
    );
  return { answer, release };
}

const saved = (): Answer => ({ ok: true, value: sampleEntry() });

beforeEach(() => resetUiStore());

describe('NoteComposer', () => {
  it('shows a sent note as saving until main confirms it', async () => {
    const user = userEvent.setup();
    const held = heldAnswers();
    const { bridge, input } = renderComposer(held.answer);

    await user.type(input, '  Paged the DBA  {Enter}');

    expect(input).toHaveValue('');
    expect(screen.getByText('Saving: Paged the DBA')).toBeInTheDocument();
    expect(bridge.calls).toEqual([
      {
        channel: 'journal:add-note',
        input: { incidentId: INCIDENT_ID, text: 'Paged the DBA' },
      },
    ]);

    held.release[0]();
    await waitFor(() =>
      expect(screen.queryByText(/^Saving:/)).not.toBeInTheDocument(),
    );
    expect(useUiStore.getState().noteDrafts).toEqual({});
  });

  it('sends quick successive notes one at a time, in order', async () => {
    const user = userEvent.setup();
    const held = heldAnswers();
    const { bridge, input } = renderComposer(held.answer);

    await user.type(input, 'first{Enter}second{Enter}');

    expect(bridge.calls.map((call) => call.input)).toEqual([
      { incidentId: INCIDENT_ID, text: 'first' },
    ]);
    held.release[0]();
    await waitFor(() => expect(bridge.calls).toHaveLength(2));
    expect(bridge.calls[1].input).toEqual({
      incidentId: INCIDENT_ID,
      text: 'second',
    });
  });

  it('brings a refused note back, with the reason', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer(() => ({
      ok: false,
      error: { kind: 'storage', message: 'the disk is full' },
    }));

    await user.type(input, 'Important{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: the disk is full',
    );
    expect(input).toHaveValue('Important');
  });

  it('puts a refused note in front of what was typed since', async () => {
    const user = userEvent.setup();
    let refuse: () => void = () => {};
    const { input } = renderComposer(
      () =>
        new Promise((resolve) => {
          refuse = () =>
            resolve({
              ok: false,
              error: { kind: 'storage', message: 'locked' },
            });
        }),
    );

    await user.type(input, 'Refused{Enter}next thought');
    refuse();

    await waitFor(() => expect(input).toHaveValue('Refused\nnext thought'));
  });

  it('adds a line on Shift+Enter without saving', async () => {
    const user = userEvent.setup();
    const { bridge, input } = renderComposer(saved);

    await user.type(input, 'one{Shift>}{Enter}{/Shift}two');

    expect(input).toHaveValue('one\ntwo');
    expect(bridge.calls).toEqual([]);
  });

  it('does not send a note of only spaces', async () => {
    const user = userEvent.setup();
    const { bridge, input } = renderComposer(saved);

    await user.type(input, '   {Enter}');

    expect(bridge.calls).toEqual([]);
  });

  it('takes focus when asked to', async () => {
    const { input } = renderComposer(saved);
    expect(input).not.toHaveFocus();

    useUiStore.getState().requestNoteFocus();

    await waitFor(() => expect(input).toHaveFocus());
  });
});
