import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import {
  DETECTED_AT,
  sampleCommandState,
  sampleRulesView,
} from '../test-support/sample-command';
import { INCIDENT_ID } from '../test-support/sample-data';
import { IncidentCardPane } from './incident-card-pane';

type Store = { state: IncidentCommandState };

/** Main answers `command:state` with whatever the last change left. */
function renderCard(
  state: IncidentCommandState,
  handlers: FakeHandlers | ((store: Store) => FakeHandlers) = {},
) {
  const store: Store = { state };
  const bridge = createFakeBridge({
    'rules:get': () => ({ ok: true, value: sampleRulesView() }),
    'command:state': () => ({ ok: true, value: store.state }),
    ...(typeof handlers === 'function' ? handlers(store) : handlers),
  });
  renderWithApp(<IncidentCardPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

const answered = (
  state: IncidentCommandState,
): Result<IncidentCommandState> => ({ ok: true, value: state });

function inputsOf(bridge: ReturnType<typeof renderCard>, channel: string) {
  return bridge.calls
    .filter((call) => call.channel === channel)
    .map((call) => call.input);
}

beforeEach(() => resetUiStore());

describe('the classification matrix', () => {
  it('proposes the highest rating and sends it with the ratings', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState({ severity: 'medium' });
    const bridge = renderCard(state, {
      'command:change-severity': () => answered(state),
    });
    const matrix = await screen.findByTestId('matrix-helper');

    await user.selectOptions(
      within(matrix).getByLabelText('Integrity'),
      'High: Data modification',
    );
    await user.selectOptions(
      within(matrix).getByLabelText('Availability'),
      'Low: Minimal impact',
    );
    expect(within(matrix).getByTestId('matrix-proposal')).toHaveTextContent(
      'Proposed Severity: High',
    );
    await user.click(
      within(matrix).getByRole('button', { name: 'Accept: make it High' }),
    );

    await waitFor(() =>
      expect(inputsOf(bridge, 'command:change-severity')).toHaveLength(1),
    );
    expect(inputsOf(bridge, 'command:change-severity')[0]).toEqual({
      incidentId: INCIDENT_ID,
      severity: 'high',
      reason: expect.stringMatching(
        /^Classification matrix proposal accepted\. High: /,
      ),
      impact: {
        confidentiality: 'none',
        integrity: 'high',
        availability: 'low',
      },
    });
  });

  it('takes an override only with a reason, and only as a change', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState({ severity: 'medium' });
    const bridge = renderCard(state, {
      'command:change-severity': () => answered(state),
    });
    const matrix = await screen.findByTestId('matrix-helper');
    await user.selectOptions(
      within(matrix).getByLabelText('Confidentiality'),
      'Critical: Data breach',
    );
    const form = within(matrix).getByRole('form', {
      name: 'Override the proposal',
    });
    const override = within(form).getByRole('button', { name: 'Override' });

    expect(within(form).getByLabelText('Override with')).toHaveValue('medium');
    expect(override).toBeDisabled();
    expect(form).toHaveTextContent('keeping it changes nothing');
    await user.selectOptions(within(form).getByLabelText('Override with'), [
      'high',
    ]);
    expect(override).toBeDisabled();
    await user.type(
      within(form).getByLabelText('Reason for overriding'),
      'Only test data was exposed',
    );
    await user.click(override);

    await waitFor(() =>
      expect(inputsOf(bridge, 'command:change-severity')).toEqual([
        {
          incidentId: INCIDENT_ID,
          severity: 'high',
          reason:
            'Classification matrix proposed Critical; overridden: Only test data was exposed',
          impact: {
            confidentiality: 'critical',
            integrity: 'none',
            availability: 'none',
          },
        },
      ]),
    );
  });
});

describe('the incident card', () => {
  it('changes severity only to another level, with a reason', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState({ severity: 'high' });
    const bridge = renderCard(state, {
      'command:change-severity': () => answered(state),
    });
    const form = await screen.findByRole('form', { name: 'Change severity' });
    const submit = within(form).getByRole('button', {
      name: 'Change severity',
    });

    expect(submit).toBeDisabled();
    await user.selectOptions(within(form).getByLabelText('New severity'), [
      'critical',
    ]);
    expect(submit).toBeDisabled();
    await user.type(
      within(form).getByLabelText('Reason for the change'),
      'Customer data confirmed in the dump{Enter}',
    );

    await waitFor(() =>
      expect(inputsOf(bridge, 'command:change-severity')).toEqual([
        {
          incidentId: INCIDENT_ID,
          severity: 'critical',
          reason: 'Customer data confirmed in the dump',
        },
      ]),
    );
  });

  it('hands the commander role over to the next person', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState({
      roles: [
        {
          entryId: '01KBHQ3A0000000000000000R1',
          role: 'incident-commander',
          person: 'Dana Reyes',
          contact: '',
          assumedAt: DETECTED_AT,
          handedOverAt: null,
          assignedBy: 'ic',
        },
      ],
    });
    const bridge = renderCard(state, {
      'command:assign-role': () => answered(state),
    });

    await user.click(
      await screen.findByRole('button', {
        name: 'Hand over Incident Commander',
      }),
    );
    const form = screen.getByRole('form', {
      name: 'Hand over Incident Commander',
    });
    expect(within(form).getByLabelText('New holder')).toHaveFocus();
    await user.keyboard('Sam Okafor{Enter}');

    await waitFor(() =>
      expect(inputsOf(bridge, 'command:assign-role')).toEqual([
        {
          incidentId: INCIDENT_ID,
          role: 'incident-commander',
          person: 'Sam Okafor',
        },
      ]),
    );
    expect(
      screen.getByRole('button', { name: 'Assign Security Lead' }),
    ).toBeInTheDocument();
  });

  it('flags a milestone earlier than one that comes before it', async () => {
    renderCard(
      sampleCommandState({
        milestones: [
          {
            entryId: '01KBHQ3A0000000000000000M1',
            milestone: 'contained',
            at: '2026-12-03T15:50:00.000000Z',
            offset: '+01:00',
            note: '',
            actor: 'ic',
          },
        ],
      }),
    );

    const contained = (await screen.findAllByTestId('milestone-row')).find(
      (row) => row.dataset.milestone === 'contained',
    );
    expect(contained).toHaveTextContent(
      'Out of order: Contained is earlier than detected',
    );
    expect(contained).toHaveTextContent('2026-12-03 15:50:00Z');
    expect(screen.getAllByTestId('milestone-problem')).toHaveLength(1);
  });

  it('closes after an override when required items are open', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState();
    const answers: Result<IncidentCommandState>[] = [
      { ok: false, error: { kind: 'blocked', message: 'required items open' } },
      answered({ ...state, status: 'closed', resolution: 'benign' }),
    ];
    const bridge = renderCard(state, (store) => ({
      'command:close': () => {
        const answer = answers.shift()!;
        if (answer.ok) store.state = answer.value;
        return answer;
      },
    }));

    await user.selectOptions(await screen.findByLabelText('Resolution'), [
      'benign',
    ]);
    await user.click(screen.getByRole('button', { name: 'Close incident' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Required items are still open',
    });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(3);
    await user.keyboard('A scheduled pen test{Enter}');

    await waitFor(() =>
      expect(screen.getByTestId('resolution')).toHaveTextContent('as Benign'),
    );
    expect(inputsOf(bridge, 'command:close')).toEqual([
      { incidentId: INCIDENT_ID, resolution: 'benign' },
      {
        incidentId: INCIDENT_ID,
        resolution: 'benign',
        overrideReason: 'A scheduled pen test',
      },
    ]);
  });

  it('records a corrected detection time with its zone and method', async () => {
    const user = userEvent.setup();
    const state = sampleCommandState();
    const bridge = renderCard(state, {
      'command:record-detection': () => answered(state),
    });
    await user.click(await screen.findByRole('button', { name: 'Correct…' }));
    const form = screen.getByRole('form', { name: 'Record detection' });

    fireEvent.change(within(form).getByLabelText('Detected at'), {
      target: { value: '2026-12-03T16:58:30' },
    });
    const zone = within(form).getByLabelText('Zone offset');
    await user.clear(zone);
    await user.type(zone, '+01:00');
    await user.selectOptions(
      within(form).getByLabelText('Detection method'),
      'External notification',
    );
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(inputsOf(bridge, 'command:record-detection')).toEqual([
        {
          incidentId: INCIDENT_ID,
          detectedAt: '2026-12-03T16:58:30+01:00',
          detectionMethod: 'external-notification',
        },
      ]),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('form', { name: 'Record detection' }),
      ).toBeNull(),
    );
  });
});
