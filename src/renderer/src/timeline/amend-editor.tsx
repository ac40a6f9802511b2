import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TimelineRow } from '../../../shared/journal-types';
import { useAmendEntry } from '../data/journal-queries';
import { useUiStore, type AmendDraft } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { useEntryReveal } from './entry-reveal';

/**
 * Writes a correction as a new `amend` entry; the original stays in the
 * journal untouched. The draft lives in the UI store so scrolling the row
 * out of view (which unmounts it) does not lose it.
 */
export function AmendEditor(props: {
  row: TimelineRow;
  incidentId: string;
  draft: AmendDraft;
  /** Called when the editor is closed without saving. */
  onCancel(): void;
}) {
  const { row, draft } = props;
  const setDraft = useUiStore((state) => state.setAmendDraft);
  const setExpanded = useUiStore((state) => state.setExpanded);
  const { focusEntry } = useEntryReveal();
  const amend = useAmendEntry();
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textRef.current?.focus(), []);

  async function save() {
    const text = draft.text.trim();
    if (!text || amend.isPending) return;
    const reason = draft.reason.trim();
    try {
      await amend.mutateAsync({
        incidentId: props.incidentId,
        entryId: row.id,
        text,
        ...(reason && { reason }),
      });
    } catch {
      return; // shown below, from the mutation's state
    }

    // By now this editor may be gone: scrolled away, or moved down a slot
    // when the correction landed on top of a newest-first list. So what
    // follows goes by the entry's id, not by this component.
    if (useUiStore.getState().amendDraft?.entryId === row.id) setDraft(null);
    // Open on its history, with focus on its toggle, which reads ▾ and
    // closes it; focusing also brings the row's line back into view.
    setExpanded(row.id, true);
    focusEntry(row.id);
  }

  function cancel() {
    setDraft(null);
    props.onCancel();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div
      className="amend-editor"
      data-testid="amend-editor"
      onKeyDown={onKeyDown}
    >
      <div className="field">
        <label className="field-label" htmlFor={`amend-text-${row.id}`}>
          Corrected text of entry {row.position}
        </label>
        <textarea
          id={`amend-text-${row.id}`}
          ref={textRef}
          rows={2}
          value={draft.text}
          readOnly={amend.isPending}
          onChange={(event) => setDraft({ ...draft, text: event.target.value })}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`amend-reason-${row.id}`}>
          Reason (optional)
        </label>
        <input
          id={`amend-reason-${row.id}`}
          value={draft.reason}
          readOnly={amend.isPending}
          onChange={(event) =>
            setDraft({ ...draft, reason: event.target.value })
          }
        />
      </div>
      {amend.error && (
        <p className="form-error" role="alert">
          Not saved: {errorMessage(amend.error)}
        </p>
      )}
      <div className="editor-actions">
        <span className="muted hint">
          Enter saves, Shift+Enter adds a line, Esc cancels.
        </span>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={amend.isPending}
          onClick={() => void save()}
        >
          {amend.isPending ? 'Saving…' : 'Save correction'}
        </button>
      </div>
    </div>
  );
}
