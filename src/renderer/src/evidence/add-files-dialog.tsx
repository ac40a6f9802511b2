import { useState, type FormEvent } from 'react';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import {
  detailsDraft,
  detailsInput,
  EvidenceDetailsFields,
  type DetailsDraft,
} from './evidence-details-fields';
import { formatBytes, guessEvidenceType } from './evidence-format';
import { useFileDrop, type DroppedFiles } from './use-file-drop';

export type FileBatch = {
  files: File[];
  details: ReturnType<typeof detailsInput>;
};

function FilePicker(props: { onPick: (dropped: DroppedFiles) => void }) {
  const { dragging, handlers } = useFileDrop(props.onPick);
  return (
    <div
      className={`drop-zone${dragging ? ' is-dragging' : ''}`}
      data-testid="add-files-drop-zone"
      {...handlers}
    >
      <label className="file-pick">
        Choose files…
        <input
          className="visually-hidden"
          type="file"
          multiple
          data-autofocus
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            props.onPick({ files, folders: [] });
          }}
        />
      </label>
      <span className="muted">or drop files here</span>
    </div>
  );
}

function PickedFiles(props: { files: File[]; onRemove: (file: File) => void }) {
  if (props.files.length === 0) return null;
  return (
    <ul className="picked-files" aria-label="Files to add">
      {props.files.map((file, index) => (
        <li key={`${file.name}-${index}`}>
          <span className="picked-name">{file.name}</span>
          <span className="muted numeric">{formatBytes(file.size)}</span>
          <button
            type="button"
            className="button-quiet"
            aria-label={`Remove ${file.name}`}
            onClick={() => props.onRemove(file)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function folderProblem(folders: File[], desktop: boolean): string | null {
  if (folders.length === 0 || desktop) return null;
  const names = folders.map((folder) => folder.name).join(', ');
  return (
    `A browser cannot upload folders (${names}). Drop the files inside, ` +
    'or add the folder with Add by path.'
  );
}

function useFileBatch(initial: DroppedFiles, desktop: boolean) {
  const keep = (dropped: DroppedFiles) =>
    desktop ? [...dropped.files, ...dropped.folders] : dropped.files;
  const [files, setFiles] = useState(() => keep(initial));
  const [problem, setProblem] = useState(() =>
    folderProblem(initial.folders, desktop),
  );
  const [draft, setDraft] = useState<DetailsDraft>(() =>
    detailsDraft(guessEvidenceType(files.map((file) => file.name))),
  );
  const [typeChosen, setTypeChosen] = useState(false);

  function add(dropped: DroppedFiles) {
    const next = [...files, ...keep(dropped)];
    setFiles(next);
    setProblem(folderProblem(dropped.folders, desktop));
    if (!typeChosen) {
      const type = guessEvidenceType(next.map((file) => file.name));
      setDraft((current) => ({ ...current, type }));
    }
  }

  function change(changes: Partial<DetailsDraft>) {
    if (changes.type) setTypeChosen(true);
    setDraft((current) => ({ ...current, ...changes }));
  }

  function remove(file: File) {
    setFiles((current) => current.filter((candidate) => candidate !== file));
  }

  return { files, draft, problem, setProblem, add, change, remove };
}

function AddFilesForm(props: {
  initial: DroppedFiles;
  desktop: boolean;
  onAdd: (batch: FileBatch) => void;
  onCancel: () => void;
}) {
  const batch = useFileBatch(props.initial, props.desktop);
  const count = batch.files.length;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (count === 0) {
      batch.setProblem('Choose or drop at least one file.');
      return;
    }
    props.onAdd({ files: batch.files, details: detailsInput(batch.draft) });
  }

  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <div className="field-wide">
        <FilePicker onPick={batch.add} />
        <PickedFiles files={batch.files} onRemove={batch.remove} />
      </div>
      <EvidenceDetailsFields draft={batch.draft} onChange={batch.change} />
      <FormFooter
        error={batch.problem}
        hint="Each file is hashed as it is copied into the vault."
        onCancel={props.onCancel}
        submitLabel={count === 1 ? 'Add 1 file' : `Add ${count} files`}
        pendingLabel="Adding…"
      />
    </form>
  );
}

/** Files picked or dropped, with what is to be said about them. */
export function AddFilesDialog(props: {
  open: boolean;
  initial: DroppedFiles;
  desktop: boolean;
  onAdd: (batch: FileBatch) => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Add files as evidence"
      testId="add-files-dialog"
      onClose={props.onCancel}
    >
      <AddFilesForm
        initial={props.initial}
        desktop={props.desktop}
        onAdd={props.onAdd}
        onCancel={props.onCancel}
      />
    </ModalDialog>
  );
}
