import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts-types';
import type { EscalationOverview } from '../../../shared/escalation-plan';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { ContactsPane, OverdueNotificationsBadge } from './contacts-pane';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

beforeEach(() => resetUiStore());

const NOW = 1_800_000_000_000_000;

const CEO: Contact = {
  id: 'c1',
  name: 'Dana',
  organisation: '',
  roles: ['c-level'],
  channels: [{ kind: 'email', value: 'dana@example.com', label: '' }],
  onCall: false,
  timeZone: '',
  notes: '',
  updatedAt: '',
  updatedBy: '',
};

function overview(overdue: boolean): EscalationOverview {
  return {
    incidentId: INCIDENT_ID,
    nowMicros: NOW,
    escalation: {
      severity: 'critical',
      wording: 'Immediate C-level notification',
      audiences: [
        {
          audience: 'c-level',
          label: 'C-level executives',
          dueMicros: NOW - 1,
          notified: !overdue,
          acknowledged: false,
          overdue,
          contacts: [CEO],
        },
      ],
      overdueCount: overdue ? 1 : 0,
    },
    notifications: [],
    sent: [],
    regulatory: {
      regimeId: 'gdpr',
      regimeLabel: 'GDPR',
      hours: 72,
      awareAt: '2027-01-15T08:00:00.000000Z',
      clock: {
        deadlineMicros: NOW + 3_600_000_000,
        remainingMicros: 3_600_000_000,
        overdue: false,
        notifiedAtMicros: null,
      },
    },
    nextUpdate: { dueMicros: NOW + 60_000_000, overdue: false },
  };
}

function renderPane(overdue = true) {
  const bridge = createFakeBridge({
    'escalation:overview': () => ok(overview(overdue)),
    'escalation:notify': () => ok([]),
    'contacts:list': () => ok([CEO]),
    'comms:templates': () => ok([]),
    'resources:list': () => ok([]),
    'comms:regimes': () => ok([]),
  });
  renderWithApp(<ContactsPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

it('shows the overdue audience, its people and the regulatory clock', async () => {
  renderPane();
  const tree = await screen.findByTestId('escalation-tree');
  expect(within(tree).getByTestId('audience')).toHaveTextContent('OVERDUE');
  expect(within(tree).getByTestId('audience')).toHaveTextContent('Dana');
  expect(screen.getByTestId('regulatory-clock')).toHaveTextContent(
    'GDPR regulator notification',
  );
});

it('sends a notification with audience, person, channel, acknowledgement', async () => {
  const bridge = renderPane();
  const form = await screen.findByRole('form', {
    name: 'Log a notification',
  });
  await userEvent.type(within(form).getByLabelText('Who was notified'), 'Dana');
  await userEvent.click(within(form).getByLabelText('Acknowledged'));
  await userEvent.click(within(form).getByRole('button', { name: /Log/ }));
  await waitFor(() =>
    expect(
      bridge.calls.filter((c) => c.channel === 'escalation:notify'),
    ).toHaveLength(1),
  );
  const call = bridge.calls.find((c) => c.channel === 'escalation:notify');
  expect(call?.input).toEqual({
    incidentId: INCIDENT_ID,
    audience: 'c-level',
    contactName: 'Dana',
    channel: 'phone',
    acknowledged: true,
  });
});

it('links e-mail through mailto, opened outside the app', async () => {
  renderPane();
  const link = await screen.findByRole('link', { name: 'write' });
  expect(link).toHaveAttribute('href', 'mailto:dana@example.com');
  expect(link).toHaveAttribute('target', '_blank');
});

it('shows the header badge only when something is overdue', async () => {
  const bridge = createFakeBridge({
    'escalation:overview': () => ok(overview(true)),
  });
  renderWithApp(<OverdueNotificationsBadge incidentId={INCIDENT_ID} />, bridge);
  expect(await screen.findByTestId('overdue-notifications')).toHaveTextContent(
    '1 notification overdue',
  );
});
