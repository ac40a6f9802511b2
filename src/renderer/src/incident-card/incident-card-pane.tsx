import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { RulesView } from '../../../shared/ipc-contract';
import { useCommandState, useRules } from '../data/command-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { ClassificationSection } from './classification-section';
import { CloseSection } from './close-section';
import { DetectionSection } from './detection-section';
import { MilestonesSection } from './milestones-section';
import { RolesSection } from './roles-section';

function RulesProblems(props: { view: RulesView }) {
  if (props.view.problems.length === 0) return null;
  return (
    <div className="config-problems" role="status">
      <strong>Rules override ignored; the shipped rules apply:</strong>
      <ul>
        {props.view.problems.map((problem) => (
          <li key={`${problem.file}:${problem.field}:${problem.message}`}>
            {problem.file} {problem.field}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CardBody(props: { state: IncidentCommandState; rules: RulesView }) {
  const zoneMode = useUiStore((store) => store.zoneMode);
  const shared = { state: props.state, zoneMode };
  const rules = props.rules.rules;

  return (
    <div className="pane-body incident-card">
      <RulesProblems view={props.rules} />
      <div className="card-grid">
        <div className="card-column">
          <ClassificationSection {...shared} rules={rules} />
          <DetectionSection {...shared} />
          <CloseSection {...shared} rules={rules} />
        </div>
        <div className="card-column">
          <RolesSection {...shared} />
          <MilestonesSection {...shared} />
        </div>
      </div>
    </div>
  );
}

/** The incident's record: classification, detection, milestones, roles. */
export function IncidentCardPane(props: { incidentId: string }) {
  const command = useCommandState(props.incidentId);
  const rules = useRules();
  const error = command.error ?? rules.error;

  return (
    <section className="pane" aria-labelledby="card-heading">
      <div className="pane-header">
        <h1 id="card-heading">
          Incident card
          {command.data && (
            <span className="muted">: {command.data.title}</span>
          )}
        </h1>
        {error && (
          <span className="error-message" role="alert">
            Could not load the incident: {errorMessage(error)}
          </span>
        )}
      </div>
      {command.data && rules.data ? (
        <CardBody state={command.data} rules={rules.data} />
      ) : (
        !error && <p className="muted pane-loading">Loading…</p>
      )}
    </section>
  );
}
