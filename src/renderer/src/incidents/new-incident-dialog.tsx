import { useEffect, useRef } from 'react';
import type { Incident } from '../../../shared/ipc-contract';
import { useUiStore } from '../state/ui-store';
import { NewIncidentForm } from './new-incident-form';

/**
 * A native modal dialog: the browser traps focus, makes the page inert and
 * closes it on Esc. The form is mounted only while open, so each opening
 * starts from empty fields.
 */
export function NewIncidentDialog() {
  const open = useUiStore((state) => state.newIncidentOpen);
  const setOpen = useUiStore((state) => state.setNewIncidentOpen);
  const openIncident = useUiStore((state) => state.openIncident);
  const requestNoteFocus = useUiStore((state) => state.requestNoteFocus);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('#new-incident-title')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function created(incident: Incident) {
    // Closed here, not by the effect, so the page is no longer inert when
    // the note box asks for focus in the same render.
    dialogRef.current?.close();
    setOpen(false);
    openIncident(incident.id);
    // The next thing a commander does is write down what is happening.
    requestNoteFocus();
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="new-incident-heading"
      onClose={() => setOpen(false)}
    >
      <h2 id="new-incident-heading">New incident</h2>
      {open && (
        <NewIncidentForm onCreated={created} onCancel={() => setOpen(false)} />
      )}
    </dialog>
  );
}
