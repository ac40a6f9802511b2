import type { AdminStatus } from '../../../shared/admin-api-types';
import { useNow } from '../command/use-now';
import { useAdminStatus } from '../data/admin-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { CONNECTION_LABELS, isLive } from './dashboard-labels';
import { ageOf } from './format-age';

/** The age of the last successful contact, as the header shows it. */
export function contactAge(status: AdminStatus, nowMillis: number): string {
  if (status.connection === 'not-configured') return '';
  if (status.connection === 'connecting') return '';
  if (status.lastSuccessAt === null) return 'never reached';
  const age = ageOf(status.lastSuccessAt, nowMillis);
  return isLive(status.connection) ? age : `last contact ${age}`;
}

function indicatorTitle(status: AdminStatus): string {
  const parts = [
    status.baseUrl ?? 'No address set',
    status.lastError,
    'Open the security dashboard',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Always in the header: whether the platform's admin API answers, and
 * how long ago it last did. Opens the security dashboard.
 */
export function ConnectionIndicator() {
  const status = useAdminStatus();
  const showPane = useUiStore((state) => state.showPane);
  const now = useNow();
  const data = status.data;
  const state = data?.connection ?? 'unknown';
  const age = data ? contactAge(data, now) : '';
  const title = data
    ? indicatorTitle(data)
    : status.error
      ? `The console could not read the admin-API state: ${errorMessage(status.error)}`
      : 'Reading the admin-API state…';

  return (
    <button
      type="button"
      className={`connection-state connection-${state}`}
      data-testid="admin-api-state"
      title={title}
      onClick={() => showPane('dashboard')}
    >
      <span className="connection-dot" aria-hidden="true" />
      Admin API: {data ? CONNECTION_LABELS[data.connection] : 'unknown'}
      {age && <span className="connection-age"> · {age}</span>}
    </button>
  );
}
