import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { ResponseRules } from '../../../shared/response-rules';
import {
  acknowledgedAt,
  clockStart,
  describeResponseClock,
  responseClockFor,
  type ResponseClockView,
} from './clock-display';

/** Shapes beside the colour; the words say the rest. */
const STATUS_ICONS: Record<ResponseClockView['status'], string> = {
  running: '',
  overdue: '!',
  met: '✓',
  missed: '×',
};

/** A closed incident's clock no longer runs, met or not. */
function StoppedClock() {
  return (
    <div
      className="command-cell response-clock clock-stopped"
      data-testid="response-clock"
      data-status="stopped"
    >
      <span className="cell-label">Response</span>
      <span className="cell-value">
        Closed without an acknowledged milestone
      </span>
    </div>
  );
}

/**
 * The response clock: time left to respond, then how far overdue and whom
 * to escalate to, then once acknowledged whether the target was met. The
 * figure is re-derived from stored times and `nowMillis` on every render.
 */
export function ResponseClock(props: {
  state: IncidentCommandState;
  rules: ResponseRules;
  nowMillis: number;
}) {
  const { state, rules } = props;
  if (state.status === 'closed' && !acknowledgedAt(state)) {
    return <StoppedClock />;
  }
  const clock = responseClockFor(state, rules, props.nowMillis);
  const view = describeResponseClock(clock, rules);
  const { fromOpening } = clockStart(state);

  return (
    <div
      className={`command-cell response-clock clock-${view.status}`}
      data-testid="response-clock"
      data-status={view.status}
    >
      <span className="cell-label">
        Response · {view.detail}
        {fromOpening && ' · from opening, no detection time recorded'}
      </span>
      <span className="cell-value">
        <span className="clock-icon" aria-hidden="true">
          {STATUS_ICONS[view.status]}
        </span>
        <span className="clock-word">{view.label}</span>
        <span
          className="clock-value mono"
          role="timer"
          aria-label={`${view.label} ${view.value}`}
          data-testid="clock-value"
        >
          {view.value}
        </span>
        {view.escalation && (
          <span
            className="clock-escalation"
            data-testid="clock-escalation"
            title={`Notify: ${view.escalation.audiences}`}
          >
            Escalate: {view.escalation.wording}
          </span>
        )}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {view.announcement}
      </span>
    </div>
  );
}
