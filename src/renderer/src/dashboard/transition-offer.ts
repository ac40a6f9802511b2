import type { ConnectionTransition } from '../../../shared/admin-api-types';
import type { Incident } from '../../../shared/ipc-contract';
import { CONNECTION_LABELS } from './dashboard-labels';

/** Key of a transition in the UI store's pinned and dismissed records. */
export function transitionKey(incidentId: string, transitionId: string) {
  return `${incidentId}:transition:${transitionId}`;
}

/**
 * The transition worth offering for the incident's timeline: the newest
 * notable one (the platform went unreachable or refused the console, or
 * came back) since the incident was opened, while it is open, and not
 * already pinned or dismissed for it. Stored times compare as text.
 */
export function transitionToOffer(
  transitions: readonly ConnectionTransition[],
  incident: Incident | undefined,
  handled: (key: string) => boolean,
): ConnectionTransition | null {
  if (!incident || incident.status !== 'open') return null;
  const candidates = transitions.filter(
    (transition) =>
      transition.notable === true &&
      transition.at >= incident.openedAt &&
      !handled(transitionKey(incident.id, transition.id)),
  );
  if (candidates.length === 0) return null;
  return candidates.reduce((newest, transition) =>
    transition.at > newest.at ? transition : newest,
  );
}

/** `went offline`, `is back online`, `is now unauthorised`. */
export function transitionWording(transition: ConnectionTransition): string {
  const to = CONNECTION_LABELS[transition.to];
  if (transition.to === 'offline') return 'went offline';
  const wasAway =
    transition.from === 'offline' || transition.from === 'unauthorised';
  if (transition.to === 'online' && wasAway) return 'is back online';
  return `is now ${to} (was ${CONNECTION_LABELS[transition.from]})`;
}
