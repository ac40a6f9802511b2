import { useId, useState, type FormEvent } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from '../../../shared/incident-taxonomy';
import { useCommandChange } from '../data/command-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';

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
      <Field label="New severity">
        {(id) => (
          <select
            id={id}
            value={severity}
            onChange={(event) => setSeverity(event.target.value as Severity)}
          >
            {SEVERITIES.map((level) => (
              <option key={level} value={level}>
                {SEVERITY_LABELS[level]}
                {level === state.severity ? ' (current)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reason for the change" className="field-grow">
        {(id) => (
          <input
            id={id}
            value={reason}
            maxLength={500}
            autoComplete="off"
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
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
