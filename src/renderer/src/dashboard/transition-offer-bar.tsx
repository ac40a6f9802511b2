import { useAdminStatus, usePinTransition } from '../data/admin-queries';
import { useIncident } from '../data/incident-queries';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp } from '../timeline/time-format';
import { errorMessage } from '../transport/call';
import {
  transitionKey,
  transitionToOffer,
  transitionWording,
} from './transition-offer';

function useTransitionOffer(incidentId: string) {
  const status = useAdminStatus().data;
  const incident = useIncident(incidentId);
  const pinned = useUiStore((state) => state.pinnedToTimeline);
  const dismissed = useUiStore((state) => state.dismissedTransitions);
  return transitionToOffer(
    status?.recentTransitions ?? [],
    incident,
    (key) => pinned[key] === true || dismissed[key] === true,
  );
}

/**
 * Under the header while an incident is open: the platform just became
 * unreachable (or came back), with one click to record that on the
 * incident's timeline, where it explains gaps in what was seen.
 */
export function TransitionOfferBar(props: { incidentId: string }) {
  const offer = useTransitionOffer(props.incidentId);
  const markPinned = useUiStore((state) => state.markPinned);
  const dismiss = useUiStore((state) => state.dismissTransition);
  const zoneMode = useUiStore((state) => state.zoneMode);
  const pin = usePinTransition();
  if (!offer) return null;

  const key = transitionKey(props.incidentId, offer.id);
  const at = formatTimestamp(offer.at, zoneMode, { precision: 'seconds' });
  const add = () =>
    pin.mutate(
      { incidentId: props.incidentId, transitionId: offer.id },
      { onSuccess: () => markPinned(key) },
    );
  return (
    <div
      className={`transition-offer transition-to-${offer.to}`}
      role="status"
      data-testid="transition-offer"
    >
      <span>
        <strong>The admin API {transitionWording(offer)}</strong> at {at}
        {offer.reason && <span className="muted">: {offer.reason}</span>}
      </span>
      <span className="header-spacer" />
      {pin.error && (
        <span className="pin-error" role="alert">
          Not added: {errorMessage(pin.error)}
        </span>
      )}
      <button
        type="button"
        className="button-primary"
        disabled={pin.isPending}
        onClick={add}
      >
        {pin.isPending ? 'Adding…' : 'Add to timeline'}
      </button>
      <button type="button" onClick={() => dismiss(key)}>
        Dismiss
      </button>
    </div>
  );
}
