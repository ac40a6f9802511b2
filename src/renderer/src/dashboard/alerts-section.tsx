import type {
  AlertSeverity,
  Cached,
  CapabilityView,
  SecurityAlert,
} from '../../../shared/admin-api-types';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp } from '../timeline/time-format';
import { ALERT_SEVERITY_LABELS } from './dashboard-labels';
import { DashboardSection, PartNotice } from './dashboard-section';
import { FetchedAge } from './fetched-age';
import { PinButton } from './pin-button';

const SEVERITY_RANK: Record<AlertSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/**
 * What needs doing first: alerts that require action, then by severity,
 * then the most recently evaluated; the title breaks ties so the order
 * is stable between pulls.
 */
export function sortAlerts(alerts: readonly SecurityAlert[]): SecurityAlert[] {
  return [...alerts].sort(
    (a, b) =>
      Number(b.actionRequired) - Number(a.actionRequired) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.evaluatedAt.localeCompare(a.evaluatedAt) ||
      a.title.localeCompare(b.title),
  );
}

function AlertRow(props: { alert: SecurityAlert }) {
  const { alert } = props;
  const zoneMode = useUiStore((state) => state.zoneMode);
  return (
    <li
      className={`alert-row alert-${alert.severity}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
    >
      <span className={`alert-severity alert-severity-${alert.severity}`}>
        {ALERT_SEVERITY_LABELS[alert.severity]}
      </span>
      <div className="alert-text">
        <span className="alert-title">
          {alert.title}
          {alert.actionRequired && (
            <span className="tag tag-action">Action required</span>
          )}
        </span>
        <span className="alert-message">{alert.message}</span>
        <span className="cell-sub">
          evaluated{' '}
          {formatTimestamp(alert.evaluatedAt, zoneMode, {
            precision: 'seconds',
          })}
        </span>
      </div>
      <PinButton
        source="alert"
        id={alert.id}
        version={alert.message}
        what={alert.title}
      />
    </li>
  );
}

export function AlertsSection(props: {
  alerts: Cached<SecurityAlert[]>;
  capability: CapabilityView | undefined;
  live: boolean;
}) {
  const { alerts, capability } = props;
  const sorted = alerts ? sortAlerts(alerts.value) : [];
  return (
    <DashboardSection
      title="Alerts"
      className="alerts-section"
      testId="alerts-section"
      aside={
        <FetchedAge fetchedAt={alerts?.fetchedAt ?? null} live={props.live} />
      }
    >
      <PartNotice capability={capability} fetched={alerts !== null} />
      {alerts && sorted.length === 0 && (
        <p className="muted">The platform raised no alerts.</p>
      )}
      {sorted.length > 0 && (
        <ul className="alert-list" aria-label="Alerts">
          {sorted.map((alert) => (
            <AlertRow key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
    </DashboardSection>
  );
}
