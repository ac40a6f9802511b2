import { useId, useState, type FormEvent } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { Severity } from '../../../shared/incident-taxonomy';
import { useCommandChange } from '../data/command-queries';
import { errorMessage } from '../transport/call';
import { ReasonInput, SeveritySelect } from './severity-inputs';

/**
 * Raises or lowers the severity. Every clock and escalation follows it, so
 * the reason goes into the journal with it.
 */
export function ChangeSeverityForm(props: { state: IncidentCommandState }) {
  const { state } = props;
  const change = useCommandChange('command:change-severity');
  const [severity, setSeverity] = useState<Severity>(state.severity);
  const [reason, setReason] = useState('');
  const errorId = useId();
  const same = severity === state.severity;

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (same || !text || change.isPending) return;
    change.mutate(
      { incidentId: state.incidentId, severity, reason: text },
      { onSuccess: () => setReason('') },
    );
  }

  return (
    <form
      className="inline-form"
      aria-label="Change severity"
      aria-describedby={change.error ? errorId : undefined}
      noValidate
      onSubmit={submit}
    >
      <SeveritySelect
        label="New severity"
        value={severity}
        current={state.severity}
        onChange={setSeverity}
      />
      <ReasonInput
        label="Reason for the change"
        value={reason}
        maxLength={500}
        onChange={setReason}
      />
      <button
        type="submit"
        disabled={same || !reason.trim() || change.isPending}
        title={same ? 'Choose another severity first' : undefined}
      >
        {change.isPending ? 'Saving…' : 'Change severity'}
      </button>
      {change.error && (
        <p className="form-error field-wide" id={errorId} role="alert">
          Not changed: {errorMessage(change.error)}
        </p>
      )}
    </form>
  );
}
