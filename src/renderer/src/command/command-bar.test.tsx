import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import {
  DETECTED_AT,
  DETECTED_MS,
  sampleCommandState,
  sampleRulesView,
} from '../test-support/sample-command';
import { INCIDENT_ID } from '../test-support/sample-data';
import { CommandBar } from './command-bar';

const MINUTE = 60_000;

function renderBar(states: IncidentCommandState[]) {
  let answered = 0;
  const bridge = createFakeBridge({
    'rules:get': () => ({ ok: true, value: sampleRulesView() }),
    'command:state': () => {
      const state = states[Math.min(answered, states.length - 1)];
      answered += 1;
      return { ok: true, value: state };
    },
  });
  renderWithApp(<CommandBar incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

const clockValue = () => screen.findByTestId('clock-value');

function tick(ms = 1000) {
  act(() => vi.advanceTimersByTime(ms));
}

beforeEach(() => {
  resetUiStore();
  // Only the clock's own time is faked; queries still settle on real timers.
  vi.useFakeTimers({
    toFake: ['Date', 'setInterval', 'clearInterval'],
    now: DETECTED_MS,
  });
});

afterEach(() => vi.useRealTimers());

describe('CommandBar', () => {
  it('counts a critical response down from 15:00, once a second', async () => {
    renderBar([sampleCommandState()]);

    expect(await clockValue()).toHaveTextContent('15:00');
    tick();
    expect(screen.getByTestId('clock-value')).toHaveTextContent('14:59');
    tick(60_000);
    expect(screen.getByTestId('clock-value')).toHaveTextContent('13:59');
  });

  it('re-reads the time after a sleep instead of counting ticks', async () => {
    renderBar([sampleCommandState()]);
    expect(await clockValue()).toHaveTextContent('15:00');

    // Asleep for eleven minutes: no tick ran, the wall clock moved on.
    vi.setSystemTime(DETECTED_MS + 11 * MINUTE);
    tick();

    expect(screen.getByTestId('clock-value')).toHaveTextContent('03:59');
  });

  it('turns overdue and names the escalation', async () => {
    vi.setSystemTime(DETECTED_MS + 14 * MINUTE + 59_000);
    renderBar([sampleCommandState()]);
    expect(await clockValue()).toHaveTextContent('00:01');

    tick(2000);

    const clock = screen.getByTestId('response-clock');
    expect(clock).toHaveAttribute('data-status', 'overdue');
    expect(clock).toHaveTextContent('Overdue by');
    expect(screen.getByTestId('clock-value')).toHaveTextContent('00:01');
    const escalation = screen.getByTestId('clock-escalation');
    expect(escalation).toHaveTextContent(
      'Escalate: Immediate C-level notification',
    );
    expect(escalation).toHaveAttribute('title', 'Notify: C-level executives');
  });

  it('shows the phase window against the time since detection', async () => {
    vi.setSystemTime(DETECTED_MS + 12 * MINUTE);
    renderBar([sampleCommandState()]);

    const phase = await screen.findByTestId('phase-status');
    expect(phase).toHaveTextContent('window 0–30 min');
    expect(phase).toHaveTextContent('Detection and analysis');
    expect(phase).toHaveTextContent('12:00 since detection');
    expect(phase).toHaveTextContent('18:00 left in window');
  });

  it('warns when nobody commands the incident', async () => {
    renderBar([sampleCommandState()]);

    const commander = await screen.findByTestId('commander-status');
    expect(commander).toHaveTextContent('No commander');
    expect(commander).toHaveClass('is-missing');
  });

  it('names the commander who holds the role now', async () => {
    const assigned = {
      entryId: '01KBHQ3A0000000000000000R1',
      role: 'incident-commander' as const,
      person: 'Dana Reyes',
      contact: '',
      assumedAt: DETECTED_AT,
      handedOverAt: '2026-12-03T16:20:00.000000Z',
      assignedBy: 'ic',
    };
    renderBar([
      sampleCommandState({
        roles: [
          assigned,
          {
            ...assigned,
            entryId: '01KBHQ3A0000000000000000R2',
            person: 'Sam Okafor',
            handedOverAt: null,
          },
        ],
      }),
    ]);

    const commander = await screen.findByTestId('commander-status');
    expect(commander).toHaveTextContent('Sam Okafor');
    expect(commander).not.toHaveTextContent('Dana Reyes');
  });

  it('follows a severity change pushed by main', async () => {
    const high = sampleCommandState({ severity: 'high' });
    const bridge = renderBar([high, sampleCommandState()]);
    expect(await clockValue()).toHaveTextContent('1 h 00 min');

    bridge.emit('incident:changed', { incidentId: INCIDENT_ID });

    await waitFor(() =>
      expect(screen.getByTestId('clock-value')).toHaveTextContent('15:00'),
    );
    expect(screen.getByTestId('severity-badge')).toHaveTextContent('Critical');
  });

  it('says the clock ran from the opening without a detection time', async () => {
    renderBar([sampleCommandState({ detectedAt: null })]);

    expect(await screen.findByTestId('response-clock')).toHaveTextContent(
      'from opening, no detection time recorded',
    );
  });
});
