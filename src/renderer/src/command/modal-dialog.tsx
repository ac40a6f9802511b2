import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A native modal dialog: the browser traps focus, makes the page inert,
 * closes it on Esc and gives focus back to where it was. The content is
 * mounted only while open, so each opening starts from empty fields; the
 * element marked `data-autofocus` takes focus.
 */
export function ModalDialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  }, [props.open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={headingId}
      data-testid={props.testId}
      onClose={props.onClose}
    >
      <h2 id={headingId}>{props.title}</h2>
      {props.open && props.children}
    </dialog>
  );
}
