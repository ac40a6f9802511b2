import {
  SEVERITY_LABELS,
  type Severity,
} from '../../../shared/incident-taxonomy';

/** Colour for a glance, the word for anyone who cannot tell the colours. */
export function SeverityBadge(props: { severity: Severity }) {
  return (
    <span
      className={`severity-badge severity-${props.severity}`}
      data-testid="severity-badge"
    >
      <span className="visually-hidden">Severity: </span>
      <span className="severity-dot" aria-hidden="true" />
      {SEVERITY_LABELS[props.severity]}
    </span>
  );
}
