import { describe, expect, it } from 'vitest';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  DETECTED_MS,
  sampleCommandState,
  sampleRules,
} from '../test-support/sample-command';
import {
  clockStart,
  describePhase,
  describeResponseClock,
  formatMinutes,
  phaseWindowsFor,
  responseClockFor,
} from './clock-display';

const rules = sampleRules();
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function clockAt(state: IncidentCommandState, afterMs: number) {
  const clock = responseClockFor(state, rules, DETECTED_MS + afterMs);
  return describeResponseClock(clock, rules);
}

function utcAfter(afterMs: number): string {
  return new Date(DETECTED_MS + afterMs).toISOString().replace('Z', '000Z');
}

function raised(from: 'high', afterMs: number) {
  const state = sampleCommandState({ severity: from });
  return sampleCommandState({
    severity: 'critical',
    severityHistory: [
      ...state.severityHistory,
      {
        entryId: '01KBHQ3A0000000000000000S2',
        at: utcAfter(afterMs),
        severity: 'critical',
        previous: from,
        reason: 'Customer data confirmed in the dump',
        actor: 'ic',
      },
    ],
  });
}

function acknowledged(afterMs: number) {
  return sampleCommandState({
    milestones: [
      {
        entryId: '01KBHQ3A0000000000000000M1',
        milestone: 'acknowledged',
        at: utcAfter(afterMs),
        offset: '+00:00',
        note: '',
        actor: 'ic',
      },
    ],
  });
}

describe('formatMinutes', () => {
  it('speaks of targets and windows the way the plan does', () => {
    expect(formatMinutes(15)).toBe('15 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(1440)).toBe('24 h');
    expect(formatMinutes(10_080)).toBe('1 week');
    expect(formatMinutes(20_160)).toBe('2 weeks');
  });
});

describe('describeResponseClock', () => {
  it('counts down a critical response from 15:00', () => {
    const state = sampleCommandState();

    expect(clockAt(state, 0)).toMatchObject({
      status: 'running',
      label: 'Respond within',
      value: '15:00',
      detail: 'Critical target 15 min',
      escalation: null,
    });
    expect(clockAt(state, SECOND).value).toBe('14:59');
    expect(clockAt(state, 14 * MINUTE + 59 * SECOND).value).toBe('00:01');
    expect(clockAt(state, 15 * MINUTE)).toMatchObject({
      status: 'running',
      value: '00:00',
    });
  });

  it('turns overdue with the escalation the rules call for', () => {
    const view = clockAt(sampleCommandState(), 15 * MINUTE + 61 * SECOND);

    expect(view).toMatchObject({
      status: 'overdue',
      label: 'Overdue by',
      value: '01:01',
      escalation: {
        wording: 'Immediate C-level notification',
        audiences: 'C-level executives',
      },
    });
    expect(view.announcement).toContain('Immediate C-level notification');
  });

  it('shows hours once the target is an hour or more', () => {
    const view = clockAt(sampleCommandState({ severity: 'high' }), 0);

    expect(view.value).toBe('1 h 00 min');
    expect(view.detail).toBe('High target 1 h');
  });

  it('shrinks the target when high is raised to critical', () => {
    const state = raised('high', 5 * MINUTE);

    expect(clockAt(state, 5 * MINUTE)).toMatchObject({
      status: 'running',
      value: '10:00',
      detail: 'Critical target 15 min',
    });
  });

  it('is overdue at once when the raise comes after the new deadline', () => {
    const view = clockAt(raised('high', 40 * MINUTE), 40 * MINUTE);

    expect(view).toMatchObject({ status: 'overdue', value: '25:00' });
    expect(view.escalation?.wording).toBe('Immediate C-level notification');
  });

  it('stops at the acknowledgement and says the target was met', () => {
    const view = clockAt(acknowledged(12 * MINUTE + 34 * SECOND), 3_600_000);

    expect(view).toMatchObject({
      status: 'met',
      label: 'Acknowledged in',
      value: '12:34',
      detail: 'Met the Critical target 15 min',
      escalation: null,
    });
  });

  it('says by how much a late acknowledgement missed the target', () => {
    const view = clockAt(acknowledged(18 * MINUTE + 2 * SECOND), 3_600_000);

    expect(view).toMatchObject({
      status: 'missed',
      value: '18:02',
      detail: 'Missed the Critical target 15 min by 03:02',
    });
  });

  it('runs from the opening when no detection time was recorded', () => {
    const opened = utcAfter(2 * MINUTE);
    const state = sampleCommandState({ detectedAt: null, openedAt: opened });

    expect(clockAt(state, 3 * MINUTE).value).toBe('14:00');
  });
});

describe('describePhase', () => {
  function phaseAt(state: IncidentCommandState, afterMs: number) {
    const windows = phaseWindowsFor(state, rules, DETECTED_MS + afterMs);
    return describePhase(windows, state.phase);
  }

  it('shows the first window and the time left in it', () => {
    expect(phaseAt(sampleCommandState(), 12 * MINUTE)).toEqual({
      label: 'Detection and analysis',
      window: '0–30 min',
      elapsed: '12:00 since detection',
      note: '18:00 left in window',
      late: false,
    });
  });

  it('flags a phase still worked after its window ended', () => {
    const view = phaseAt(sampleCommandState(), 45 * MINUTE);

    expect(view).toMatchObject({
      late: true,
      note: 'window ended 15:00 ago',
    });
  });

  it('says when the window of a phase entered early opens', () => {
    const state = sampleCommandState({ phase: 'containment' });

    expect(phaseAt(state, 10 * MINUTE)).toMatchObject({
      window: '30 min–2 h',
      note: 'window opens in 20:00',
      late: false,
    });
  });

  it('writes the last phase as open-ended', () => {
    const state = sampleCommandState({ phase: 'post-incident' });

    expect(phaseAt(state, 8 * 24 * 60 * MINUTE)).toMatchObject({
      window: 'from 1 week',
      note: 'open-ended',
      elapsed: '8 d 00 h since detection',
    });
  });
});

describe('clockStart', () => {
  const milestone = (name: 'detected' | 'acknowledged', afterMs: number) => ({
    entryId: `01KBHQ3A0000000000000000${name === 'detected' ? 'D1' : 'A1'}`,
    milestone: name,
    at: utcAfter(afterMs),
    offset: '+00:00',
    note: '',
    actor: 'ic',
  });

  it('times a back-dated response from the detected milestone', () => {
    // Opened a day after the fact, with milestones entered afterwards.
    const state = sampleCommandState({
      openedAt: utcAfter(24 * 60 * MINUTE),
      detectedAt: null,
      milestones: [milestone('detected', 0), milestone('acknowledged', 10)],
    });

    expect(clockStart(state)).toEqual({ at: utcAfter(0), fromOpening: false });
    const clock = responseClockFor(state, rules, DETECTED_MS + 48 * 3600_000);
    expect(clock.elapsedMicros).toBe(10_000);
    expect(clock.status).toBe('met');
  });

  it('prefers the detection time on the card to the milestone', () => {
    const state = sampleCommandState({
      milestones: [milestone('detected', 5 * MINUTE)],
    });

    expect(clockStart(state).at).toBe(state.detectedAt);
  });

  it('falls back to the opening only when neither is known', () => {
    const state = sampleCommandState({ detectedAt: null });

    expect(clockStart(state)).toEqual({
      at: state.openedAt,
      fromOpening: true,
    });
  });
});
