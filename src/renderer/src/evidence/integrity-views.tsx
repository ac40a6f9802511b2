import type {
  EvidenceItem,
  IntegrityState,
} from '../../../shared/evidence-types';
import { hasIntegrityProblem, INTEGRITY_LABELS } from './evidence-format';

const ICONS: Record<IntegrityState, string> = {
  unverified: '?',
  intact: '✓',
  altered: '⚠',
  missing: '⚠',
};

export function IntegrityBadge(props: { integrity: IntegrityState }) {
  return (
    <span
      className={`integrity-badge integrity-${props.integrity}`}
      data-testid="integrity"
      data-integrity={props.integrity}
    >
      <span aria-hidden="true">{ICONS[props.integrity]}</span>{' '}
      {INTEGRITY_LABELS[props.integrity]}
    </span>
  );
}

function problemText(item: EvidenceItem): string {
  return item.integrity === 'missing'
    ? 'its vault copy is gone'
    : 'its vault copy no longer matches the SHA-256 taken at intake';
}

/**
 * Altered or missing evidence must not hide in a column: it goes across
 * the top of the pane, each item a button that opens its detail.
 */
export function IntegrityBanner(props: {
  items: EvidenceItem[];
  onSelect: (evidenceId: string) => void;
}) {
  const problems = props.items.filter(hasIntegrityProblem);
  if (problems.length === 0) return null;

  const count = problems.length;
  return (
    <div
      className="integrity-banner"
      role="alert"
      data-testid="integrity-banner"
    >
      <strong>
        ⚠ {count} evidence{' '}
        {count === 1
          ? 'item fails its integrity check. Do not rely on this copy'
          : 'items fail their integrity check. Do not rely on these copies'}{' '}
        until the cause is known.
      </strong>
      <ul>
        {problems.map((item) => (
          <li key={item.id}>
            <span className="problem-kind">{item.integrity}</span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => props.onSelect(item.id)}
            >
              {item.name}
            </button>
            : {problemText(item)} (SHA-256{' '}
            <code>{item.hashes.sha256.slice(0, 16)}…</code>)
          </li>
        ))}
      </ul>
    </div>
  );
}
