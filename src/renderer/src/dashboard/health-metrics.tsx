import type {
  Cached,
  CapabilityView,
  SecurityHealth,
  SecurityMetrics,
} from '../../../shared/admin-api-types';
import { formatCount } from '../timeline/format-count';
import { METRICS, componentLabel } from './dashboard-labels';
import { DashboardSection, PartNotice } from './dashboard-section';
import { FetchedAge } from './fetched-age';

function StatusWord(props: { status: string }) {
  const healthy = props.status === 'healthy';
  return (
    <span
      className={`health-status ${healthy ? 'is-healthy' : 'is-unhealthy'}`}
    >
      <span aria-hidden="true">{healthy ? '✓ ' : '⚠ '}</span>
      {props.status}
    </span>
  );
}

export function HealthSection(props: {
  health: Cached<SecurityHealth>;
  capability: CapabilityView | undefined;
  live: boolean;
}) {
  const { health, capability } = props;
  return (
    <DashboardSection
      title="Health"
      testId="health-section"
      aside={
        <FetchedAge fetchedAt={health?.fetchedAt ?? null} live={props.live} />
      }
    >
      <PartNotice capability={capability} fetched={health !== null} />
      {health && (
        <>
          <p className="health-overall" data-testid="health-overall">
            Overall: <StatusWord status={health.value.overallStatus} />
          </p>
          <table className="card-table health-table">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Count
                </th>
              </tr>
            </thead>
            <tbody>
              {health.value.components.map((component) => (
                <tr key={component.name} data-testid="health-component">
                  <th scope="row">{componentLabel(component.name)}</th>
                  <td>
                    <StatusWord status={component.status} />
                  </td>
                  <td className="numeric">
                    {component.count === null
                      ? '—'
                      : formatCount(component.count)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </DashboardSection>
  );
}

export function MetricsSection(props: {
  metrics: Cached<SecurityMetrics>;
  capability: CapabilityView | undefined;
  live: boolean;
}) {
  const { metrics, capability } = props;
  return (
    <DashboardSection
      title="Metrics"
      testId="metrics-section"
      aside={
        <FetchedAge fetchedAt={metrics?.fetchedAt ?? null} live={props.live} />
      }
    >
      <PartNotice capability={capability} fetched={metrics !== null} />
      {metrics && (
        <dl className="metric-tiles">
          {METRICS.map((metric) => (
            <div
              key={metric.key}
              className={`metric-tile${props.live ? '' : ' is-stale'}`}
              data-testid="metric-tile"
            >
              <dt>{metric.label}</dt>
              <dd className="numeric">
                {formatCount(metrics.value[metric.key])}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </DashboardSection>
  );
}
