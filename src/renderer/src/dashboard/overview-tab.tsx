import type { AdminStatus } from '../../../shared/admin-api-types';
import { useDashboardSnapshot } from '../data/admin-queries';
import { errorMessage } from '../transport/call';
import { AlertsSection } from './alerts-section';
import { CapabilityMap } from './capability-map';
import { ConnectionSettings } from './connection-settings';
import { capabilityOf } from './capabilities';
import { isLive } from './dashboard-labels';
import { DashboardSection } from './dashboard-section';
import { HealthSection, MetricsSection } from './health-metrics';

function NotConfigured(props: { status: AdminStatus }) {
  return (
    <div className="dashboard-setup" data-testid="not-configured">
      <p>
        <strong>The admin API is not configured.</strong> Give the platform's
        address and a super-admin token to see its alerts, events, health and
        metrics here. Everything else in War Room works without it.
      </p>
      <DashboardSection title="Settings" testId="settings-section">
        <ConnectionSettings status={props.status} />
      </DashboardSection>
      <CapabilityMap status={props.status} />
    </div>
  );
}

/** Alerts, health and the eight metrics, each with its age. */
export function OverviewTab(props: { status: AdminStatus }) {
  const { status } = props;
  const snapshot = useDashboardSnapshot();
  if (status.connection === 'not-configured' && !snapshot.data?.alerts) {
    return <NotConfigured status={status} />;
  }
  if (snapshot.error) {
    return (
      <p className="form-error" role="alert">
        Could not read the dashboard: {errorMessage(snapshot.error)}
      </p>
    );
  }
  if (!snapshot.data) return <p className="muted">Loading…</p>;

  const live = isLive(status.connection);
  const { alerts, health, metrics } = snapshot.data;
  return (
    <div className="overview-grid">
      <MetricsSection
        metrics={metrics}
        capability={capabilityOf(status, 'metrics')}
        live={live}
      />
      <AlertsSection
        alerts={alerts}
        capability={capabilityOf(status, 'alerts')}
        live={live}
      />
      <HealthSection
        health={health}
        capability={capabilityOf(status, 'health')}
        live={live}
      />
    </div>
  );
}
