import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  ControlsOverview,
  PlatformState,
} from '../../../shared/controls-types';
import type {
  ActionAvailability,
  ActionKind,
} from '../../../shared/outbox-types';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
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
    capabilityState: available ? 'available' : 'absent',
    capability: null,
    route: available ? `DELETE /api/admin/${kind}/{id}` : null,
    reason: available ? 'found by probing' : 'capability not deployed',
    manualFallback: `Do ${label} by hand.`,
    destructive: kind !== 'session-revoke',
    readBack: false,
  };
}

const OVERVIEW: ControlsOverview = {
  availability: [
    availability('allowlist-remove', 'remove allowed address', true),
    availability('session-revoke', 'revoke session', true),
    availability('lockout-lift', 'lift lockout', false),
  ],
  settings: { twoPersonRule: false, secondPeople: [] },
  waiting: 0,
};

const ENTRY_ID = 'da72fa2e-0e2c-4fa7-b4f8-b661fecaa77b';

const STATE: PlatformState = {
  allowlist: {
    available: true,
    readAt: '2025-01-20T10:41:02.000000Z',
    items: [
      {
        id: ENTRY_ID,
        ipRange: '198.51.100.10/32',
        description: 'Responder VPN',
        active: true,
        global: true,
        expiresAt: '2025-01-22T10:31:00.000000Z',
        createdAt: '2025-01-20T10:31:27.641093Z',
      },
    ],
  },
  sessions: {
    available: true,
    readAt: '2025-01-20T10:41:03.000000Z',
    items: [
      {
        sessionId: 'S-1',
        userId: 'user_2abc',
        organizationId: 'org_1',
        organizationRole: 'org:super_admin',
        createdAt: '2025-01-20T10:00:00.000000Z',
        lastActivityAt: '2025-01-20T10:39:00.000000Z',
        expiresAt: '2025-01-20T11:00:00.000000Z',
        ipAddress: '203.0.113.45',
        userAgent: 'curl/8.5.0',
        deviceFingerprint: null,
        active: true,
        securityLevel: 'standard',
      },
    ],
  },
  lockouts: {
    available: false,
    reason: 'GET …/emergency/lockouts: capability not deployed on this server',
  },
};

function renderPane() {
  const bridge = createFakeBridge({
    'controls:overview': () => ok(OVERVIEW),
    'controls:list-actions': () => ok([]),
    'controls:platform-state': () => ok(STATE),
  });
  renderWithApp(<ControlsPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

async function readPlatform() {
  const user = userEvent.setup();
  const bridge = renderPane();
  const section = await screen.findByTestId('controls-platform-state');
  expect(section).toHaveTextContent('Not read yet');
  await user.click(
    within(section).getByRole('button', { name: 'Read from platform' }),
  );
  await within(section).findByTestId('platform-allowlist-row');
  return { user, bridge, section };
}

describe('on the platform now', () => {
  it('reads only when asked, and shows each list or why not', async () => {
    const { bridge, section } = await readPlatform();

    const reads = bridge.calls.filter(
      (call) => call.channel === 'controls:platform-state',
    );
    expect(reads.map((call) => call.input)).toEqual([
      { incidentId: INCIDENT_ID },
    ]);
    const entry = within(section).getByTestId('platform-allowlist-row');
    expect(entry).toHaveTextContent('198.51.100.10/32');
    expect(entry).toHaveTextContent('Responder VPN');
    expect(entry).toHaveTextContent('2025-01-22 10:31:00Z');
    const session = within(section).getByTestId('platform-session-row');
    expect(session).toHaveTextContent('org:super_admin');
    expect(session).toHaveTextContent('203.0.113.45');
    expect(session).toHaveTextContent('curl/8.5.0');
    expect(within(section).getByTestId('platform-lockouts')).toHaveTextContent(
      'Not available: GET …/emergency/lockouts: capability not deployed',
    );
    expect(within(section).getByTestId('platform-read-at')).toHaveTextContent(
      'Read 2025-01-20 10:41:03Z',
    );
  });

  it('offers a row action only where the overview says it is available', async () => {
    const { section } = await readPlatform();

    expect(
      within(section).getByRole('button', { name: /^Revoke session of/ }),
    ).toBeEnabled();
    expect(
      within(section).queryByRole('button', { name: /^Lift/ }),
    ).not.toBeInTheDocument();
  });

  it('Remove… opens the guarded dialog with the entry filled in', async () => {
    const { user, section } = await readPlatform();

    await user.click(
      within(section).getByRole('button', {
        name: 'Remove allowlist entry 198.51.100.10/32…',
      }),
    );

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Action: remove allowed address');
    expect(within(dialog).getByLabelText('Entry id')).toHaveValue(ENTRY_ID);
    expect(
      within(dialog).getByLabelText('Its address or range (for the record)'),
    ).toHaveValue('198.51.100.10/32');
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Not ours');
    const queue = within(dialog).getByRole('button', { name: 'Queue action' });
    expect(queue).toBeDisabled();
    await user.type(
      within(dialog).getByLabelText(/to confirm/),
      'remove allowed address',
    );
    expect(queue).toBeEnabled();
  });
});
