import { useChainVerification } from '../data/journal-queries';
import { formatCount } from './format-count';

const SHOWN_PROBLEMS = 5;

/** Tampering must not hide in a tooltip: it goes across the timeline. */
export function TamperBanner(props: { incidentId: string }) {
  const { data: report } = useChainVerification(props.incidentId);
  if (!report || report.ok) return null;

  const hidden = report.problems.length - SHOWN_PROBLEMS;
  return (
    <div className="tamper-banner" role="alert" data-testid="tamper-banner">
      <strong>
        This journal’s hash chain is broken. Entries may have been altered,
        removed or inserted outside War Room.
      </strong>
      <ul>
        {report.problems.slice(0, SHOWN_PROBLEMS).map((problem) => (
          <li key={`${problem.entry}-${problem.kind}`}>
            <span className="problem-kind">{problem.kind}</span> entry{' '}
            <code>{problem.entry}</code>: {problem.detail}
          </li>
        ))}
      </ul>
      {hidden > 0 && <p>and {formatCount(hidden)} more.</p>}
    </div>
  );
}
