import { useControlsOverview } from '../data/controls-queries';
import { useUiStore } from '../state/ui-store';

/**
 * In the header: how many of this incident's emergency actions wait to be
 * sent or on the commander; a click opens the Controls pane.
 */
export function WaitingActionsBadge(props: { incidentId: string }) {
  const overview = useControlsOverview(props.incidentId);
  const showPane = useUiStore((state) => state.showPane);
  const waiting = overview.data?.waiting ?? 0;
  if (waiting === 0) return null;
  const text = `${waiting} ${waiting === 1 ? 'action waits' : 'actions wait'}`;
  return (
    <button
      type="button"
      className="controls-badge"
      data-testid="actions-waiting"
      title="Open the Controls pane"
      onClick={() => showPane('controls')}
    >
      {text}
    </button>
  );
}
