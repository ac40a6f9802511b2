import type {
  AdminStatus,
  CapabilityView,
} from '../../../shared/admin-api-types';
import { useDiscoverCapabilities } from '../data/admin-queries';
import { errorMessage } from '../transport/call';
import { CAPABILITY_LABELS } from './dashboard-labels';
import { DashboardSection } from './dashboard-section';
import { FetchedAge } from './fetched-age';

function DiscoverButton(props: { disabled: boolean }) {
  const discover = useDiscoverCapabilities();
  return (
    <>
      <button
        type="button"
        disabled={props.disabled || discover.isPending}
        onClick={() => discover.mutate()}
      >
        {discover.isPending ? 'Discovering…' : 'Discover again'}
      </button>
      {discover.error && (
        <span className="pin-error" role="alert">
          Not discovered: {errorMessage(discover.error)}
        </span>
      )}
    </>
  );
}

function CapabilityTable(props: { capabilities: CapabilityView[] }) {
  return (
    <table className="card-table capability-table">
      <thead>
        <tr>
          <th scope="col">Capability</th>
          <th scope="col">Available</th>
          <th scope="col">Route</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {props.capabilities.map((item) => (
          <tr
            key={item.capability}
            className={item.available ? 'is-available' : 'is-unavailable'}
            data-testid="capability-row"
            data-capability={item.capability}
          >
            <th scope="row">{CAPABILITY_LABELS[item.capability]}</th>
            <td className="capability-state">
              {item.available ? '✓ Available' : '✗ Unavailable'}
            </td>
            <td className="mono">{item.route ?? '—'}</td>
            <td>{item.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the platform offers, found by reading its route list or probing:
 * the console offers only what is there and says why the rest is not.
 */
export function CapabilityMap(props: { status: AdminStatus }) {
  const { status } = props;
  const unconfigured = status.connection === 'not-configured';
  return (
    <DashboardSection
      title="Capabilities"
      testId="capability-map"
      aside={
        <span className="section-actions">
          <FetchedAge
            fetchedAt={status.capabilitiesCheckedAt}
            live
            verb="checked"
          />
          <DiscoverButton disabled={unconfigured} />
        </span>
      }
    >
      {status.capabilities.length === 0 ? (
        <p className="muted">
          Not discovered yet: War Room reads what the platform offers once it
          can reach it.
        </p>
      ) : (
        <CapabilityTable capabilities={status.capabilities} />
      )}
    </DashboardSection>
  );
}
