import { useState, type FormEvent } from 'react';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { Field } from '../incidents/select-field';
import {
  detailsDraft,
  detailsInput,
  EvidenceDetailsFields,
  type DetailsDraft,
} from './evidence-details-fields';
import { guessEvidenceType } from './evidence-format';

export type PathEvidence = ReturnType<typeof detailsInput> & {
  paths: string[];
};

/** One path per line; blank lines are dropped, spaces inside kept. */
export function parsePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function AddPathsForm(props: {
  onAdd: (evidence: PathEvidence) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [draft, setDraft] = useState(() => detailsDraft('other'));
  const [typeChosen, setTypeChosen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function changePaths(value: string) {
    setText(value);
    if (typeChosen) return;
    const type = guessEvidenceType(parsePaths(value));
    setDraft((current) => ({ ...current, type }));
  }

  function changeDetails(changes: Partial<DetailsDraft>) {
    if (changes.type) setTypeChosen(true);
    setDraft((current) => ({ ...current, ...changes }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const paths = parsePaths(text);
    setProblem(paths.length === 0 ? 'Give at least one path.' : null);
    if (paths.length > 0) props.onAdd({ paths, ...detailsInput(draft) });
  }

  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <Field label="Paths, one per line" className="field-wide">
        {(id) => (
          <textarea
            id={id}
            className="mono"
            data-autofocus
            rows={4}
            value={text}
            spellCheck={false}
            placeholder={'/var/log/auth.log\n/srv/exports/2026-12-03'}
            onChange={(event) => changePaths(event.target.value)}
          />
        )}
      </Field>
      <p className="muted hint field-wide">
        Files or folders on the machine War Room runs on, not on this browser’s.
        A folder is taken in whole, one item per file; a symbolic link is
        recorded as a link and its target is not read.
      </p>
      <EvidenceDetailsFields draft={draft} onChange={changeDetails} />
      <FormFooter
        error={problem}
        hint="Each file is hashed as it is copied into the vault."
        onCancel={props.onCancel}
        submitLabel="Add"
        pendingLabel="Adding…"
      />
    </form>
  );
}

/** Files already on War Room's machine, named by their paths. */
export function AddPathsDialog(props: {
  open: boolean;
  onAdd: (evidence: PathEvidence) => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Add evidence by path"
      testId="add-paths-dialog"
      onClose={props.onCancel}
    >
      <AddPathsForm onAdd={props.onAdd} onCancel={props.onCancel} />
    </ModalDialog>
  );
}
