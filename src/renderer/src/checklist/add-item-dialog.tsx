import { useId, useState, type FormEvent } from 'react';
import type { PhaseId } from '../../../shared/incident-lifecycle';
import { ModalDialog } from '../command/modal-dialog';
import { DialogActions } from '../app/dialog-actions';

export type NewItem = { title: string; required: boolean };

function AddItemForm(props: {
  pending: boolean;
  error: string | null;
  onAdd: (item: NewItem) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState('');
  const [required, setRequired] = useState(false);
  const titleId = useId();
  const requiredId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = title.trim();
    if (text && !props.pending) props.onAdd({ title: text, required });
  }

  return (
    <form className="dialog-form prompt-form" noValidate onSubmit={submit}>
      <div className="field">
        <label className="field-label" htmlFor={titleId}>
          Item
        </label>
        <input
          id={titleId}
          data-autofocus
          value={title}
          autoComplete="off"
          maxLength={300}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <label className="check-field" htmlFor={requiredId}>
        <input
          id={requiredId}
          type="checkbox"
          checked={required}
          onChange={(event) => setRequired(event.target.checked)}
        />
        Required: blocks leaving the phase and closing until done or skipped
      </label>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
      <DialogActions
        hint="Enter adds; Esc cancels."
        onCancel={props.onCancel}
        submitLabel="Add item"
        pendingLabel="Adding…"
        pending={props.pending}
        disabled={!title.trim()}
      />
    </form>
  );
}

/** An item the playbooks did not foresee, added to one phase. */
export function AddItemDialog(props: {
  phase: PhaseId | null;
  phaseLabel: string;
  pending: boolean;
  error: string | null;
  onAdd: (item: NewItem) => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      open={props.phase !== null}
      title={`Add an item to ${props.phaseLabel}`}
      testId="add-item-dialog"
      onClose={props.onCancel}
    >
      <AddItemForm
        pending={props.pending}
        error={props.error}
        onAdd={props.onAdd}
        onCancel={props.onCancel}
      />
    </ModalDialog>
  );
}
