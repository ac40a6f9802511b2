import type { IncidentCommandState } from '../../../shared/incident-command-types';
import { phaseRule, type ResponseRules } from '../../../shared/response-rules';
import { phaseWindowsFor } from '../command/clock-display';
import { ReasonDialog } from '../command/reason-dialog';
import { useNow } from '../command/use-now';
import {
  useCommandState,
  usePlaybookCatalogue,
  useRules,
} from '../data/command-queries';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { AddItemDialog } from './add-item-dialog';
import { AdvancePhase } from './advance-phase';
import { AttachPlaybook } from './attach-playbook';
import { buildChecklistRows, progressOf } from './checklist-rows';
import { ChecklistToolbar } from './checklist-toolbar';
import { ChecklistTree } from './checklist-tree';
import {
  useChecklistActions,
  type ChecklistActions,
} from './use-checklist-actions';

function useRows(state: IncidentCommandState, rules: ResponseRules) {
  // Overdue highlighting moves with time, so the rows follow the tick.
  const now = useNow();
  const collapsed = useUiStore((store) => store.collapsedChecklistRows);
  return buildChecklistRows({
    checklist: state.checklist,
    currentPhase: state.phase,
    windows: phaseWindowsFor(state, rules, now).windows,
    playbooks: state.playbooks,
    collapsed,
  });
}

function PlaybookProblems() {
  const problems = usePlaybookCatalogue().data?.problems ?? [];
  if (problems.length === 0) return null;
  return (
    <div className="config-problems" role="status">
      <strong>Playbook files not loaded:</strong>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.file}:${problem.line}:${problem.field}`}>
            {problem.file}
            {problem.line !== null && `:${problem.line}`} {problem.field}:{' '}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ChecklistHeader(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
}) {
  const { state } = props;
  const { done, skipped, total } = progressOf(state.checklist);
  return (
    <div className="pane-header">
      <h1 id="checklist-heading">
        Checklist<span className="muted">: {state.title}</span>
      </h1>
      <span className="muted" data-testid="checklist-total">
        {done} of {total} done{skipped > 0 && `, ${skipped} skipped`}
      </span>
      <span className="header-spacer" />
      <AttachPlaybook state={state} />
      <AdvancePhase state={state} rules={props.rules} />
    </div>
  );
}

function ChecklistDialogs(props: {
  actions: ChecklistActions;
  rules: ResponseRules;
}) {
  const { actions } = props;
  return (
    <>
      <ReasonDialog
        open={actions.skipping !== null}
        title={`Skip “${actions.skipping?.item.title ?? ''}”`}
        label="Reason for skipping"
        confirmLabel="Skip item"
        testId="skip-dialog"
        onConfirm={actions.skip}
        onCancel={actions.cancelSkip}
      />
      <AddItemDialog
        phase={actions.adding}
        phaseLabel={
          actions.adding ? phaseRule(props.rules, actions.adding).label : ''
        }
        pending={actions.addPending}
        error={actions.addError}
        onAdd={actions.add}
        onCancel={actions.cancelAdd}
      />
    </>
  );
}

function ChecklistBody(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
}) {
  const { state, rules } = props;
  const rows = useRows(state, rules);
  const zoneMode = useUiStore((store) => store.zoneMode);
  const actions = useChecklistActions(state);
  const active =
    rows.find((row) => row.key === actions.activeKey) ??
    rows.find((row) => row.kind === 'phase' && row.phase === state.phase);

  return (
    <>
      <ChecklistHeader state={state} rules={rules} />
      <ChecklistToolbar active={active} onAction={actions.act} />
      {actions.setError && (
        <p className="form-error pane-error" role="alert">
          Not saved: {actions.setError}
        </p>
      )}
      {/* Before the tree, so a closing dialog hands focus back to its row
          before the tree may move it on (to an item just added). */}
      <ChecklistDialogs actions={actions} rules={rules} />
      <div className="pane-body">
        <PlaybookProblems />
        <ChecklistTree
          rows={rows}
          activeKey={active?.key ?? null}
          focusRequest={actions.focusRequest}
          zoneMode={zoneMode}
          label={`Checklist of ${state.title}`}
          onActivate={actions.setActiveKey}
          onAction={actions.act}
        />
      </div>
    </>
  );
}

/** Every playbook item of the incident, phase by phase, worked by key. */
export function ChecklistPane(props: { incidentId: string }) {
  const command = useCommandState(props.incidentId);
  const rules = useRules();
  const error = command.error ?? rules.error;

  return (
    <section
      className="pane checklist-pane"
      aria-labelledby="checklist-heading"
    >
      {command.data && rules.data ? (
        <ChecklistBody state={command.data} rules={rules.data.rules} />
      ) : (
        <div className="pane-header">
          <h1 id="checklist-heading">Checklist</h1>
          {error ? (
            <span className="error-message" role="alert">
              Could not load the checklist: {errorMessage(error)}
            </span>
          ) : (
            <span className="muted">Loading…</span>
          )}
        </div>
      )}
    </section>
  );
}
