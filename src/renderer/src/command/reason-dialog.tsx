import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';
import { DialogActions } from '../app/dialog-actions';

function ReasonForm(props: {
  label: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  children?: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const inputId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    setMissing(!text);
    if (text && !props.pending) props.onConfirm(text);
  }

  const error = missing
    ? 'Give a reason; it is kept in the journal.'
    : props.error;
  return (
    <form className="dialog-form prompt-form" noValidate onSubmit={submit}>
      {props.children}
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          {props.label}
        </label>
        <input
          id={inputId}
          data-autofocus
          value={reason}
          autoComplete="off"
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <DialogActions
        hint="Enter confirms; Esc cancels."
        onCancel={props.onCancel}
        submitLabel={props.confirmLabel}
        pendingLabel="Saving…"
        pending={props.pending}
      />
    </form>
  );
}

/**
 * Asks for the reason the journal keeps beside a decision: skipping an
 * item, or going on while required items are open.
 */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  label: string;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  testId?: string;
  children?: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title={props.title}
      testId={props.testId}
      onClose={props.onCancel}
    >
      <ReasonForm
        label={props.label}
        confirmLabel={props.confirmLabel}
        pending={props.pending ?? false}
        error={props.error ?? null}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
      >
        {props.children}
      </ReasonForm>
    </ModalDialog>
  );
}
