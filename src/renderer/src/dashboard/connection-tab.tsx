import type { AdminStatus } from '../../../shared/admin-api-types';
import { CapabilityMap } from './capability-map';
import { ConnectionSettings } from './connection-settings';
import { DashboardSection } from './dashboard-section';
import { TransitionsList } from './transitions-list';

/** Where the platform is, what it offers, and how the link has fared. */
export function ConnectionTab(props: { status: AdminStatus }) {
  const { status } = props;
  return (
    <div className="connection-tab">
      <DashboardSection title="Settings" testId="settings-section">
        <ConnectionSettings status={status} />
      </DashboardSection>
      <CapabilityMap status={status} />
      <TransitionsList status={status} />
    </div>
  );
}
