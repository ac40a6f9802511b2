import type {
  IncidentCommandState,
  SeverityChange,
} from '../../../shared/incident-command-types';
import { SEVERITY_LABELS } from '../../../shared/incident-taxonomy';
import {
  severityRule,
  type ResponseRules,
} from '../../../shared/response-rules';
import { escalationFor } from '../../../shared/response-clock';
import { formatMinutes } from '../command/clock-display';
import { categoryLabel, subtypeLabel } from '../incidents/incident-labels';
import { SeverityBadge } from '../incidents/severity-badge';
import type { ZoneMode } from '../timeline/time-format';
import { cardTime } from './card-format';
import { CardSection } from './card-section';
import { ChangeSeverityForm } from './change-severity-form';
import { MatrixHelper } from './matrix-helper';

function SeverityHistory(props: {
  history: readonly SeverityChange[];
  zoneMode: ZoneMode;
}) {
  return (
    <ol className="history-list" data-testid="severity-history">
      {props.history.map((change) => (
        <li key={change.entryId}>
          <span className="mono muted">
            {cardTime(change.at, props.zoneMode)}
          </span>{' '}
          {change.previous
            ? `${SEVERITY_LABELS[change.previous]} → ${SEVERITY_LABELS[change.severity]}`
            : `Opened as ${SEVERITY_LABELS[change.severity]}`}
          <span className="muted">
            {' '}
            · {change.reason} · {change.actor}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Severity with what it demands, category, and how it got here. */
export function ClassificationSection(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
  zoneMode: ZoneMode;
}) {
  const { state, rules } = props;
  const rule = severityRule(rules, state.severity);
  const escalation = escalationFor(rules, state.severity);
  const subtype = subtypeLabel(state.category, state.subtype);

  return (
    <CardSection title="Classification" testId="classification-section">
      <dl className="facts">
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={state.severity} />{' '}
          <span className="muted">{rule.description}</span>
        </dd>
        <dt>Respond within</dt>
        <dd data-testid="response-target">
          {formatMinutes(rule.responseTargetMinutes)} of detection
        </dd>
        <dt>Escalation</dt>
        <dd>
          {escalation.wording}
          <span className="muted">
            {' '}
            ({escalation.audiences.map((audience) => audience.label).join(', ')}
            )
          </span>
        </dd>
        <dt>Category</dt>
        <dd>
          {categoryLabel(state.category)}
          {subtype && <span className="muted"> › {subtype}</span>}
        </dd>
      </dl>
      {state.status === 'open' && (
        <>
          <ChangeSeverityForm state={state} />
          <MatrixHelper state={state} rules={rules} />
        </>
      )}
      <h3 className="subheading">Severity history</h3>
      <SeverityHistory
        history={state.severityHistory}
        zoneMode={props.zoneMode}
      />
    </CardSection>
  );
}
