import {
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from '../../../shared/incident-taxonomy';
import { Field } from '../incidents/select-field';

/** A severity picker that marks the incident's current severity. */
export function SeveritySelect(props: {
  label: string;
  value: Severity;
  current: Severity;
  onChange: (severity: Severity) => void;
  levels?: readonly Severity[];
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value as Severity)}
        >
          {(props.levels ?? SEVERITIES).map((level) => (
            <option key={level} value={level}>
              {SEVERITY_LABELS[level]}
              {level === props.current ? ' (current)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The reason a classification change is journaled with. */
export function ReasonInput(props: {
  label: string;
  value: string;
  maxLength: number;
  onChange: (reason: string) => void;
}) {
  return (
    <Field label={props.label} className="field-grow">
      {(id) => (
        <input
          id={id}
          value={props.value}
          maxLength={props.maxLength}
          autoComplete="off"
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
