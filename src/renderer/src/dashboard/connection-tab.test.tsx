import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AdminStatus } from '../../../shared/admin-api-types';
import { resetUiStore, useUiStore } from '../state/ui-store';
import { sampleStatus } from '../test-support/sample-admin';
import { INCIDENT_ID, sampleEntry } from '../test-support/sample-data';
import { configureInput } from './connection-settings';
import { inputsOf, ok, renderDashboard } from './dashboard-test-kit';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-value';

const UNCONFIGURED = sampleStatus({
  connection: 'not-configured',
  baseUrl: null,
  tokenSource: 'none',
  lastSuccessAt: null,
  capabilities: [],
  capabilitiesCheckedAt: null,
});

beforeEach(() => resetUiStore());

/** Main keeps the token and answers with where it came from, never it. */
function configureAnswer(input: { baseUrl: string }): AdminStatus {
  return sampleStatus({ baseUrl: input.baseUrl, tokenSource: 'session' });
}

describe('connecting to the platform', () => {
  it('asks for the address and a token when nothing is configured', async () => {
    const user = userEvent.setup();
    const { bridge, container } = renderDashboard({
      status: UNCONFIGURED,
      snapshot: {
        alerts: null,
        health: null,
        metrics: null,
        events: {
          cached: 0,
          newestAt: null,
          lastPullAt: null,
          possibleGap: false,
        },
      },
      handlers: { 'admin:configure': (input) => ok(configureAnswer(input)) },
    });

    expect(await screen.findByTestId('not-configured')).toHaveTextContent(
      'The admin API is not configured.',
    );
    const token = screen.getByLabelText('Admin token');
    expect(token).toHaveAttribute('type', 'password');
    await user.type(
      screen.getByLabelText('Platform address'),
      'https://admin.example.com',
    );
    await user.type(token, TOKEN);
    await user.clear(screen.getByLabelText('Requests per minute'));
    await user.type(screen.getByLabelText('Requests per minute'), '12');
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));

    expect(inputsOf(bridge, 'admin:configure')).toEqual([
      {
        baseUrl: 'https://admin.example.com',
        token: TOKEN,
        pollBudgetPerMinute: 12,
      },
    ]);
    // Once sent, the token is nowhere on the page.
    await waitFor(() =>
      expect(screen.queryByTestId('not-configured')).toBeNull(),
    );
    expect(container.innerHTML).not.toContain(TOKEN);
    expect(container.innerHTML).not.toContain('secret-token');
  });

  it('empties the token field once saved and keeps the token unshown', async () => {
    const user = userEvent.setup();
    useUiStore.setState({ dashboardTab: 'connection' });
    const { container } = renderDashboard({
      handlers: { 'admin:configure': (input) => ok(configureAnswer(input)) },
    });

    const token = await screen.findByLabelText('Admin token');
    await user.type(token, TOKEN);
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));

    await waitFor(() => expect(token).toHaveValue(''));
    expect(
      within(screen.getByTestId('connection-settings')).getByRole('status'),
    ).toHaveTextContent('Saved. The admin API is online.');
    expect(container.innerHTML).not.toContain(TOKEN);
  });

  it('says where the token comes from without showing it', async () => {
    useUiStore.setState({ dashboardTab: 'connection' });
    renderDashboard({ status: sampleStatus({ tokenSource: 'environment' }) });

    const token = await screen.findByLabelText('Admin token');
    expect(token).toHaveValue('');
    expect(token).toHaveAttribute('placeholder', 'unchanged');
    expect(token).toHaveAccessibleDescription(
      expect.stringContaining('A token is set in War Room’s environment.'),
    );
    expect(screen.getByLabelText('Platform address')).toHaveValue(
      'https://admin.example.com',
    );
  });

  it('sends no token when the field is left empty', async () => {
    const user = userEvent.setup();
    useUiStore.setState({ dashboardTab: 'connection' });
    const { bridge } = renderDashboard({
      handlers: { 'admin:configure': (input) => ok(configureAnswer(input)) },
    });

    await user.click(
      await screen.findByRole('button', { name: 'Save and connect' }),
    );

    expect(inputsOf(bridge, 'admin:configure')).toEqual([
      { baseUrl: 'https://admin.example.com', pollBudgetPerMinute: 20 },
    ]);
  });

  it('shows the reason main refuses the settings', async () => {
    const user = userEvent.setup();
    useUiStore.setState({ dashboardTab: 'connection' });
    renderDashboard({
      handlers: {
        'admin:configure': () => ({
          ok: false,
          error: {
            kind: 'invalid-input',
            message:
              'baseUrl: must be an http(s) URL without a user name or password',
          },
        }),
      },
    });

    await user.click(
      await screen.findByRole('button', { name: 'Save and connect' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: baseUrl: must be an http(s) URL',
    );
  });
});

describe('configureInput', () => {
  const draft = {
    baseUrl: ' https://admin.example.com ',
    token: '',
    budget: '20',
  };

  it('needs a token when none is kept', () => {
    expect(configureInput(draft, 'none')).toBe(
      'Enter a token: the platform refuses requests without one.',
    );
    expect(configureInput(draft, 'keychain')).toEqual({
      baseUrl: 'https://admin.example.com',
      pollBudgetPerMinute: 20,
    });
  });

  it.each(['0', '601', '2.5', ''])(
    'refuses %j requests per minute',
    (budget) => {
      expect(configureInput({ ...draft, budget }, 'keychain')).toBe(
        'Requests per minute must be a whole number from 1 to 600.',
      );
    },
  );

  it('needs an address', () => {
    expect(configureInput({ ...draft, baseUrl: ' ' }, 'keychain')).toBe(
      'Enter the platform’s address.',
    );
  });
});

describe('the capability map', () => {
  beforeEach(() => useUiStore.setState({ dashboardTab: 'connection' }));

  it('shows each capability as available or not, with its reason', async () => {
    renderDashboard();

    const rows = await screen.findAllByTestId('capability-row');
    const sessions = rows.find(
      (row) => row.dataset.capability === 'sessions-list',
    )!;
    expect(sessions).toHaveTextContent(
      'List admin sessions✗ Unavailable—not deployed on this server (404)',
    );
    const alerts = rows.find((row) => row.dataset.capability === 'alerts')!;
    expect(alerts).toHaveTextContent(
      'Security alerts✓ AvailableGET /api/admin/security/alerts',
    );
    expect(
      within(screen.getByTestId('capability-map')).getByTestId('fetched-age'),
    ).toHaveTextContent('checked 30 min ago');
  });

  it('discovers again on request and shows what it found', async () => {
    const user = userEvent.setup();
    const { bridge } = renderDashboard({
      handlers: {
        'admin:discover': () =>
          ok(
            sampleStatus({
              capabilities: [
                {
                  capability: 'alerts',
                  available: false,
                  route: null,
                  reason: 'answered 404: not deployed on this server',
                },
              ],
            }),
          ),
      },
    });

    await user.click(
      await screen.findByRole('button', { name: 'Discover again' }),
    );

    expect(inputsOf(bridge, 'admin:discover')).toEqual([{}]);
    await waitFor(() =>
      expect(screen.getAllByTestId('capability-row')).toHaveLength(1),
    );
    expect(screen.getByTestId('capability-row')).toHaveTextContent(
      'answered 404: not deployed on this server',
    );
  });

  it('lists recent connection changes, each one pinnable', async () => {
    const user = userEvent.setup();
    const { bridge } = renderDashboard({
      withIncident: true,
      status: sampleStatus({
        recentTransitions: [
          {
            id: 'T1',
            from: 'online',
            to: 'offline',
            at: '2026-12-03T16:40:00.000000Z',
            reason: 'connection refused',
            notable: true,
          },
        ],
      }),
      handlers: { 'admin:pin-transition': () => ok(sampleEntry()) },
    });

    const row = await screen.findByTestId('transition-row');
    expect(row).toHaveTextContent(
      '2026-12-03 16:40:00Zonline → offlineconnection refused',
    );
    const add = within(row).getByRole('button', { name: 'Add to timeline' });
    await waitFor(() => expect(add).toBeEnabled());
    await user.click(add);

    expect(inputsOf(bridge, 'admin:pin-transition')).toEqual([
      { incidentId: INCIDENT_ID, transitionId: 'T1' },
    ]);
    expect(await within(row).findByText('✓ On the timeline')).toBeVisible();
  });
});
