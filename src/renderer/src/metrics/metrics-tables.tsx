import { MILESTONE_LABELS } from '../../../shared/incident-lifecycle';
import {
  DURATION_DEFINITIONS,
  FALSE_POSITIVE_DEFINITION,
  TIMING_SCOPE_DEFINITION,
  VOLUME_DEFINITION,
  type DurationStat,
  type MonthVolume,
} from '../../../shared/metrics-types';
import {
  FOLLOW_UP_STATUS_LABELS,
  type FollowUpListItem,
} from '../../../shared/review-types';
import { OverdueBadge } from '../review/follow-ups-section';
import { categoryTotals, durationCells } from './metric-views';

export function DurationsTable(props: { durations: DurationStat[] }) {
  return (
    <table className="card-table" data-testid="durations-table">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Incidents measured</th>
          <th scope="col">Mean</th>
          <th scope="col">Median</th>
          <th scope="col">Target</th>
          <th scope="col">Mean vs target</th>
          <th scope="col">Missing milestones</th>
        </tr>
      </thead>
      <tbody>
        {props.durations.map((stat) => {
          const cells = durationCells(stat);
          return (
            <tr key={stat.metric}>
              <th scope="row">{cells.label}</th>
              <td>{cells.measured}</td>
              <td>{cells.mean}</td>
              <td>{cells.median}</td>
              <td>{cells.target}</td>
              <td className={`verdict-${cells.verdict.replace(' ', '-')}`}>
                {cells.verdict}
              </td>
              <td title={stat.missing.map((m) => m.title).join(', ')}>
                {stat.missing.length}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What each number means, in the words the README uses. */
export function Definitions() {
  return (
    <dl className="metrics-definitions" data-testid="metric-definitions">
      {Object.values(DURATION_DEFINITIONS).map((definition) => (
        <div key={definition.label}>
          <dt>
            {definition.label} ({MILESTONE_LABELS[definition.from]} →{' '}
            {MILESTONE_LABELS[definition.to]})
          </dt>
          <dd>{definition.definition}</dd>
        </div>
      ))}
      <div>
        <dt>Which incidents are timed</dt>
        <dd>{TIMING_SCOPE_DEFINITION}</dd>
      </div>
      <div>
        <dt>Incident volume</dt>
        <dd>{VOLUME_DEFINITION}</dd>
      </div>
      <div>
        <dt>False-positive rate</dt>
        <dd>{FALSE_POSITIVE_DEFINITION}</dd>
      </div>
    </dl>
  );
}

export function CategoryTable(props: { volume: MonthVolume[] }) {
  return (
    <table className="card-table" data-testid="category-table">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col">Incidents</th>
        </tr>
      </thead>
      <tbody>
        {categoryTotals(props.volume).map((row) => (
          <tr key={row.category}>
            <th scope="row">{row.label}</th>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FollowUpList(props: { items: FollowUpListItem[] }) {
  if (props.items.length === 0) {
    return <p className="muted">No follow-up actions in any incident.</p>;
  }
  return (
    <table className="card-table" data-testid="follow-up-list">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Incident</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.id} className={item.overdue ? 'overdue' : ''}>
            <td>{item.title}</td>
            <td>{item.incidentTitle}</td>
            <td>{item.owner}</td>
            <td className="mono">
              {item.dueDate} <OverdueBadge overdue={item.overdue} />
            </td>
            <td>{FOLLOW_UP_STATUS_LABELS[item.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
