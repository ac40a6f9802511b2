import type { AdminStatus } from '../../../shared/admin-api-types';
import { useSyncNow } from '../data/admin-queries';
import { errorMessage } from '../transport/call';
import { CONNECTION_LABELS } from './dashboard-labels';

/**
 * Pulls everything now rather than at the next poll; the answer is the
 * connection state that pull left, said beside the button.
 */
export function SyncNowButton(props: { status: AdminStatus }) {
  const sync = useSyncNow();
  const unconfigured = props.status.connection === 'not-configured';
  return (
    <span className="sync-now">
      <button
        type="button"
        disabled={sync.isPending || unconfigured}
        title={
          unconfigured
            ? 'Set the platform address and token first'
            : 'Pull alerts, events, health and metrics now'
        }
        onClick={() => sync.mutate()}
      >
        {sync.isPending ? 'Syncing…' : 'Sync now'}
      </button>
      <span className="sync-result" role="status" data-testid="sync-result">
        {sync.data &&
          !sync.isPending &&
          `Synced: ${CONNECTION_LABELS[sync.data.connection]}`}
        {sync.error && `Not synced: ${errorMessage(sync.error)}`}
      </span>
    </span>
  );
}
