import type {
  AdminStatus,
  ConnectionTransition,
} from '../../../shared/admin-api-types';
import { usePinTransition } from '../data/admin-queries';
import { useUiStore } from '../state/ui-store';
import { formatTimestamp } from '../timeline/time-format';
import { errorMessage } from '../transport/call';
import { CONNECTION_LABELS } from './dashboard-labels';
import { DashboardSection } from './dashboard-section';
import { usePinTarget } from './pin-target';
import { transitionKey } from './transition-offer';

function PinTransition(props: { transition: ConnectionTransition }) {
  const target = usePinTarget();
  const pin = usePinTransition();
  const markPinned = useUiStore((state) => state.markPinned);
  const key =
    target.incidentId === null
      ? ''
      : transitionKey(target.incidentId, props.transition.id);
  const pinned = useUiStore((state) => state.pinnedToTimeline[key] === true);
  if (pinned) return <span className="pin-done">✓ On the timeline</span>;

  const incidentId = target.incidentId;
  return (
    <>
      <button
        type="button"
        className="pin-button"
        disabled={incidentId === null || pin.isPending}
        title={
          incidentId === null
            ? target.reason
            : `Add to the timeline of ${target.title}`
        }
        onClick={() => {
          if (incidentId === null) return;
          pin.mutate(
            { incidentId, transitionId: props.transition.id },
            { onSuccess: () => markPinned(key) },
          );
        }}
      >
        Add to timeline
      </button>
      {pin.error && (
        <span className="pin-error" role="alert">
          Not added: {errorMessage(pin.error)}
        </span>
      )}
    </>
  );
}

/** Each change of connection state main saw recently, newest first. */
export function TransitionsList(props: { status: AdminStatus }) {
  const zoneMode = useUiStore((state) => state.zoneMode);
  const transitions = [...props.status.recentTransitions].sort((a, b) =>
    b.at.localeCompare(a.at),
  );
  return (
    <DashboardSection title="Recent connection changes" testId="transitions">
      {transitions.length === 0 ? (
        <p className="muted">No changes since War Room started.</p>
      ) : (
        <table className="card-table">
          <tbody>
            {transitions.map((transition) => (
              <tr key={transition.id} data-testid="transition-row">
                <td className="mono">
                  {formatTimestamp(transition.at, zoneMode, {
                    precision: 'seconds',
                  })}
                </td>
                <td>
                  {CONNECTION_LABELS[transition.from]} →{' '}
                  <strong>{CONNECTION_LABELS[transition.to]}</strong>
                </td>
                <td>{transition.reason}</td>
                <td className="row-end">
                  <PinTransition transition={transition} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DashboardSection>
  );
}
