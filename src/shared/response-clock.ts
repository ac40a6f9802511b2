/**
 * The response clock and phase windows, computed from stored times only.
 * Nothing here keeps state or runs a timer: every answer is a function of
 * the detection time, the severity history, the acknowledgement (if any)
 * and `now`, so it is right after a restart, a sleep or a severity change,
 * and a test moves time by passing another `now`.
 *
 * Times are epoch microseconds or the stored UTC text of timestamps.ts.
 * Rule: a deadline instant is itself on time. The response is overdue one
 * microsecond after its deadline, and a phase overdue one microsecond
 * after its window ends.
 */
import type { Severity } from './incident-taxonomy';
import type { PhaseId } from './incident-lifecycle';
import {
  audienceLabel,
  severityRule,
  type Audience,
  type ResponseRules,
} from './response-rules';
import { parseStoredUtc } from './timestamps';

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;

/** Epoch microseconds, or stored UTC text (`…T16:25:32.123456Z`). */
export type StoredTime = number | string;

/**
 * One point of an incident's severity history. Journal-derived records
 * with more fields (entry id, reason, actor) can be passed as they are.
 */
export type SeverityHistoryEntry = { at: StoredTime; severity: Severity };

/** Throws a RangeError naming the field when a time is not a stored time. */
export function toEpochMicros(time: StoredTime, field: string): number {
  if (typeof time === 'number') {
    if (Number.isSafeInteger(time)) return time;
    throw new RangeError(`${field} must be whole epoch microseconds`);
  }
  try {
    return parseStoredUtc(time);
  } catch {
    throw new RangeError(`${field} is not a stored UTC time: ${time}`);
  }
}

type TimedSeverity = { at: number; severity: Severity };

function toTimeline(history: readonly SeverityHistoryEntry[]): TimedSeverity[] {
  if (history.length === 0) {
    throw new RangeError('severity history must hold the initial severity');
  }
  const timed = history.map((change, index) => ({
    at: toEpochMicros(change.at, `severityHistory[${index}].at`),
    severity: change.severity,
  }));
  // A stable sort: changes recorded at the same instant keep list order.
  return timed.toSorted((a, b) => a.at - b.at);
}

/**
 * The severity in effect at `time`: the latest change at or before it.
 * The first classification applies from detection even when it was
 * recorded later, so a time before every change gets the first one.
 * Changes dated after `time` (another device's clock running ahead) are
 * not yet in effect.
 */
export function severityAt(
  history: readonly SeverityHistoryEntry[],
  time: StoredTime,
): Severity {
  const timeline = toTimeline(history);
  const at = toEpochMicros(time, 'time');
  const effective = timeline.filter((change) => change.at <= at).at(-1);
  return (effective ?? timeline[0]).severity;
}

export type ResponseClockInput = {
  detectedAt: StoredTime;
  /** Every severity the incident has had, the initial one included. */
  severityHistory: readonly SeverityHistoryEntry[];
  /** The acknowledged milestone; it stops the clock. */
  acknowledgedAt?: StoredTime | null;
  now: StoredTime;
};

/**
 * `running` and `overdue` count towards the deadline; `met` and `missed`
 * are final, once the response was acknowledged.
 */
export type ResponseClockStatus = 'running' | 'overdue' | 'met' | 'missed';

export type Escalation = {
  severity: Severity;
  audiences: Audience[];
  /** The plan's wording, e.g. `Immediate C-level notification`. */
  wording: string;
};

export type ResponseClock = {
  status: ResponseClockStatus;
  /** Whose target the clock uses: now's, or the one at acknowledgement. */
  clockSeverity: Severity;
  /** The severity in effect now. */
  currentSeverity: Severity;
  targetMicros: number;
  /** Epoch microseconds: detection plus the target. */
  deadlineMicros: number;
  /** Detection to now; once acknowledged, detection to acknowledgement. */
  elapsedMicros: number;
  /**
   * Deadline minus now, negative when overdue; once acknowledged, deadline
   * minus acknowledgement, negative by as much as it was missed.
   */
  remainingMicros: number;
  /** The deadline passed before the response (or, still running, now). */
  overdue: boolean;
  /** Epoch microseconds of the acknowledgement, or null while running. */
  stoppedAtMicros: number | null;
  /** What the current severity calls for. */
  escalation: Escalation;
};

export function escalationFor(
  rules: ResponseRules,
  severity: Severity,
): Escalation {
  const rule = severityRule(rules, severity).escalation;
  const audiences = rule.audiences.map((id) => ({
    id,
    label: audienceLabel(rules, id),
  }));
  return { severity, audiences, wording: rule.wording };
}

function clockStatus(stopped: boolean, overdue: boolean): ResponseClockStatus {
  if (stopped) return overdue ? 'missed' : 'met';
  return overdue ? 'overdue' : 'running';
}

/**
 * The response clock. The deadline is always detection plus the target of
 * the severity that applies, never the time of a change plus a target:
 * raising high to critical 40 minutes after detection makes the deadline
 * detection + 15 minutes, already 25 minutes past, so the clock is overdue
 * at once; lowering a severity extends the deadline the same way.
 *
 * Acknowledgement stops the clock. The response is then judged against the
 * severity in effect when it was acknowledged (a later raise does not turn
 * a response that was on time into a missed one), while the escalation
 * still follows the severity in effect now.
 */
export function computeResponseClock(
  rules: ResponseRules,
  input: ResponseClockInput,
): ResponseClock {
  const detected = toEpochMicros(input.detectedAt, 'detectedAt');
  const now = toEpochMicros(input.now, 'now');
  const acknowledged =
    input.acknowledgedAt == null
      ? null
      : toEpochMicros(input.acknowledgedAt, 'acknowledgedAt');

  const until = acknowledged ?? now;
  const clockSeverity = severityAt(input.severityHistory, until);
  const currentSeverity = severityAt(input.severityHistory, now);
  const targetMicros =
    severityRule(rules, clockSeverity).responseTargetMinutes *
    MICROS_PER_MINUTE;
  const deadlineMicros = detected + targetMicros;
  const overdue = until > deadlineMicros;

  return {
    status: clockStatus(acknowledged !== null, overdue),
    clockSeverity,
    currentSeverity,
    targetMicros,
    deadlineMicros,
    elapsedMicros: until - detected,
    remainingMicros: deadlineMicros - until,
    overdue,
    stoppedAtMicros: acknowledged,
    escalation: escalationFor(rules, currentSeverity),
  };
}

/** Where a phase's window lies relative to the elapsed time alone. */
export type WindowTiming = 'ahead' | 'open' | 'passed';

/**
 * A phase relative to the phase the commander is in: behind it (`done`),
 * it (`current`), or ahead of it (`upcoming`); `overdue` is the current
 * phase or a later one whose window has already passed.
 */
export type PhaseWindowState = 'done' | 'current' | 'upcoming' | 'overdue';

export type PhaseWindow = {
  id: PhaseId;
  label: string;
  /** Offsets from detection; `endMicros` is null for the open last phase. */
  startMicros: number;
  endMicros: number | null;
  /** Epoch microseconds. */
  startsAtMicros: number;
  endsAtMicros: number | null;
  timing: WindowTiming;
  state: PhaseWindowState;
};

export type PhaseWindows = {
  elapsedMicros: number;
  /** The phase whose window holds the elapsed time. */
  phaseByTime: PhaseId;
  windows: PhaseWindow[];
};

/**
 * The phase whose window holds `elapsedMicros` (time since detection).
 * A window includes its end instant, like a deadline, and the first one
 * includes 0: at exactly 30:00 the plan's first phase still holds, at one
 * microsecond past it containment does. A time before detection (a clock
 * set wrong) falls in the first phase.
 */
export function phaseAtElapsed(
  rules: ResponseRules,
  elapsedMicros: number,
): PhaseId {
  const phase = rules.phases.find(
    (rule) =>
      rule.endMinutes === null ||
      elapsedMicros <= rule.endMinutes * MICROS_PER_MINUTE,
  );
  // Validated rules end with an open phase, so `find` always succeeds.
  return (phase ?? rules.phases[rules.phases.length - 1]).id;
}

function windowTiming(
  endMicros: number | null,
  elapsedMicros: number,
  holdsElapsed: boolean,
): WindowTiming {
  if (endMicros !== null && elapsedMicros > endMicros) return 'passed';
  return holdsElapsed ? 'open' : 'ahead';
}

function windowState(
  index: number,
  currentIndex: number,
  timing: WindowTiming,
): PhaseWindowState {
  if (index < currentIndex) return 'done';
  if (timing === 'passed') return 'overdue';
  return index === currentIndex ? 'current' : 'upcoming';
}

export type PhaseWindowsInput = {
  detectedAt: StoredTime;
  /** The phase the commander has advanced to. */
  currentPhase: PhaseId;
  now: StoredTime;
};

/** Every phase's window, timed from detection and judged against `now`. */
export function computePhaseWindows(
  rules: ResponseRules,
  input: PhaseWindowsInput,
): PhaseWindows {
  const detected = toEpochMicros(input.detectedAt, 'detectedAt');
  const elapsedMicros = toEpochMicros(input.now, 'now') - detected;
  const phaseByTime = phaseAtElapsed(rules, elapsedMicros);
  const currentIndex = rules.phases.findIndex(
    (rule) => rule.id === input.currentPhase,
  );

  const windows = rules.phases.map((rule, index): PhaseWindow => {
    const startMicros = rule.startMinutes * MICROS_PER_MINUTE;
    const endMicros =
      rule.endMinutes === null ? null : rule.endMinutes * MICROS_PER_MINUTE;
    const timing = windowTiming(
      endMicros,
      elapsedMicros,
      rule.id === phaseByTime,
    );
    return {
      id: rule.id,
      label: rule.label,
      startMicros,
      endMicros,
      startsAtMicros: detected + startMicros,
      endsAtMicros: endMicros === null ? null : detected + endMicros,
      timing,
      state: windowState(index, currentIndex, timing),
    };
  });
  return { elapsedMicros, phaseByTime, windows };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** `14:59` under an hour, `1 h 05 min` under a day, `2 d 03 h` beyond. */
function layoutSeconds(seconds: number): string {
  if (seconds < 3600) {
    return `${pad2(Math.floor(seconds / 60))}:${pad2(seconds % 60)}`;
  }
  if (seconds < 86_400) {
    const hours = Math.floor(seconds / 3600);
    return `${hours} h ${pad2(Math.floor((seconds % 3600) / 60))} min`;
  }
  const days = Math.floor(seconds / 86_400);
  return `${days} d ${pad2(Math.floor((seconds % 86_400) / 3600))} h`;
}

/**
 * A countdown: `14:59`, `1 h 05 min`, and once overdue `-02:13`. Time left
 * rounds up to the second, so a fresh 15-minute clock shows `15:00` and the
 * display reaches `00:00` exactly at the deadline; time past it rounds
 * down, so the minus sign appears the instant the clock is overdue.
 */
export function formatCountdown(remainingMicros: number): string {
  if (remainingMicros >= 0) {
    return layoutSeconds(Math.ceil(remainingMicros / MICROS_PER_SECOND));
  }
  return `-${layoutSeconds(Math.floor(-remainingMicros / MICROS_PER_SECOND))}`;
}

/** A duration such as time taken: `12:34`, `1 h 05 min`; whole units only. */
export function formatElapsed(elapsedMicros: number): string {
  const seconds = Math.floor(Math.abs(elapsedMicros) / MICROS_PER_SECOND);
  return `${elapsedMicros < 0 ? '-' : ''}${layoutSeconds(seconds)}`;
}
