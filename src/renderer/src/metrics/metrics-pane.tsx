import type { MetricsOverview } from '../../../shared/metrics-types';
import { CardSection } from '../incident-card/card-section';
import { errorMessage } from '../transport/call';
import { FalsePositiveChart, VolumeChart } from './metrics-charts';
import { useFollowUpList, useMetrics } from './metrics-queries';
import {
  CategoryTable,
  Definitions,
  DurationsTable,
  FollowUpList,
} from './metrics-tables';
import { SummaryPanel } from './summary-panel';
import '../review/review.css';
import './metrics.css';

function MetricsBody(props: { metrics: MetricsOverview }) {
  const { metrics } = props;
  const followUps = useFollowUpList();
  return (
    <div className="pane-body metrics-pane">
      <p className="muted">
        {metrics.incidents} incident(s); {metrics.overdueFollowUps} follow-up
        action(s) overdue.
      </p>
      <div className="card-grid">
        <div className="card-column">
          <CardSection title="Response times against the plan’s targets">
            <DurationsTable durations={metrics.durations} />
          </CardSection>
          <CardSection title="Incident volume per month">
            <VolumeChart volume={metrics.volume} />
            <CategoryTable volume={metrics.volume} />
          </CardSection>
          <CardSection title="False-positive rate per month">
            <FalsePositiveChart months={metrics.falsePositives} />
          </CardSection>
        </div>
        <div className="card-column">
          <CardSection title="Follow-up actions across incidents">
            {followUps.data && <FollowUpList items={followUps.data} />}
          </CardSection>
          <CardSection title="Summaries">
            <SummaryPanel />
          </CardSection>
          <CardSection title="Definitions">
            <Definitions />
          </CardSection>
        </div>
      </div>
    </div>
  );
}

/** Metrics across every incident in this data directory. */
export function MetricsPane() {
  const metrics = useMetrics();
  return (
    <section className="pane" aria-labelledby="metrics-heading">
      <div className="pane-header">
        <h1 id="metrics-heading">Metrics</h1>
        {metrics.error && (
          <span className="error-message" role="alert">
            Could not compute the metrics: {errorMessage(metrics.error)}
          </span>
        )}
      </div>
      {metrics.data ? (
        <MetricsBody metrics={metrics.data} />
      ) : (
        !metrics.error && <p className="muted pane-loading">Loading…</p>
      )}
    </section>
  );
}
