import {
  SUMMARY_PERIODS,
  SUMMARY_PERIOD_LABELS,
} from '../../../shared/metrics-types';
import { errorMessage } from '../transport/call';
import { useSummary } from './metrics-queries';

/** The plan's reporting schedule, each generated as Markdown on demand. */
export function SummaryPanel() {
  const summary = useSummary();
  return (
    <div className="metrics-summaries">
      <div className="review-section-actions">
        {SUMMARY_PERIODS.map((period) => (
          <button
            key={period}
            type="button"
            disabled={summary.isPending}
            onClick={() => summary.mutate({ period })}
          >
            {SUMMARY_PERIOD_LABELS[period]}
          </button>
        ))}
      </div>
      {summary.error && (
        <p className="form-error" role="alert">
          {errorMessage(summary.error)}
        </p>
      )}
      {summary.data && (
        <pre className="summary-markdown" data-testid="summary-markdown">
          {summary.data.markdown}
        </pre>
      )}
    </div>
  );
}
