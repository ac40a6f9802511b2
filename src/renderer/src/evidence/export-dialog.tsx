import { useState, type FormEvent } from 'react';
import type { BundleSummary } from '../../../shared/ipc-contract';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { useExportBundle } from '../data/evidence-queries';
import { Field, PathField } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { formatBytes, formatExactBytes } from './evidence-format';

type ExportDraft = {
  outDir: string;
  zip: boolean;
  organisation: string;
  contact: string;
};

function ExportSummary(props: { summary: BundleSummary; onDone: () => void }) {
  const { summary } = props;
  return (
    <div className="export-summary" data-testid="export-summary" role="status">
      <p>
        <strong>Bundle written.</strong> Hand over the folder (or the zip) as it
        is; anyone can check it with nothing but the bundle.
      </p>
      <dl className="facts">
        <dt>Folder</dt>
        <dd className="mono" data-testid="export-dir">
          {summary.dir}
        </dd>
        <dt>Zip</dt>
        <dd className="mono">{summary.zipPath ?? 'not written'}</dd>
        <dt>Evidence files</dt>
        <dd data-testid="export-evidence-files">{summary.evidenceFiles}</dd>
        <dt>Payload</dt>
        <dd>
          {summary.payloadFiles} files, {formatBytes(summary.payloadBytes)} (
          {formatExactBytes(summary.payloadBytes)})
        </dd>
        <dt>Tag manifest SHA-256</dt>
        <dd className="mono hash-wrap" data-testid="export-tag-manifest">
          {summary.tagManifestSha256}
        </dd>
      </dl>
      <p className="muted hint">
        Send the tag manifest&apos;s SHA-256 to the recipient separately (phone,
        chat): it pins every file of the bag.
      </p>
      <p className="muted hint">To check it:</p>
      <pre className="mono check-commands">
        {`cd "${summary.dir}"\nsha256sum -c manifest-sha256.txt\npython3 verify_bundle.py`}
      </pre>
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={props.onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

function ExportFields(props: {
  draft: ExportDraft;
  update: (changes: Partial<ExportDraft>) => void;
}) {
  const { draft, update } = props;
  return (
    <>
      <PathField
        label="Output folder"
        value={draft.outDir}
        placeholder="/media/evidence-usb/INC-2026-12-03"
        onChange={(value) => update({ outDir: value })}
      />
      <p className="muted hint field-wide">
        A folder on the machine War Room runs on that does not exist yet, or is
        empty. It becomes a BagIt bag: evidence, journal, custody log, manifests
        and a verifier.
      </p>
      <Field label="Organisation (optional)">
        {(id) => (
          <input
            id={id}
            value={draft.organisation}
            maxLength={200}
            onChange={(event) => update({ organisation: event.target.value })}
          />
        )}
      </Field>
      <Field label="Contact (optional)">
        {(id) => (
          <input
            id={id}
            value={draft.contact}
            maxLength={200}
            onChange={(event) => update({ contact: event.target.value })}
          />
        )}
      </Field>
      <label className="check-field">
        <input
          type="checkbox"
          checked={draft.zip}
          onChange={(event) => update({ zip: event.target.checked })}
        />
        Also write a zip of the bag
      </label>
    </>
  );
}

function exportInput(incidentId: string, draft: ExportDraft) {
  const organisation = draft.organisation.trim();
  const contact = draft.contact.trim();
  return {
    incidentId,
    outDir: draft.outDir.trim(),
    ...(draft.zip && { zip: true }),
    ...(organisation && { organisation }),
    ...(contact && { contact }),
  };
}

function ExportForm(props: { incidentId: string; onDone: () => void }) {
  const exporting = useExportBundle();
  const [draft, setDraft] = useState<ExportDraft>({
    outDir: '',
    zip: false,
    organisation: '',
    contact: '',
  });
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (exporting.isPending) return;
    const input = exportInput(props.incidentId, draft);
    setProblem(input.outDir ? null : 'Give the folder to write the bundle to.');
    if (input.outDir) exporting.mutate(input);
  }

  if (exporting.data) {
    return <ExportSummary summary={exporting.data} onDone={props.onDone} />;
  }
  const error =
    problem ??
    (exporting.error ? `Not exported: ${errorMessage(exporting.error)}` : null);
  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <ExportFields
        draft={draft}
        update={(changes) =>
          setDraft((current) => ({ ...current, ...changes }))
        }
      />
      <FormFooter
        error={error}
        hint="The export is recorded in the journal."
        onCancel={props.onDone}
        submitLabel="Export bundle"
        pendingLabel="Exporting…"
        pending={exporting.isPending}
      />
    </form>
  );
}

/** Writes the incident's evidence as a bundle that checks itself. */
export function ExportDialog(props: {
  open: boolean;
  incidentId: string;
  onDone: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Export evidence bundle"
      testId="export-dialog"
      onClose={props.onDone}
    >
      <ExportForm incidentId={props.incidentId} onDone={props.onDone} />
    </ModalDialog>
  );
}
