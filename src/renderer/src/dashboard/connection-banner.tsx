import type { AdminStatus } from '../../../shared/admin-api-types';
import { useNow } from '../command/use-now';
import { ageOf } from './format-age';

function lastContact(status: AdminStatus, now: number): string {
  return status.lastSuccessAt === null
    ? 'It has never answered this console'
    : `It last answered ${ageOf(status.lastSuccessAt, now)}`;
}

/**
 * Across the dashboard while the platform is not answering normally:
 * what is wrong, and that what is shown is the last known state.
 */
export function ConnectionBanner(props: { status: AdminStatus }) {
  const { status } = props;
  const now = useNow();
  const reason = status.lastError ? ` (${status.lastError})` : '';

  if (status.connection === 'offline' || status.connection === 'unauthorised') {
    const what =
      status.connection === 'offline'
        ? `Offline: the platform is not answering${reason}.`
        : `Unauthorised: the platform refuses this console${reason}. Check the token, and that this address may reach the admin API.`;
    return (
      <div
        className="connection-banner is-offline"
        role="alert"
        data-testid="connection-banner"
      >
        <strong>{what}</strong> {lastContact(status, now)}. Everything below is
        the last known state, not live; each part shows when it was fetched.
      </div>
    );
  }
  if (status.connection === 'degraded') {
    return (
      <div
        className="connection-banner is-degraded"
        role="status"
        data-testid="connection-banner"
      >
        <strong>Degraded{reason}.</strong> The platform answers, but not fully;
        each part shows when it was last fetched.
      </div>
    );
  }
  return null;
}
