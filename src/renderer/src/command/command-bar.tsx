import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { ResponseRules } from '../../../shared/response-rules';
import { useCommandState, useRules } from '../data/command-queries';
import { SeverityBadge } from '../incidents/severity-badge';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { CommanderStatus } from './commander-status';
import { PhaseStatus } from './phase-status';
import { ResponseClock } from './response-clock';
import { useNow } from './use-now';

/** Everything that changes with time, turned over by one tick. */
function Clocks(props: { state: IncidentCommandState; rules: ResponseRules }) {
  const now = useNow();
  return (
    <>
      <ResponseClock state={props.state} rules={props.rules} nowMillis={now} />
      <PhaseStatus state={props.state} rules={props.rules} nowMillis={now} />
    </>
  );
}

/**
 * The selected incident at a glance, always in view: severity, response
 * clock, phase and commander.
 */
export function CommandBar(props: { incidentId: string }) {
  const command = useCommandState(props.incidentId);
  const rules = useRules();
  const zoneMode = useUiStore((state) => state.zoneMode);
  const state = command.data;
  const error = command.error ?? rules.error;

  return (
    <div
      className="command-bar"
      data-testid="command-bar"
      role="group"
      aria-label="Incident command"
    >
      {state && (
        <div className="command-cell">
          <span className="cell-label" aria-hidden="true">
            Severity
          </span>
          <span className="cell-value">
            <SeverityBadge severity={state.severity} />
          </span>
        </div>
      )}
      {state?.status === 'closed' && (
        <span className="closed-marker" data-testid="closed-marker">
          Closed
        </span>
      )}
      {state && rules.data && <Clocks state={state} rules={rules.data.rules} />}
      {state && <CommanderStatus roles={state.roles} zoneMode={zoneMode} />}
      {error && (
        <span className="error-message" role="alert">
          Incident command unavailable: {errorMessage(error)}
        </span>
      )}
    </div>
  );
}
