import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEVERITIES } from './incident-taxonomy';
import type { PhaseId } from './incident-lifecycle';
import {
  computePhaseWindows,
  computeResponseClock,
  formatCountdown,
  formatElapsed,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  phaseAtElapsed,
  severityAt,
  type ResponseClockInput,
} from './response-clock';
import { parseResponseRules, type ResponseRules } from './response-rules';
import { formatEpochMicros } from './timestamps';

function shippedRules(): ResponseRules {
  const path = fileURLToPath(
    new URL('../../resources/response-rules.yaml', import.meta.url),
  );
  const result = parseResponseRules(parse(readFileSync(path, 'utf8')), path);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.rules;
}

const rules = shippedRules();
const MINUTE = MICROS_PER_MINUTE;
const HOUR = 60 * MINUTE;
/** 2026-12-03T16:00:00Z, the detection time of every example. */
const DETECTED = Date.UTC(2026, 11, 3, 16) * 1000;

/** The clock `elapsed` microseconds after detection. */
function clockAt(
  elapsed: number,
  history: ResponseClockInput['severityHistory'],
  extra: Partial<ResponseClockInput> = {},
) {
  return computeResponseClock(rules, {
    detectedAt: DETECTED,
    severityHistory: history,
    now: DETECTED + elapsed,
    ...extra,
  });
}

describe('the response clock', () => {
  it('starts a critical incident at 15:00 with C-level escalation', () => {
    const clock = clockAt(0, [{ at: DETECTED, severity: 'critical' }]);

    expect(clock.status).toBe('running');
    expect(clock.remainingMicros).toBe(15 * MINUTE);
    expect(formatCountdown(clock.remainingMicros)).toBe('15:00');
    expect(clock.deadlineMicros).toBe(DETECTED + 15 * MINUTE);
    expect(clock.escalation).toEqual({
      severity: 'critical',
      audiences: [{ id: 'c-level', label: 'C-level executives' }],
      wording: 'Immediate C-level notification',
    });
  });

  it('is on time at the deadline and overdue one microsecond after', () => {
    const history = [{ at: DETECTED, severity: 'high' as const }];
    const deadline = DETECTED + 60 * MINUTE;

    const at = clockAt(0, history, { now: deadline });
    const after = clockAt(0, history, { now: deadline + 1 });

    expect([at.status, at.overdue, at.remainingMicros]).toEqual([
      'running',
      false,
      0,
    ]);
    expect([after.status, after.overdue, after.remainingMicros]).toEqual([
      'overdue',
      true,
      -1,
    ]);
    expect(formatCountdown(at.remainingMicros)).toBe('00:00');
    expect(formatCountdown(after.remainingMicros)).toBe('-00:00');
  });

  it('shrinks the target when high is raised to critical', () => {
    const history = [
      { at: DETECTED, severity: 'high' as const },
      { at: DETECTED + 5 * MINUTE, severity: 'critical' as const },
    ];

    const before = clockAt(4 * MINUTE, history);
    const after = clockAt(6 * MINUTE, history);

    expect(before.targetMicros).toBe(60 * MINUTE);
    expect(after.clockSeverity).toBe('critical');
    expect(after.targetMicros).toBe(15 * MINUTE);
    expect(after.deadlineMicros).toBe(DETECTED + 15 * MINUTE);
    expect(formatCountdown(after.remainingMicros)).toBe('09:00');
  });

  it('is overdue at once when the shrunk deadline has already passed', () => {
    const history = [
      { at: DETECTED, severity: 'high' as const },
      { at: DETECTED + 40 * MINUTE, severity: 'critical' as const },
    ];

    const before = clockAt(40 * MINUTE - 1, history);
    const after = clockAt(40 * MINUTE, history);

    expect(before.status).toBe('running');
    expect(after.status).toBe('overdue');
    expect(after.remainingMicros).toBe(-25 * MINUTE);
    expect(after.escalation.wording).toBe('Immediate C-level notification');
  });

  it('extends the deadline from detection when the severity is lowered', () => {
    const history = [
      { at: DETECTED, severity: 'critical' as const },
      { at: DETECTED + 10 * MINUTE, severity: 'medium' as const },
    ];

    const clock = clockAt(20 * MINUTE, history);

    expect(clock.deadlineMicros).toBe(DETECTED + 240 * MINUTE);
    expect(clock.remainingMicros).toBe(220 * MINUTE);
  });

  it('is right after a sleep, with no state kept between readings', () => {
    const history = [{ at: DETECTED, severity: 'medium' as const }];

    const beforeSleep = clockAt(30 * MINUTE, history);
    const afterSleep = clockAt((30 + 5 * 60) * MINUTE, history);

    expect(beforeSleep.remainingMicros).toBe(210 * MINUTE);
    expect(afterSleep.status).toBe('overdue');
    expect(afterSleep.remainingMicros).toBe(-90 * MINUTE);
    expect(formatCountdown(afterSleep.remainingMicros)).toBe('-1 h 30 min');
    expect(afterSleep.escalation.audiences.map((a) => a.id)).toEqual([
      'security-team',
    ]);
  });

  it('reads stored UTC text and microseconds alike', () => {
    const asText = computeResponseClock(rules, {
      detectedAt: '2026-12-03T16:00:00.000000Z',
      severityHistory: [
        { at: '2026-12-03T16:00:00.000000Z', severity: 'high' },
        { at: '2026-12-03T16:05:00.000000Z', severity: 'critical' },
      ],
      now: '2026-12-03T16:07:30.250000Z',
    });
    const asMicros = clockAt(7 * MINUTE + 30_250_000, [
      { at: DETECTED, severity: 'high' },
      { at: DETECTED + 5 * MINUTE, severity: 'critical' },
    ]);

    expect(asText).toEqual(asMicros);
    expect(formatCountdown(asText.remainingMicros)).toBe('07:30');
  });

  it('stops when acknowledged and shows the time taken as met', () => {
    const history = [{ at: DETECTED, severity: 'critical' as const }];
    const acknowledgedAt = DETECTED + 12 * MINUTE;

    const soon = clockAt(13 * MINUTE, history, { acknowledgedAt });
    const muchLater = clockAt(600 * MINUTE, history, { acknowledgedAt });

    expect(soon.status).toBe('met');
    expect(soon.elapsedMicros).toBe(12 * MINUTE);
    expect(soon.remainingMicros).toBe(3 * MINUTE);
    expect(soon.stoppedAtMicros).toBe(acknowledgedAt);
    expect(muchLater).toEqual(soon);
    expect(formatElapsed(soon.elapsedMicros)).toBe('12:00');
  });

  it('counts an acknowledgement at the deadline as met, after it missed', () => {
    const history = [{ at: DETECTED, severity: 'critical' as const }];
    const deadline = DETECTED + 15 * MINUTE;

    const onTheDot = clockAt(20 * MINUTE, history, {
      acknowledgedAt: deadline,
    });
    const late = clockAt(20 * MINUTE, history, {
      acknowledgedAt: deadline + 1,
    });

    expect(onTheDot.status).toBe('met');
    expect([late.status, late.overdue, late.remainingMicros]).toEqual([
      'missed',
      true,
      -1,
    ]);
  });

  it('judges the response by the severity at acknowledgement', () => {
    const acknowledgedAt = DETECTED + 30 * MINUTE;
    const raisedAfter = [
      { at: DETECTED, severity: 'high' as const },
      { at: DETECTED + 45 * MINUTE, severity: 'critical' as const },
    ];
    const raisedBefore = [
      { at: DETECTED, severity: 'high' as const },
      { at: DETECTED + 10 * MINUTE, severity: 'critical' as const },
    ];

    const met = clockAt(60 * MINUTE, raisedAfter, { acknowledgedAt });
    const missed = clockAt(60 * MINUTE, raisedBefore, { acknowledgedAt });

    expect([met.status, met.clockSeverity, met.currentSeverity]).toEqual([
      'met',
      'high',
      'critical',
    ]);
    expect(met.escalation.severity).toBe('critical');
    expect([missed.status, missed.remainingMicros]).toEqual([
      'missed',
      -15 * MINUTE,
    ]);
  });

  it('orders the history by time and ignores changes dated after now', () => {
    const history = [
      { at: DETECTED + 2 * HOUR, severity: 'low' as const },
      { at: DETECTED + 10 * MINUTE, severity: 'critical' as const },
      { at: DETECTED, severity: 'medium' as const },
    ];

    expect(severityAt(history, DETECTED + 5 * MINUTE)).toBe('medium');
    expect(severityAt(history, DETECTED + HOUR)).toBe('critical');
    expect(severityAt(history, DETECTED + 3 * HOUR)).toBe('low');
    expect(severityAt(history, DETECTED - HOUR)).toBe('medium');
  });

  it('applies the first classification from detection', () => {
    const history = [{ at: DETECTED + 20 * MINUTE, severity: 'high' as const }];

    expect(clockAt(10 * MINUTE, history).targetMicros).toBe(60 * MINUTE);
  });

  it('refuses an empty history and a malformed time, naming the field', () => {
    expect(() => clockAt(0, [])).toThrow(/severity history/);
    expect(() =>
      clockAt(0, [{ at: '2026-12-03 16:00', severity: 'low' }]),
    ).toThrow('severityHistory[0].at is not a stored UTC time');
    expect(() =>
      clockAt(0, [{ at: DETECTED, severity: 'low' }], { now: 1.5 }),
    ).toThrow('now must be whole epoch microseconds');
  });

  it('keeps remaining plus elapsed equal to the target before acknowledgement', () => {
    const time = fc.integer({ min: 0, max: 4_000_000_000_000_000 });
    const change = fc.record({
      at: time,
      severity: fc.constantFrom(...SEVERITIES),
    });
    fc.assert(
      fc.property(
        time,
        time,
        fc.array(change, { minLength: 1, maxLength: 6 }),
        (detectedAt, now, severityHistory) => {
          const clock = computeResponseClock(rules, {
            detectedAt,
            now,
            severityHistory,
          });
          expect(clock.remainingMicros + clock.elapsedMicros).toBe(
            clock.targetMicros,
          );
          expect(clock.overdue).toBe(now > clock.deadlineMicros);
        },
      ),
    );
  });
});

describe('phase windows', () => {
  it('puts each window’s end instant in that window', () => {
    const cases: [number, string][] = [
      [-5 * MINUTE, 'detection-and-analysis'],
      [0, 'detection-and-analysis'],
      [30 * MINUTE, 'detection-and-analysis'],
      [30 * MINUTE + 1, 'containment'],
      [2 * HOUR, 'containment'],
      [2 * HOUR + 1, 'investigation'],
      [24 * HOUR, 'investigation'],
      [24 * HOUR + 1, 'recovery'],
      [168 * HOUR, 'recovery'],
      [168 * HOUR + 1, 'post-incident'],
      [10_000 * HOUR, 'post-incident'],
    ];

    for (const [elapsed, phase] of cases) {
      expect(phaseAtElapsed(rules, elapsed), String(elapsed)).toBe(phase);
    }
  });

  function statesAt(elapsed: number, currentPhase: PhaseId) {
    const result = computePhaseWindows(rules, {
      detectedAt: DETECTED,
      currentPhase,
      now: DETECTED + elapsed,
    });
    return result.windows.map((window) => window.state);
  }

  it('marks phases behind the commander done and ahead upcoming', () => {
    expect(statesAt(45 * MINUTE, 'containment')).toEqual([
      'done',
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
  });

  it('marks the current phase overdue a microsecond after its window', () => {
    expect(statesAt(30 * MINUTE, 'detection-and-analysis')[0]).toBe('current');
    expect(statesAt(30 * MINUTE + 1, 'detection-and-analysis')[0]).toBe(
      'overdue',
    );
  });

  it('marks later phases overdue when time has run past them too', () => {
    expect(statesAt(25 * HOUR, 'containment')).toEqual([
      'done',
      'overdue',
      'overdue',
      'upcoming',
      'upcoming',
    ]);
  });

  it('never marks the open last phase overdue', () => {
    expect(statesAt(100 * 24 * HOUR, 'post-incident')).toEqual([
      'done',
      'done',
      'done',
      'done',
      'current',
    ]);
  });

  it('times each window from detection, in stored text too', () => {
    const result = computePhaseWindows(rules, {
      detectedAt: formatEpochMicros(DETECTED),
      currentPhase: 'detection-and-analysis',
      now: formatEpochMicros(DETECTED + 45 * MINUTE),
    });
    const containment = result.windows[1];

    expect(result.elapsedMicros).toBe(45 * MINUTE);
    expect(result.phaseByTime).toBe('containment');
    expect(containment.startsAtMicros).toBe(DETECTED + 30 * MINUTE);
    expect(containment.endsAtMicros).toBe(DETECTED + 2 * HOUR);
    expect(result.windows.map((window) => window.timing)).toEqual([
      'passed',
      'open',
      'ahead',
      'ahead',
      'ahead',
    ]);
    expect(result.windows[4].endsAtMicros).toBeNull();
  });
});

describe('countdown text', () => {
  it('rounds time left up and time past down to the second', () => {
    const cases: [number, string][] = [
      [15 * MINUTE, '15:00'],
      [15 * MINUTE - 1, '15:00'],
      [14 * MINUTE + 59 * MICROS_PER_SECOND, '14:59'],
      [1, '00:01'],
      [0, '00:00'],
      [-MICROS_PER_SECOND + 1, '-00:00'],
      [-(2 * MINUTE + 13 * MICROS_PER_SECOND), '-02:13'],
      [-(2 * MINUTE + 13 * MICROS_PER_SECOND) - 999_999, '-02:13'],
    ];

    for (const [micros, text] of cases) {
      expect(formatCountdown(micros), String(micros)).toBe(text);
    }
  });

  it('switches to hours and days for long spans', () => {
    expect(formatCountdown(HOUR + 5 * MINUTE)).toBe('1 h 05 min');
    expect(formatCountdown(HOUR - 1)).toBe('1 h 00 min');
    expect(formatCountdown(HOUR - MICROS_PER_SECOND)).toBe('59:59');
    expect(formatCountdown(-(HOUR + 5 * MINUTE))).toBe('-1 h 05 min');
    expect(formatCountdown(24 * HOUR - MICROS_PER_SECOND)).toBe('23 h 59 min');
    expect(formatCountdown(51 * HOUR)).toBe('2 d 03 h');
  });

  it('shows durations in whole units, rounded down', () => {
    expect(formatElapsed(12 * MINUTE + 34.9 * MICROS_PER_SECOND)).toBe('12:34');
    expect(formatElapsed(HOUR + 5 * MINUTE + 59 * MICROS_PER_SECOND)).toBe(
      '1 h 05 min',
    );
    expect(formatElapsed(-90 * MICROS_PER_SECOND)).toBe('-01:30');
  });
});
