import type {
  ConnectionState,
  SecurityHealth,
} from '../../shared/admin-api-types';
import type {
  AdminApiError,
  AdminErrorKind,
} from '../admin-api/admin-client-types';

/** One request of a poll cycle: what was asked, and its error if any. */
export type CallOutcome = { what: string; error: AdminApiError | null };

export type Assessment = { state: ConnectionState; reason: string };

/** The platform answered, and refused this console. */
const REFUSED: readonly AdminErrorKind[] = [
  'unauthorised',
  'forbidden',
  'network-rejected',
];

/** No answer at all came back. */
const UNANSWERED: readonly AdminErrorKind[] = ['offline', 'timeout'];

/** The client's message, which normally names the endpoint already. */
export function describeError(error: AdminApiError): string {
  return error.message.startsWith(error.endpoint)
    ? error.message
    : `${error.endpoint}: ${error.message}`;
}

/** The components health reports as anything but healthy. */
function unhealthyParts(health: SecurityHealth): string[] {
  return health.components
    .filter((component) => component.status !== 'healthy')
    .map((component) => `${component.name} ${component.status}`);
}

function healthProblem(health: SecurityHealth | null): string | null {
  if (health === null || health.overallStatus === 'healthy') return null;
  const parts = unhealthyParts(health);
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `the platform reports its security health ${health.overallStatus}${detail}`;
}

/**
 * The connection state after a poll cycle, from its requests' outcomes
 * and the latest health known (fetched in this cycle or before). In order:
 *
 * - not-configured: the client said it has no base URL or token.
 * - unauthorised: any request was refused by the platform: token rejected
 *   (401), role missing (403) or the address or host refused by a network
 *   gate (403). Retrying changes nothing until the console is reconfigured
 *   or the platform lets this address in.
 * - offline: no request got any answer (connection refused or reset, DNS
 *   failure, timeout).
 * - degraded: the platform answered, but some request failed (5xx, a body
 *   no documented variant allows, 429, a timeout beside answers, a route
 *   discovery found that now answers 404), or its health endpoint reports
 *   something other than `healthy`.
 * - online: every request succeeded and the latest health is healthy (or
 *   the platform offers no health endpoint).
 *
 * Null when the cycle made no request, which says nothing new.
 */
export function assessCycle(
  outcomes: readonly CallOutcome[],
  latestHealth: SecurityHealth | null,
): Assessment | null {
  if (outcomes.length === 0) return null;
  const errors = outcomes.flatMap((outcome) =>
    outcome.error ? [outcome.error] : [],
  );

  const unconfigured = errors.find((e) => e.kind === 'not-configured');
  if (unconfigured) {
    return { state: 'not-configured', reason: unconfigured.message };
  }
  const refused = errors.find((e) => REFUSED.includes(e.kind));
  if (refused) {
    return { state: 'unauthorised', reason: describeError(refused) };
  }
  if (errors.length === outcomes.length) {
    if (errors.every((e) => UNANSWERED.includes(e.kind))) {
      return { state: 'offline', reason: describeError(errors[0]) };
    }
  }
  if (errors.length > 0) {
    return { state: 'degraded', reason: describeError(errors[0]) };
  }
  const problem = healthProblem(latestHealth);
  if (problem) return { state: 'degraded', reason: problem };
  return { state: 'online', reason: 'every request answered' };
}
