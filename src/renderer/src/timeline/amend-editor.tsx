import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TimelineRow } from '../../../shared/journal-types';
import { useAmendEntry } from '../data/journal-queries';
import { useUiStore, type AmendDraft } from '../state/ui-store';
import { errorMessage } from '../transport/call';

/**
 * Writes a correction as a new `amend` entry; the original stays in the
 * journal untouched. The draft lives in the UI store so scrolling the row
 * out of view (which unmounts it) does not lose it.
 */
export function AmendEditor(props: {
  row: TimelineRow;
  incidentId: string;
  draft: AmendDraft;
}) {
  const { row, draft } = props;
  const setDraft = useUiStore((state) => state.setAmendDraft);
  const setExpanded = useUiStore((state) => state.setExpanded);
  const amend = useAmendEntry();
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textRef.current?.focus(), []);

  function save() {
    const text = draft.text.trim();
    if (!text || amend.isPending) return;
    const reason = draft.reason.trim();
    amend.mutate(
      {
        incidentId: props.incidentId,
        entryId: row.id,
        text,
        ...(reason && { reason }),
      },
      {
        onSuccess: () => {
          setDraft(null);
          setExpanded(row.id, true);
        },
      },
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
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
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={amend.isPending}
          onClick={save}
        >
          {amend.isPending ? 'Saving…' : 'Save correction'}
        </button>
      </div>
    </div>
  );
}
