import type { IncidentCommandState } from '../../../shared/incident-command-types';
import { PHASE_IDS } from '../../../shared/incident-lifecycle';
import { phaseRule, type ResponseRules } from '../../../shared/response-rules';
import { BlockedDialog } from '../command/blocked-dialog';
import { useBlockableCommand } from '../command/use-blockable-command';
import { openRequiredItems } from './checklist-rows';

/**
 * Moves the incident to the next phase. Required items of the phases it
 * leaves behind block the move until the commander overrides with a
 * reason.
 */
export function AdvancePhase(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
}) {
  const { state, rules } = props;
  const advance = useBlockableCommand('command:advance-phase');
  const next = PHASE_IDS[PHASE_IDS.indexOf(state.phase) + 1];
  if (!next || state.status === 'closed') return null;

  const action = `Advance to ${phaseRule(rules, next).label}`;
  return (
    <>
      <button
        type="button"
        className="button-primary"
        disabled={advance.pending}
        onClick={() =>
          advance.send({ incidentId: state.incidentId, phase: next })
        }
      >
        {action}
      </button>
      {advance.error && !advance.blocked && (
        <span className="error-message" role="alert">
          Not advanced: {advance.error}
        </span>
      )}
      <BlockedDialog
        open={advance.blocked !== null}
        action={action}
        message={advance.blocked?.message ?? ''}
        items={openRequiredItems(state.checklist, next)}
        rules={rules}
        pending={advance.pending}
        error={advance.error}
        onOverride={advance.override}
        onCancel={advance.cancel}
      />
    </>
  );
}
