import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SHORTCUTS } from '../app/use-global-shortcuts';
import { useAddNote, useUnconfirmedNotes } from '../data/journal-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';

/** Puts a refused note back in front of whatever was typed since. */
function restoreDraft(incidentId: string, text: string) {
  const store = useUiStore.getState();
  const current = store.noteDrafts[incidentId] ?? '';
  store.setNoteDraft(incidentId, current ? `${text}\n${current}` : text);
}

function Unconfirmed(props: { texts: string[] }) {
  if (props.texts.length === 0) return null;
  return (
    <ul className="unconfirmed-notes" aria-live="polite">
      {props.texts.map((text, index) => (
        <li key={index} title={text}>
          Saving: {text}
        </li>
      ))}
    </ul>
  );
}

/**
 * Quick note entry. Enter hands the note to main and frees the box for the
 * next one at once; the note shows as "Saving" until main confirms it is on
 * disk. A refused note comes back into the box with the reason beside it.
 */
export function NoteComposer(props: { incidentId: string }) {
  const { incidentId } = props;
  const draft = useUiStore((state) => state.noteDrafts[incidentId] ?? '');
  const setDraft = useUiStore((state) => state.setNoteDraft);
  const focusRequest = useUiStore((state) => state.noteFocusRequest);
  const revealLatest = useUiStore((state) => state.requestRevealLatest);
  const [refusal, setRefusal] = useState<string | null>(null);
  const addNote = useAddNote(incidentId, {
    onSaved: revealLatest,
    onRefused: (text, error) => {
      restoreDraft(incidentId, text);
      setRefusal(errorMessage(error));
    },
  });
  const unconfirmed = useUnconfirmedNotes(incidentId);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.focus();
  }, [focusRequest]);

  function save() {
    const text = draft.trim();
    if (!text) return;
    setRefusal(null);
    setDraft(incidentId, '');
    addNote.mutate({ incidentId, text });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const composing = event.nativeEvent.isComposing;
    if (event.key === 'Enter' && !event.shiftKey && !composing) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  }

  return (
    <div className="note-composer">
      <Unconfirmed texts={unconfirmed} />
      <label className="visually-hidden" htmlFor="note-input">
        New note
      </label>
      <textarea
        id="note-input"
        ref={inputRef}
        rows={Math.min(6, draft.split('\n').length)}
        value={draft}
        aria-keyshortcuts={SHORTCUTS.note}
        aria-describedby="note-hint"
        placeholder="Write a note… (press n to come here)"
        onChange={(event) => setDraft(incidentId, event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="button-primary"
        disabled={!draft.trim()}
        onClick={save}
      >
        Save note
      </button>
      <p id="note-hint" className="muted hint">
        Enter saves, Shift+Enter adds a line.
      </p>
      {refusal && (
        <p className="form-error" role="alert" data-testid="note-error">
          Not saved: {refusal}
        </p>
      )}
    </div>
  );
}
