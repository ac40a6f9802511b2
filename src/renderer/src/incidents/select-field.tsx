import { useId, type ReactNode } from 'react';

export type SelectOption = { value: string; label: string };

/**
 * A label above its control, tied by id rather than by nesting, so the
 * control's accessible name is the label alone (a nested select would add
 * its chosen option to the name).
 */
export function Field(props: {
  label: string;
  className?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
    </div>
  );
}

/** A labelled native select; the first option is the "nothing chosen" one. */
export function SelectField(props: {
  label: string;
  value: string;
  options: SelectOption[];
  emptyLabel: string;
  /** Whether "nothing chosen" can be picked again once something was. */
  emptySelectable: boolean;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          disabled={props.disabled}
          onChange={(event) => props.onChange(event.target.value)}
        >
          <option value="" disabled={!props.emptySelectable}>
            {props.emptyLabel}
          </option>
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A path on the machine War Room runs on, typed in full: monospaced, never
 * spell-checked or auto-completed, focused when its dialog opens.
 */
export function PathField(props: {
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} className="field-wide">
      {(id) => (
        <input
          id={id}
          className="mono"
          data-autofocus
          value={props.value}
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
