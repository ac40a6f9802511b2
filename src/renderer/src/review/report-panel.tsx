import { useState } from 'react';
import type {
  ReportExportFormat,
  ReportExportSummary,
} from '../../../shared/review-types';
import {
  REPORT_EXPORT_FORMATS,
  REPORT_FORMATS,
} from '../../../shared/review-types';
import { useAppInfo } from '../data/incident-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { useReportExport, useReportPreview } from './review-queries';

const FORMAT_LABELS: Record<ReportExportFormat, string> = {
  md: 'Markdown',
  html: 'HTML (self-contained)',
  pdf: 'PDF',
};

/** PDF needs the desktop app's printer; serve mode offers the others. */
function useExportFormats(): readonly ReportExportFormat[] {
  const info = useAppInfo();
  return info.data?.printsPdf ? REPORT_EXPORT_FORMATS : REPORT_FORMATS;
}

function ReportFields(props: {
  format: ReportExportFormat;
  outPath: string;
  onFormat: (format: ReportExportFormat) => void;
  onOutPath: (path: string) => void;
}) {
  const formats = useExportFormats();
  return (
    <div className="form-grid">
      <Field label="Report format">
        {(id) => (
          <select
            id={id}
            value={props.format}
            onChange={(event) =>
              props.onFormat(event.target.value as ReportExportFormat)
            }
          >
            {formats.map((value) => (
              <option key={value} value={value}>
                {FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Report file" className="field-wide">
        {(id) => (
          <input
            id={id}
            value={props.outPath}
            placeholder="/absolute/path/to/new-report.html"
            spellCheck={false}
            onChange={(event) => props.onOutPath(event.target.value)}
          />
        )}
      </Field>
    </div>
  );
}

function Written(props: { summary: ReportExportSummary }) {
  const { summary } = props;
  return (
    <p role="status" data-testid="report-written">
      Report written to <span className="mono">{summary.path}</span> (
      {summary.bytes} bytes, SHA-256{' '}
      <span className="mono hash-wrap">{summary.sha256}</span>)
    </p>
  );
}

/**
 * Writes the incident report to a file on War Room's machine, and shows
 * the HTML report here. The preview frame is sandboxed: the report has no
 * scripts, and nothing in it may run or reach the console.
 */
export function ReportPanel(props: { incidentId: string }) {
  const [format, setFormat] = useState<ReportExportFormat>('html');
  const [outPath, setOutPath] = useState('');
  const write = useReportExport();
  const preview = useReportPreview();
  const { incidentId } = props;
  const failure = write.error ?? preview.error;

  return (
    <div className="review-report" data-testid="report-panel">
      <ReportFields
        format={format}
        outPath={outPath}
        onFormat={setFormat}
        onOutPath={setOutPath}
      />
      <div className="review-section-actions">
        <button
          type="button"
          className="button-primary"
          disabled={!outPath || write.isPending}
          onClick={() => write.mutate({ incidentId, format, outPath })}
        >
          Write report
        </button>
        <button
          type="button"
          disabled={preview.isPending}
          onClick={() => preview.mutate({ incidentId, format: 'html' })}
        >
          Preview report
        </button>
      </div>
      {write.data && <Written summary={write.data} />}
      {failure && (
        <p className="form-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
      {preview.data && (
        <iframe
          className="report-preview"
          title="Report preview"
          sandbox=""
          srcDoc={preview.data.content}
        />
      )}
    </div>
  );
}
