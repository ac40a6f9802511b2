import { useState, type FormEvent } from 'react';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { Field } from '../incidents/select-field';
import {
  detailsDraft,
  detailsInput,
  EvidenceDetailsFields,
} from './evidence-details-fields';

export type TextEvidence = ReturnType<typeof detailsInput> & {
  name: string;
  text: string;
};

function problemOf(name: string, text: string): string | null {
  if (!name.trim()) return 'Give it a name, e.g. netstat-anp.txt.';
  if (!text) return 'Paste the text to keep.';
  return null;
}

function AddTextForm(props: {
  onAdd: (evidence: TextEvidence) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [draft, setDraft] = useState(() => detailsDraft('system-snapshot'));
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = problemOf(name, text);
    setProblem(found);
    if (found) return;
    props.onAdd({ name: name.trim(), text, ...detailsInput(draft) });
  }

  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <Field label="Name" className="field-wide">
        {(id) => (
          <input
            id={id}
            data-autofocus
            value={name}
            maxLength={255}
            autoComplete="off"
            placeholder="e.g. netstat-anp-web-03.txt"
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field label="Text (kept exactly as pasted)" className="field-wide">
        {(id) => (
          <textarea
            id={id}
            className="mono pasted-text"
            rows={10}
            value={text}
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <EvidenceDetailsFields
        draft={draft}
        onChange={(changes) =>
          setDraft((current) => ({ ...current, ...changes }))
        }
      />
      <FormFooter
        error={problem}
        hint="Stored as UTF-8 and hashed like a file."
        onCancel={props.onCancel}
        submitLabel="Add text"
        pendingLabel="Adding…"
      />
    </form>
  );
}

/** Command output or a message pasted in, kept as an evidence file. */
export function AddTextDialog(props: {
  open: boolean;
  onAdd: (evidence: TextEvidence) => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Add pasted text as evidence"
      testId="add-text-dialog"
      onClose={props.onCancel}
    >
      <AddTextForm onAdd={props.onAdd} onCancel={props.onCancel} />
    </ModalDialog>
  );
}
