import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { ResponseRules } from '../../../shared/response-rules';
import { clockStart, describePhase, phaseWindowsFor } from './clock-display';

/** The current phase with its window beside the time since detection. */
export function PhaseStatus(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
  nowMillis: number;
}) {
  const { state, rules } = props;
  const windows = phaseWindowsFor(state, rules, props.nowMillis);
  const view = describePhase(
    windows,
    state.phase,
    clockStart(state).fromOpening,
  );
  if (!view) return null;
  const late = view.late && state.status === 'open';

  return (
    <div
      className={`command-cell phase-status${late ? ' is-late' : ''}`}
      data-testid="phase-status"
    >
      <span className="cell-label">
        Phase · window {view.window}
        {state.status === 'open' && ` · ${view.elapsed}`}
      </span>
      <span className="cell-value">
        <strong data-testid="phase-label">{view.label}</strong>
        {state.status === 'open' && (
          <>
            <span className="muted"> · </span>
            <span className="phase-note" data-testid="phase-note">
              {late && <span aria-hidden="true">⚠ </span>}
              {view.note}
            </span>
          </>
        )}
      </span>
    </div>
  );
}
