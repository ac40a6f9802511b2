import type { KeyboardEvent } from 'react';
import type { FieldProblem } from './input-errors';

/** Main's refusal of a form, one line per wrong field, by its label. */
export function FormProblems(props: { problems: FieldProblem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <ul role="alert" className="form-problems">
      {props.problems.map((p, i) => (
        <li key={i}>{p.label ? `${p.label}: ${p.reason}` : p.reason}</li>
      ))}
    </ul>
  );
}

/** A form's key handler: Escape closes it without saving. */
export function closeOnEscape(onClose: () => void) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
}
