import { useState, type FormEvent } from 'react';
import { ulid } from 'ulid';
import {
  FORMAT_LABELS,
  IMPORT_FORMATS,
  type ImportFormat,
  type TimelineImportProgress,
  type TimelineImportReport,
} from '../../../shared/timeline-exchange-types';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { formatBytes } from '../evidence/evidence-format';
import { Field, PathField } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { formatCount } from './format-count';
import {
  useCancelImport,
  useImportProgress,
  useImportTimeline,
} from './use-timeline-exchange';

type ImportDraft = {
  path: string;
  format: ImportFormat | '';
  zone: string;
  skipBadRows: boolean;
};

/** Problems listed in the dialog; the journal keeps up to a hundred. */
const SHOWN_PROBLEMS = 10;

function ImportFields(props: {
  draft: ImportDraft;
  update: (changes: Partial<ImportDraft>) => void;
}) {
  const { draft, update } = props;
  return (
    <>
      <PathField
        label="File"
        value={draft.path}
        placeholder="/srv/exports/incident_logs.json"
        onChange={(value) => update({ path: value })}
      />
      <Field label="Format">
        {(id) => (
          <select
            id={id}
            value={draft.format}
            onChange={(event) =>
              update({ format: event.target.value as ImportFormat | '' })
            }
          >
            <option value="">Detect from the file</option>
            {IMPORT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Zone of times without one (optional)">
        {(id) => (
          <input
            id={id}
            value={draft.zone}
            maxLength={64}
            spellCheck={false}
            placeholder="Europe/Berlin or +02:00"
            onChange={(event) => update({ zone: event.target.value })}
          />
        )}
      </Field>
      <label className="check-field field-wide">
        <input
          type="checkbox"
          checked={draft.skipBadRows}
          onChange={(event) => update({ skipBadRows: event.target.checked })}
        />
        Skip bad rows: import the others and list them
      </label>
      <p className="muted hint field-wide">
        A file on the machine War Room runs on. Every row is checked before
        anything is written; the file goes into the evidence log and each event
        keeps its own time and every field. The admin API&apos;s exports are in
        UTC.
      </p>
    </>
  );
}

const PHASE_LABELS: Record<TimelineImportProgress['phase'], string> = {
  checking: 'Checking every row',
  'taking-in': 'Copying into the evidence vault',
  appending: 'Adding events',
};

function ProgressLine(props: { progress: TimelineImportProgress | null }) {
  const { progress } = props;
  if (!progress) return <span className="muted">Starting…</span>;
  const byRows = progress.phase === 'appending';
  const max = byRows ? (progress.rowsTotal ?? 0) : progress.bytesTotal;
  const value = byRows ? progress.rowsDone : progress.bytesDone;
  const figures = byRows
    ? `${formatCount(progress.rowsDone)} of ${formatCount(max)} events`
    : `${formatBytes(progress.bytesDone)} of ${formatBytes(max)}` +
      (progress.phase === 'checking'
        ? ` · ${formatCount(progress.rowsDone)} good rows so far`
        : '');
  return (
    <>
      <progress max={max || 1} value={value} aria-label="Import progress" />
      <span className="exchange-figures" data-testid="import-progress">
        {PHASE_LABELS[progress.phase]}: {figures}
      </span>
    </>
  );
}

function ImportRunning(props: { importId: string }) {
  const progress = useImportProgress(props.importId);
  const cancel = useCancelImport();
  const appending = progress?.phase === 'appending';
  return (
    <div className="exchange-running" aria-busy>
      <ProgressLine progress={progress} />
      <div className="dialog-actions">
        <span className="muted hint">
          {appending
            ? 'Every row passed; the events are being written and the import will finish.'
            : 'Nothing is written until every row has been checked.'}
        </span>
        <button
          type="button"
          disabled={appending || cancel.isPending}
          onClick={() => cancel.mutate(props.importId)}
        >
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

function ProblemList(props: { report: TimelineImportReport }) {
  const { report } = props;
  if (report.problems.length === 0) return null;
  const shown = report.problems.slice(0, SHOWN_PROBLEMS);
  const more = report.rejected - shown.length;
  return (
    <ul className="exchange-problems" aria-label="Rejected rows">
      {shown.map((problem) => (
        <li key={problem.line}>
          Line {problem.line}: {problem.message}
        </li>
      ))}
      {more > 0 && <li className="muted">… and {formatCount(more)} more</li>}
    </ul>
  );
}

function outcomeText(report: TimelineImportReport): string | null {
  if (report.fileProblem) {
    return `Nothing was imported: ${report.fileProblem}`;
  }
  if (report.refused) {
    return (
      'Nothing was imported. Fix these rows, or import again with “Skip ' +
      'bad rows” to leave them out.'
    );
  }
  return report.evidenceId
    ? `The file is in the evidence log as ${report.evidenceId}.`
    : null;
}

function ImportResult(props: {
  report: TimelineImportReport;
  onBack: () => void;
  onDone: () => void;
}) {
  const { report } = props;
  const failed = report.refused || report.rejected > 0;
  return (
    <div
      className={`exchange-result${failed ? ' has-problems' : ''}`}
      role={failed ? 'alert' : 'status'}
      data-testid="import-result"
    >
      <p>
        <strong>
          imported {formatCount(report.imported)}, rejected{' '}
          {formatCount(report.rejected)}
        </strong>
      </p>
      <p>{outcomeText(report)}</p>
      <ProblemList report={report} />
      <div className="dialog-actions">
        {report.refused && (
          <button type="button" onClick={props.onBack}>
            Back
          </button>
        )}
        <button type="button" className="button-primary" onClick={props.onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

function importInput(incidentId: string, draft: ImportDraft) {
  const zone = draft.zone.trim();
  return {
    incidentId,
    importId: ulid(),
    path: draft.path.trim(),
    ...(draft.format && { format: draft.format }),
    ...(zone && { zone }),
    ...(draft.skipBadRows && { skipBadRows: true }),
  };
}

function ImportFlow(props: { incidentId: string; onDone: () => void }) {
  const importing = useImportTimeline(props.incidentId);
  const [draft, setDraft] = useState<ImportDraft>({
    path: '',
    format: '',
    zone: '',
    skipBadRows: false,
  });
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = importInput(props.incidentId, draft);
    setProblem(input.path ? null : 'Give the file to import.');
    if (input.path) importing.mutate(input);
  }

  if (importing.isPending && importing.variables) {
    return <ImportRunning importId={importing.variables.importId} />;
  }
  if (importing.data) {
    return (
      <ImportResult
        report={importing.data}
        onBack={() => importing.reset()}
        onDone={props.onDone}
      />
    );
  }
  const error =
    problem ??
    (importing.error ? `Not imported: ${errorMessage(importing.error)}` : null);
  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <ImportFields
        draft={draft}
        update={(changes) =>
          setDraft((current) => ({ ...current, ...changes }))
        }
      />
      <FormFooter
        error={error}
        hint="Imported events are journal entries at their own times."
        onCancel={props.onDone}
        submitLabel="Import"
        pendingLabel="Importing…"
      />
    </form>
  );
}

/** Brings a Timesketch file or the admin API's export into the timeline. */
export function ImportTimelineDialog(props: {
  open: boolean;
  incidentId: string;
  onDone: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Import timeline"
      testId="import-timeline-dialog"
      onClose={props.onDone}
    >
      <ImportFlow incidentId={props.incidentId} onDone={props.onDone} />
    </ModalDialog>
  );
}
