import type { ReactNode } from 'react';

/**
 * The footer every form dialog shares: what the keys do, Cancel, and the
 * submit button, which says what it is doing while the request is out.
 */
export function DialogActions(props: {
  hint: string;
  onCancel: () => void;
  submitLabel: string;
  pendingLabel: string;
  pending?: boolean;
  disabled?: boolean;
}) {
  return (
    <div className="dialog-actions">
      <span className="muted hint">{props.hint}</span>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        className="button-primary"
        disabled={props.pending || props.disabled}
      >
        {props.pending ? props.pendingLabel : props.submitLabel}
      </button>
    </div>
  );
}

/**
 * The end of a form dialog: the reason the last attempt failed, if it did,
 * announced to screen readers, then the shared footer.
 */
export function FormFooter(
  props: Parameters<typeof DialogActions>[0] & { error: ReactNode },
) {
  const { error, ...actions } = props;
  return (
    <>
      {error ? (
        <p className="form-error field-wide" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field-wide">
        <DialogActions {...actions} />
      </div>
    </>
  );
}
