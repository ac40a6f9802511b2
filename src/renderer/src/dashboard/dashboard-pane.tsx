import type { AdminStatus } from '../../../shared/admin-api-types';
import { useNow } from '../command/use-now';
import { useAdminStatus } from '../data/admin-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { ConnectionBanner } from './connection-banner';
import { ConnectionTab } from './connection-tab';
import { contactAge } from './connection-indicator';
import { CONNECTION_LABELS } from './dashboard-labels';
import { DashboardTabs, PANEL_ID, tabId } from './dashboard-tabs';
import { EventsTab } from './events-tab';
import { FailedLoginsTab } from './failed-logins-tab';
import { OverviewTab } from './overview-tab';
import { SyncNowButton } from './sync-now-button';

function DashboardHeader(props: { status: AdminStatus | undefined }) {
  const { status } = props;
  const now = useNow();
  const age = status ? contactAge(status, now) : '';
  return (
    <div className="pane-header">
      <h1 id="dashboard-heading">Security dashboard</h1>
      {status && (
        <span
          className={`connection-summary connection-${status.connection}`}
          data-testid="dashboard-connection"
        >
          <span className="connection-dot" aria-hidden="true" />
          {CONNECTION_LABELS[status.connection]}
          {age && <span className="muted"> · {age}</span>}
        </span>
      )}
      {status?.baseUrl && (
        <span className="muted mono dashboard-address">{status.baseUrl}</span>
      )}
      <span className="header-spacer" />
      {status && <SyncNowButton status={status} />}
    </div>
  );
}

function TabContent(props: { status: AdminStatus }) {
  const tab = useUiStore((state) => state.dashboardTab);
  switch (tab) {
    case 'events':
      return <EventsTab status={props.status} />;
    case 'failed-logins':
      return <FailedLoginsTab status={props.status} />;
    case 'connection':
      return <ConnectionTab status={props.status} />;
    default:
      return <OverviewTab status={props.status} />;
  }
}

/**
 * The platform's security dashboard as War Room last saw it: alerts,
 * health, metrics, events and failed logins, each with its age, and the
 * connection settings. Needs no incident; pinning needs one open.
 */
export function DashboardPane() {
  const status = useAdminStatus();
  const tab = useUiStore((state) => state.dashboardTab);
  const setTab = useUiStore((state) => state.setDashboardTab);

  return (
    <section
      className="pane dashboard-pane"
      aria-labelledby="dashboard-heading"
      data-testid="dashboard-pane"
    >
      <DashboardHeader status={status.data} />
      {status.data && <ConnectionBanner status={status.data} />}
      <DashboardTabs current={tab} onSelect={setTab} />
      <div
        id={PANEL_ID}
        className="dashboard-body"
        role="tabpanel"
        aria-labelledby={tabId(tab)}
      >
        {status.data && <TabContent status={status.data} />}
        {status.error && (
          <p className="form-error pane-error" role="alert">
            Could not read the admin-API state: {errorMessage(status.error)}
          </p>
        )}
        {status.isPending && <p className="muted pane-loading">Loading…</p>}
      </div>
    </section>
  );
}
