import { usePinToTimeline } from '../data/admin-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { pinKey, usePinTarget } from './pin-target';

/**
 * Puts an alert or event on the open incident's timeline, at its own
 * time. Once pinned from this window the button says so, so the same
 * item is not journaled twice by a second click.
 */
export function PinButton(props: {
  source: 'alert' | 'event';
  id: string;
  /** What is pinned, for the button's accessible name. */
  what: string;
  /**
   * What makes this the same item again, beside its id: an alert keeps
   * its id while its numbers change, and a changed alert may be pinned
   * anew.
   */
  version?: string;
}) {
  const target = usePinTarget();
  const pin = usePinToTimeline();
  const markPinned = useUiStore((state) => state.markPinned);
  const key =
    target.incidentId === null
      ? ''
      : pinKey(
          target.incidentId,
          props.source,
          `${props.id}|${props.version ?? ''}`,
        );
  const pinned = useUiStore((state) => state.pinnedToTimeline[key] === true);

  if (target.incidentId === null) {
    return (
      <button
        type="button"
        className="pin-button"
        disabled
        title={target.reason}
        aria-label={`Pin to timeline: ${props.what}`}
      >
        Pin to timeline
      </button>
    );
  }
  if (pinned) {
    return (
      <span className="pin-done" data-testid="pinned">
        ✓ Pinned
      </span>
    );
  }
  const { incidentId } = target;
  return (
    <>
      <button
        type="button"
        className="pin-button"
        disabled={pin.isPending}
        title={`Add to the timeline of ${target.title}`}
        aria-label={`Pin to timeline: ${props.what}`}
        onClick={() =>
          pin.mutate(
            { incidentId, source: props.source, id: props.id },
            { onSuccess: () => markPinned(key) },
          )
        }
      >
        {pin.isPending ? 'Pinning…' : 'Pin to timeline'}
      </button>
      {pin.error && (
        <span className="pin-error" role="alert">
          Not pinned: {errorMessage(pin.error)}
        </span>
      )}
    </>
  );
}
