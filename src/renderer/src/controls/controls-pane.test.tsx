import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  ControlsOverview,
  ControlsSettings,
} from '../../../shared/controls-types';
import type {
  ActionAvailability,
  ActionKind,
  OutboxAction,
} from '../../../shared/outbox-types';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { ControlsPane } from './controls-pane';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

beforeEach(() => resetUiStore());

function availability(
  kind: ActionKind,
  label: string,
  available: boolean,
): ActionAvailability {
  return {
    kind,
    label,
    available,
    capability: null,
    route: available ? `POST /api/admin/${kind}` : null,
    reason: available ? 'found by probing' : 'capability not deployed',
    manualFallback: `Do ${label} by hand.`,
    destructive: kind === 'lockdown',
    readBack: false,
  };
}

const OFF: ControlsSettings = { twoPersonRule: false, secondPeople: [] };

function overview(settings = OFF): ControlsOverview {
  return {
    availability: [
      availability('lockdown', 'lockdown', true),
      availability('allowlist-add', 'allow address', true),
      availability('address-block', 'block address', false),
    ],
    settings,
    waiting: 0,
  };
}

function action(changes: Partial<OutboxAction>): OutboxAction {
  return {
    id: '01KBHQ2ZP4TS1BA5K3V3WDG2GA',
    incidentId: INCIDENT_ID,
    kind: 'allowlist-add',
    request: {
      kind: 'allowlist-add',
      reason: 'VPN',
      address: '198.51.100.7',
      description: null,
      expiresAt: null,
    },
    state: 'queued',
    stateReason: 'waited offline past the limit',
    createdAt: '2026-12-03T16:00:00.000000Z',
    queuedBy: 'ana',
    secondPerson: null,
    reconfirmedBy: null,
    reconfirmedAt: null,
    queuedOffline: true,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    lastAnswer: null,
    route: null,
    resultId: null,
    updatedAt: '2026-12-03T16:00:00.000000Z',
    ...changes,
  };
}

function renderPane(handlers: FakeHandlers = {}, settings = OFF) {
  const bridge = createFakeBridge({
    'controls:overview': () => ok(overview(settings)),
    'controls:list-actions': () => ok([]),
    ...handlers,
  });
  renderWithApp(<ControlsPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

function inputsOf(bridge: ReturnType<typeof renderPane>, channel: string) {
  return bridge.calls
    .filter((call) => call.channel === channel)
    .map((call) => call.input);
}

async function row(kind: string) {
  const rows = await screen.findAllByTestId('control-action');
  return rows.find((element) => element.dataset.kind === kind)!;
}

describe('the actions', () => {
  it('shows an unavailable block with its reason and a manual fallback', async () => {
    const user = userEvent.setup();
    const bridge = renderPane({
      'controls:record-manual': () =>
        ok({ checklistItemId: 'ad-hoc/x', entryId: 'E1' }),
    });

    const block = await row('address-block');
    expect(block).toHaveTextContent('Unavailable');
    expect(block).toHaveTextContent('No block capability');
    await user.click(
      within(block).getByRole('button', {
        name: 'Record block address as a manual action',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Do block address by hand.');
    await user.type(
      within(dialog).getByLabelText('Address or range to block'),
      '203.0.113.45',
    );
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Attacker');
    await user.click(
      within(dialog).getByRole('button', { name: 'Record manual action' }),
    );

    await waitFor(() =>
      expect(inputsOf(bridge, 'controls:record-manual')).toEqual([
        {
          incidentId: INCIDENT_ID,
          kind: 'address-block',
          target: '203.0.113.45',
          reason: 'Attacker',
        },
      ]),
    );
    expect(await screen.findByTestId('controls-notice')).toHaveTextContent(
      'Recorded block address as a manual action',
    );
  });

  it('queues a lockdown only once its name is typed', async () => {
    const user = userEvent.setup();
    const bridge = renderPane({
      'controls:queue-action': () => ok({ action: action({}), warnings: [] }),
    });

    await user.click(
      within(await row('lockdown')).getByRole('button', { name: 'lockdown…' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(
      within(dialog).getByLabelText(/^Reason/),
      'Stolen admin token in use',
    );
    const queue = within(dialog).getByRole('button', { name: 'Queue action' });
    expect(queue).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/to confirm/), 'lockdown');
    await user.click(queue);

    await waitFor(() =>
      expect(inputsOf(bridge, 'controls:queue-action')).toEqual([
        {
          incidentId: INCIDENT_ID,
          request: { kind: 'lockdown', reason: 'Stolen admin token in use' },
          confirmation: 'lockdown',
          secondPerson: undefined,
          acceptWarnings: false,
        },
      ]),
    );
  });

  it('asks for the second person when the two-person rule is on', async () => {
    const user = userEvent.setup();
    const bridge = renderPane(
      {
        'controls:queue-action': () => ok({ action: action({}), warnings: [] }),
      },
      {
        twoPersonRule: true,
        secondPeople: [{ name: 'Bea', addedAt: 'x', addedBy: 'ana' }],
      },
    );

    await user.click(
      within(await row('lockdown')).getByRole('button', { name: 'lockdown…' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Token stolen!');
    await user.type(within(dialog).getByLabelText(/to confirm/), 'lockdown');
    await user.selectOptions(
      within(dialog).getByLabelText('Second person'),
      'Bea',
    );
    await user.type(
      within(dialog).getByLabelText('Their passphrase'),
      'a long passphrase',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Queue action' }),
    );

    await waitFor(() =>
      expect(inputsOf(bridge, 'controls:queue-action')).toMatchObject([
        { secondPerson: { name: 'Bea', passphrase: 'a long passphrase' } },
      ]),
    );
  });
});

describe('the queue', () => {
  it('shows state, attempts and answer, and offers the moves the state allows', async () => {
    const user = userEvent.setup();
    const bridge = renderPane({
      'controls:list-actions': () =>
        ok([
          action({ state: 'needs-reconfirmation' }),
          action({
            id: '01KBHQ2ZP4TS1BA5K3V3WDG2GB',
            kind: 'lockdown',
            request: { kind: 'lockdown', reason: 'Token stolen!' },
            state: 'unknown',
            attempts: 2,
            lastAnswer: { status: null, summary: 'timed out', at: 'x' },
          }),
        ]),
      'controls:reconfirm': () => ok(action({ state: 'queued' })),
    });

    const rows = await screen.findAllByTestId('outbox-row');
    expect(rows[0]).toHaveTextContent('allow address 198.51.100.7');
    expect(rows[0]).toHaveTextContent('Needs reconfirmation');
    expect(rows[1]).toHaveTextContent('Unknown: sent, no answer');
    expect(rows[1]).toHaveTextContent('no answer: timed out');
    expect(within(rows[1]!).getByRole('cell', { name: '2' })).toBeVisible();
    expect(
      within(rows[1]!).getByRole('button', {
        name: 'Mark lockdown as took effect',
      }),
    ).toBeEnabled();
    expect(
      within(rows[0]!).queryByRole('button', { name: /^Retry/ }),
    ).toBeNull();

    await user.click(
      within(rows[0]!).getByRole('button', {
        name: 'Reconfirm allow address 198.51.100.7',
      }),
    );
    await waitFor(() =>
      expect(inputsOf(bridge, 'controls:reconfirm')).toEqual([
        { actionId: '01KBHQ2ZP4TS1BA5K3V3WDG2GA' },
      ]),
    );
  });
});
