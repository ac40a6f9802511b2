import { useState, type FormEvent } from 'react';
import type {
  CiaRatings,
  SeverityProposal,
} from '../../../shared/classification-matrix';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from '../../../shared/incident-taxonomy';
import { useCommandChange } from '../data/command-queries';
import { errorMessage } from '../transport/call';
import { ReasonInput, SeveritySelect } from './severity-inputs';

function firstOther(proposal: SeverityProposal, current: Severity): Severity {
  if (current !== proposal.severity) return current;
  return SEVERITIES.find((level) => level !== proposal.severity) ?? current;
}

/** Choosing another severity than the matrix proposes needs a reason. */
export function MatrixOverride(props: {
  state: IncidentCommandState;
  proposal: SeverityProposal;
  ratings: CiaRatings;
}) {
  const { state, proposal } = props;
  const change = useCommandChange('command:change-severity');
  const [severity, setSeverity] = useState<Severity>(() =>
    firstOther(proposal, state.severity),
  );
  const [reason, setReason] = useState('');
  const chosen = severity === proposal.severity ? null : severity;
  const unchanged = chosen === state.severity;

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (!chosen || unchanged || !text || change.isPending) return;
    change.mutate(
      {
        incidentId: state.incidentId,
        severity: chosen,
        reason: `Classification matrix proposed ${SEVERITY_LABELS[proposal.severity]}; overridden: ${text}`,
        impact: props.ratings,
      },
      { onSuccess: () => setReason('') },
    );
  }

  return (
    <form
      className="inline-form"
      aria-label="Override the proposal"
      noValidate
      onSubmit={submit}
    >
      <SeveritySelect
        label="Override with"
        value={severity}
        current={state.severity}
        onChange={setSeverity}
        levels={SEVERITIES.filter((level) => level !== proposal.severity)}
      />
      {/* The proposal is quoted before the reason, within the 500 allowed. */}
      <ReasonInput
        label="Reason for overriding"
        value={reason}
        maxLength={400}
        onChange={setReason}
      />
      <button
        type="submit"
        disabled={!chosen || unchanged || !reason.trim() || change.isPending}
      >
        Override
      </button>
      {unchanged && (
        <p className="muted hint field-wide">
          The incident is already {SEVERITY_LABELS[state.severity]}: keeping it
          changes nothing, so nothing is recorded.
        </p>
      )}
      {change.error && (
        <p className="form-error field-wide" role="alert">
          Not changed: {errorMessage(change.error)}
        </p>
      )}
    </form>
  );
}
