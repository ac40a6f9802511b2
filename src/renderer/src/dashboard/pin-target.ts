import { useIncident } from '../data/incident-queries';
import { useUiStore } from '../state/ui-store';

/** The incident a pin goes to, or why there is none. */
export type PinTarget =
  | { incidentId: string; title: string; open: boolean }
  | { incidentId: null; reason: string };

/** The incident open in the console: pins go to its timeline. */
export function usePinTarget(): PinTarget {
  const selectedId = useUiStore((state) => state.selectedIncidentId);
  const incident = useIncident(selectedId);
  if (!incident) {
    return {
      incidentId: null,
      reason: 'Open an incident first: pins go to its timeline',
    };
  }
  return {
    incidentId: incident.id,
    title: incident.title,
    open: incident.status === 'open',
  };
}

/** Key of an item in the UI store's record of what was pinned where. */
export function pinKey(incidentId: string, source: string, id: string) {
  return `${incidentId}:${source}:${id}`;
}
