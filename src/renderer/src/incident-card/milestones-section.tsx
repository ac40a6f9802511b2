import { useState } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  MILESTONE_KINDS,
  MILESTONE_LABELS,
  type MilestoneKind,
  type MilestoneOrderProblem,
} from '../../../shared/incident-lifecycle';
import { formatWithOffset } from '../../../shared/timestamps';
import type { ZoneMode } from '../timeline/time-format';
import { cardTime } from './card-format';
import { CardSection } from './card-section';
import {
  milestoneProblems,
  milestoneTimes,
  type MilestoneTime,
} from './milestone-times';
import { MilestoneForm } from './milestone-form';

function MilestoneRow(props: {
  milestone: MilestoneKind;
  time: MilestoneTime | undefined;
  problem: MilestoneOrderProblem | undefined;
  zoneMode: ZoneMode;
  onEdit: () => void;
}) {
  const { time, problem } = props;
  const label = MILESTONE_LABELS[props.milestone];
  const given = time?.offset ? formatWithOffset(time.at, time.offset) : null;

  return (
    <tr data-testid="milestone-row" data-milestone={props.milestone}>
      <th scope="row">{label}</th>
      <td className="mono" title={given ? `As entered: ${given}` : undefined}>
        {time ? (
          cardTime(time.at, props.zoneMode)
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {problem && (
          <span className="warning-text" data-testid="milestone-problem">
            <span aria-hidden="true">⚠ </span>
            Out of order: {problem.message}
          </span>
        )}
        {time?.note && <span className="muted"> {time.note}</span>}
      </td>
      <td className="muted milestone-actor">{time?.actor}</td>
      <td className="row-end">
        <button
          type="button"
          className="row-action"
          aria-label={`${time ? 'Correct' : 'Set'} ${label.toLowerCase()}`}
          onClick={props.onEdit}
        >
          {time ? 'Correct…' : 'Set…'}
        </button>
      </td>
    </tr>
  );
}

function MilestoneEntry(props: {
  state: IncidentCommandState;
  zoneMode: ZoneMode;
  milestone: MilestoneKind;
  editing: boolean;
  time: MilestoneTime | undefined;
  problem: MilestoneOrderProblem | undefined;
  onEdit: (milestone: MilestoneKind | null) => void;
}) {
  return (
    <>
      <MilestoneRow
        milestone={props.milestone}
        time={props.time}
        problem={props.problem}
        zoneMode={props.zoneMode}
        onEdit={() => props.onEdit(props.milestone)}
      />
      {props.editing && (
        <tr className="form-row">
          <td colSpan={5}>
            <MilestoneForm
              incidentId={props.state.incidentId}
              milestone={props.milestone}
              onDone={() => props.onEdit(null)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * The moments the response metrics are measured between. Each is entered
 * with its real time, after the fact if need be; times that contradict
 * the usual order are kept as entered and flagged.
 */
export function MilestonesSection(props: {
  state: IncidentCommandState;
  zoneMode: ZoneMode;
}) {
  const { state } = props;
  const [editing, setEditing] = useState<MilestoneKind | null>(null);
  const times = milestoneTimes(state);
  const problems = milestoneProblems(times);

  return (
    <CardSection title="Milestones" testId="milestones-section">
      <table className="card-table">
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col">
              When ({props.zoneMode === 'utc' ? 'UTC' : 'local'})
            </th>
            <th scope="col">Note</th>
            <th scope="col">By</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {MILESTONE_KINDS.map((milestone) => (
            <MilestoneEntry
              key={milestone}
              milestone={milestone}
              editing={editing === milestone}
              {...props}
              time={times.get(milestone)}
              problem={problems.get(milestone)}
              onEdit={setEditing}
            />
          ))}
        </tbody>
      </table>
    </CardSection>
  );
}
