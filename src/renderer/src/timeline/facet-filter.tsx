import type { FocusEvent, KeyboardEvent } from 'react';
import { formatCount } from './format-count';

export type FacetOption = { value: string; label: string; count: number };

function summary(label: string, selected: string[], options: FacetOption[]) {
  if (selected.length === 0) return `${label}: all`;
  if (selected.length === 1) {
    const only = options.find((option) => option.value === selected[0]);
    return `${label}: ${only?.label ?? selected[0]}`;
  }
  return `${label}: ${selected.length} selected`;
}

function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (event.key !== 'Escape' || !details.open) return;
  event.preventDefault();
  details.open = false;
  details.querySelector('summary')?.focus();
}

/** Clicking or tabbing elsewhere closes it, as a menu would. */
function closeWhenFocusLeaves(event: FocusEvent<HTMLDetailsElement>) {
  const next = event.relatedTarget;
  if (next instanceof Node && event.currentTarget.contains(next)) return;
  event.currentTarget.open = false;
}

/**
 * A drop-down of checkboxes built from the timeline's facets. Nothing ticked
 * means no filter, so a new kind or actor is never silently hidden.
 */
export function FacetFilter(props: {
  label: string;
  options: FacetOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
}) {
  const { selected } = props;
  const toggle = (value: string, on: boolean) =>
    props.onChange(
      on ? [...selected, value] : selected.filter((item) => item !== value),
    );

  return (
    <details
      onKeyDown={closeOnEscape}
      onBlur={closeWhenFocusLeaves}
      className="facet-filter"
      data-testid={`filter-${props.label.toLowerCase()}`}
    >
      <summary>{summary(props.label, selected, props.options)}</summary>
      <fieldset className="facet-options">
        <legend className="visually-hidden">
          Show only these {props.label.toLowerCase()}
        </legend>
        {props.options.length === 0 && <p className="muted">None yet</p>}
        {props.options.map((option) => (
          <label key={option.value} className="facet-option">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>{option.label}</span>
            <span className="muted numeric">{formatCount(option.count)}</span>
          </label>
        ))}
        {selected.length > 0 && (
          <button
            type="button"
            className="button-quiet"
            onClick={() => props.onChange([])}
          >
            Show all
          </button>
        )}
      </fieldset>
    </details>
  );
}
