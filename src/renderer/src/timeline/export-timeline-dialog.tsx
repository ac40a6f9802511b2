import { useState, type FormEvent } from 'react';
import {
  EXPORT_FORMATS,
  FORMAT_LABELS,
  type ExportFormat,
  type TimelineExportSummary,
} from '../../../shared/timeline-exchange-types';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { Field, PathField } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { formatCount } from './format-count';
import { useExportTimeline } from './use-timeline-exchange';

function ExportSummary(props: {
  summary: TimelineExportSummary;
  onDone: () => void;
}) {
  const { summary } = props;
  return (
    <div className="exchange-result" role="status" data-testid="export-result">
      <p>
        <strong>Timeline written</strong>: {formatCount(summary.entries)}{' '}
        entries as {FORMAT_LABELS[summary.format]}.
      </p>
      <dl className="facts">
        <dt>File</dt>
        <dd className="mono">{summary.path}</dd>
        <dt>SHA-256</dt>
        <dd className="mono hash-wrap">{summary.sha256}</dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={props.onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

function ExportForm(props: { incidentId: string; onDone: () => void }) {
  const exporting = useExportTimeline(props.incidentId);
  const [format, setFormat] = useState<ExportFormat>('timesketch-csv');
  const [outPath, setOutPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (exporting.isPending) return;
    const path = outPath.trim();
    setProblem(path ? null : 'Give the file to write the timeline to.');
    if (path) {
      exporting.mutate({ incidentId: props.incidentId, format, outPath: path });
    }
  }

  if (exporting.data) {
    return <ExportSummary summary={exporting.data} onDone={props.onDone} />;
  }
  const error =
    problem ??
    (exporting.error ? `Not exported: ${errorMessage(exporting.error)}` : null);
  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <Field label="Format" className="field-wide">
        {(id) => (
          <select
            id={id}
            value={format}
            onChange={(event) => setFormat(event.target.value as ExportFormat)}
          >
            {EXPORT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PathField
        label="Output file"
        value={outPath}
        placeholder="/media/evidence-usb/timeline.csv"
        onChange={(value) => setOutPath(value)}
      />
      <p className="muted hint field-wide">
        A new file on the machine War Room runs on; an existing file is never
        overwritten. One row per journal entry, each time to the microsecond
        with its offset. Text a spreadsheet would run as a formula starts with
        an apostrophe.
      </p>
      <FormFooter
        error={error}
        hint="The export is recorded in the journal."
        onCancel={props.onDone}
        submitLabel="Export"
        pendingLabel="Exporting…"
        pending={exporting.isPending}
      />
    </form>
  );
}

/** Writes the incident's timeline for Timesketch, DFIR-IRIS or a spreadsheet. */
export function ExportTimelineDialog(props: {
  open: boolean;
  incidentId: string;
  onDone: () => void;
}) {
  return (
    <ModalDialog
      open={props.open}
      title="Export timeline"
      testId="export-timeline-dialog"
      onClose={props.onDone}
    >
      <ExportForm incidentId={props.incidentId} onDone={props.onDone} />
    </ModalDialog>
  );
}
