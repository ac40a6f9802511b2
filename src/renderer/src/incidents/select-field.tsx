export type SelectOption = { value: string; label: string };

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
    <label className="field">
      <span className="field-label">{props.label}</span>
      <select
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
    </label>
  );
}
