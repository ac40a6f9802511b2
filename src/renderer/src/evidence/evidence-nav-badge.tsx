import { useEvidenceList } from '../data/evidence-queries';
import { hasIntegrityProblem } from './evidence-format';

/**
 * Beside the Evidence pane's name in the side nav: how many items failed
 * their integrity check, so a problem found on opening is seen from any
 * pane.
 */
export function EvidenceNavBadge(props: { incidentId: string }) {
  const { data: items = [] } = useEvidenceList(props.incidentId);
  const problems = items.filter(hasIntegrityProblem).length;
  if (problems === 0) return null;
  return (
    <span className="nav-badge" data-testid="evidence-nav-badge">
      <span aria-hidden="true">⚠ </span>
      {problems}
      <span className="visually-hidden">
        {problems === 1 ? ' item fails' : ' items fail'} its integrity check
      </span>
    </span>
  );
}
