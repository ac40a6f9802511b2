import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  MICROS_PER_MINUTE,
  computePhaseWindows,
  computeResponseClock,
  formatCountdown,
  formatElapsed,
  type PhaseWindow,
  type PhaseWindows,
  type ResponseClock,
  type ResponseClockStatus,
} from '../../../shared/response-clock';
import {
  severityRule,
  type ResponseRules,
} from '../../../shared/response-rules';

function milestoneAt(
  state: IncidentCommandState,
  milestone: 'detected' | 'acknowledged',
): string | null {
  const record = state.milestones.find((item) => item.milestone === milestone);
  return record?.at ?? null;
}

/**
 * Where the clocks start: the detection time on the incident card, else
 * the detected milestone. With neither, the opening of the incident is the
 * best known start, and the header says so. (Milestones are often entered
 * afterwards, back-dated before the opening; timing the response from the
 * opening then would show it acknowledged before it began.)
 */
export function clockStart(state: IncidentCommandState) {
  const detected = state.detectedAt ?? milestoneAt(state, 'detected');
  return { at: detected ?? state.openedAt, fromOpening: detected === null };
}

export function acknowledgedAt(state: IncidentCommandState): string | null {
  return milestoneAt(state, 'acknowledged');
}

/** The response clock of `state` at `nowMillis` (from `Date.now()`). */
export function responseClockFor(
  state: IncidentCommandState,
  rules: ResponseRules,
  nowMillis: number,
): ResponseClock {
  const history =
    state.severityHistory.length > 0
      ? state.severityHistory
      : [{ at: state.openedAt, severity: state.severity }];
  return computeResponseClock(rules, {
    detectedAt: clockStart(state).at,
    severityHistory: history,
    acknowledgedAt: acknowledgedAt(state),
    now: nowMillis * 1000,
  });
}

export function phaseWindowsFor(
  state: IncidentCommandState,
  rules: ResponseRules,
  nowMillis: number,
): PhaseWindows {
  return computePhaseWindows(rules, {
    detectedAt: clockStart(state).at,
    currentPhase: state.phase,
    now: nowMillis * 1000,
  });
}

/** `15 min`, `1 h`, `24 h`, `1 week`, `1 h 30 min`: how the plan says it. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes % 10_080 === 0) {
    const weeks = minutes / 10_080;
    return `${weeks} ${weeks === 1 ? 'week' : 'weeks'}`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export type ResponseClockView = {
  status: ResponseClockStatus;
  /** What the figure means: `Respond within`, `Overdue by`, … */
  label: string;
  /** `14:59`, `1 h 05 min`. */
  value: string;
  /** The target the clock measures against. */
  detail: string;
  /** What the rules call for once the target is missed; overdue only. */
  escalation: { wording: string; audiences: string } | null;
  /** Said once when the state changes, not every second. */
  announcement: string;
};

function escalationOf(clock: ResponseClock) {
  const { wording, audiences } = clock.escalation;
  const who = audiences.map((audience) => audience.label).join(', ');
  return { wording, audiences: who };
}

/** Words for the response clock; the figures come from shared/response-clock. */
export function describeResponseClock(
  clock: ResponseClock,
  rules: ResponseRules,
): ResponseClockView {
  const rule = severityRule(rules, clock.clockSeverity);
  const target = `${rule.label} target ${formatMinutes(rule.responseTargetMinutes)}`;
  const base = { status: clock.status, detail: target, escalation: null };

  switch (clock.status) {
    case 'running':
      return {
        ...base,
        label: 'Respond within',
        value: formatCountdown(clock.remainingMicros),
        announcement: `Response clock running against the ${target}`,
      };
    case 'overdue': {
      const escalation = escalationOf(clock);
      return {
        ...base,
        label: 'Overdue by',
        value: formatElapsed(-clock.remainingMicros),
        escalation,
        announcement: `Response overdue. Escalate: ${escalation.wording} (${escalation.audiences})`,
      };
    }
    case 'met':
      return {
        ...base,
        label: 'Acknowledged in',
        value: formatElapsed(clock.elapsedMicros),
        detail: `Met the ${target}`,
        announcement: 'Response acknowledged within its target',
      };
    case 'missed':
      return {
        ...base,
        label: 'Acknowledged in',
        value: formatElapsed(clock.elapsedMicros),
        detail: `Missed the ${target} by ${formatElapsed(-clock.remainingMicros)}`,
        announcement: 'Response acknowledged after its target',
      };
  }
}

function minutesText(micros: number): string {
  return micros === 0 ? '0' : formatMinutes(micros / MICROS_PER_MINUTE);
}

/** `0–30 min`, `30 min–2 h`, `from 1 week`. */
export function formatWindow(window: PhaseWindow): string {
  if (window.endMicros === null)
    return `from ${minutesText(window.startMicros)}`;
  return `${minutesText(window.startMicros)}–${minutesText(window.endMicros)}`;
}

export type PhaseView = {
  label: string;
  window: string;
  /** `45:00 since detection`. */
  elapsed: string;
  /** How the elapsed time sits in the window. */
  note: string;
  /** The elapsed time is past the end of the phase's window. */
  late: boolean;
};

function windowNote(window: PhaseWindow, elapsed: number): string {
  if (window.timing === 'passed') {
    return `window ended ${formatElapsed(elapsed - (window.endMicros ?? 0))} ago`;
  }
  if (window.timing === 'ahead') {
    return `window opens in ${formatElapsed(window.startMicros - elapsed)}`;
  }
  if (window.endMicros === null) return 'open-ended';
  return `${formatElapsed(window.endMicros - elapsed)} left in window`;
}

/** The current phase, its window and where the elapsed time falls in it. */
export function describePhase(
  windows: PhaseWindows,
  phase: string,
  fromOpening = false,
): PhaseView | null {
  const window = windows.windows.find((candidate) => candidate.id === phase);
  if (!window) return null;
  const since = fromOpening ? 'opening' : 'detection';
  return {
    label: window.label,
    window: formatWindow(window),
    elapsed: `${formatElapsed(windows.elapsedMicros)} since ${since}`,
    note: windowNote(window, windows.elapsedMicros),
    late: window.timing === 'passed',
  };
}
