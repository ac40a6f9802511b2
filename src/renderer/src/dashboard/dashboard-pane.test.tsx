import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUiStore, useUiStore } from '../state/ui-store';
import {
  MINUTE,
  msAgo,
  sampleAlert,
  sampleCapability,
  sampleSnapshot,
  sampleStatus,
} from '../test-support/sample-admin';
import { INCIDENT_ID, sampleEntry } from '../test-support/sample-data';
import { inputsOf, ok, renderDashboard } from './dashboard-test-kit';

beforeEach(() => resetUiStore());

const FOURTEEN_MIN = 14 * MINUTE + 5_000;

describe('the age of what is shown', () => {
  it('gives every part its age while the platform answers', async () => {
    renderDashboard({ snapshot: sampleSnapshot(msAgo(3 * MINUTE)) });

    for (const section of ['alerts', 'health', 'metrics']) {
      const part = await screen.findByTestId(`${section}-section`);
      expect(within(part).getByTestId('fetched-age')).toHaveTextContent(
        /^fetched 3 min ago$/,
      );
    }
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('marks everything as the last known state with its age when offline', async () => {
    renderDashboard({
      status: sampleStatus({
        connection: 'offline',
        lastSuccessAt: msAgo(FOURTEEN_MIN),
        lastError: 'alerts: connection refused',
      }),
      snapshot: sampleSnapshot(msAgo(FOURTEEN_MIN)),
    });

    const banner = await screen.findByTestId('connection-banner');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveTextContent(
      'Offline: the platform is not answering (alerts: connection refused).',
    );
    expect(banner).toHaveTextContent('It last answered 14 min ago');
    expect(banner).toHaveTextContent('the last known state, not live');
    const ages = await screen.findAllByTestId('fetched-age');
    expect(ages).toHaveLength(3);
    for (const age of ages) {
      expect(age).toHaveTextContent(
        'Last known state, not live · fetched 14 min ago',
      );
      expect(age.className).toContain('is-stale');
    }
    expect(screen.getByTestId('dashboard-connection')).toHaveTextContent(
      'offline · last contact 14 min ago',
    );
  });

  it('says what is wrong when degraded but keeps the data live', async () => {
    renderDashboard({
      status: sampleStatus({
        connection: 'degraded',
        lastError: 'metrics: 500 Internal Server Error',
      }),
    });

    const banner = await screen.findByTestId('connection-banner');
    expect(banner).toHaveTextContent(
      'Degraded (metrics: 500 Internal Server Error).',
    );
    const ages = await screen.findAllByTestId('fetched-age');
    expect(ages[0].className).not.toContain('is-stale');
  });
});

describe('alerts', () => {
  const alerts = [
    sampleAlert(),
    sampleAlert({
      id: 'expired_sessions',
      title: 'Expired sessions',
      severity: 'info',
      message: '14 expired sessions should be cleaned up',
    }),
    sampleAlert({
      id: 'high_failed_logins',
      title: 'High failed login attempts',
      message: '47 failed login attempts in the last hour',
      actionRequired: true,
    }),
    sampleAlert({
      id: 'active_lockouts',
      title: 'Active lockouts',
      severity: 'error',
      message: '1 admin accounts are currently locked',
      actionRequired: true,
    }),
  ];

  function renderAlerts(withIncident: boolean) {
    return renderDashboard({
      withIncident,
      snapshot: sampleSnapshot(msAgo(MINUTE), {
        alerts: { value: alerts, fetchedAt: msAgo(MINUTE) },
      }),
      handlers: { 'dashboard:pin': () => ok(sampleEntry()) },
    });
  }

  it('lists action-required first, then by severity, with severity and evaluation time', async () => {
    renderAlerts(false);

    const rows = await screen.findAllByTestId('alert-row');
    expect(rows.map((row) => row.dataset.alertId)).toEqual([
      'active_lockouts',
      'high_failed_logins',
      'low_2fa_adoption',
      'expired_sessions',
    ]);
    expect(rows[0]).toHaveTextContent('Error');
    expect(rows[0]).toHaveTextContent('Action required');
    expect(rows[0].className).toContain('alert-error');
    expect(rows[2]).not.toHaveTextContent('Action required');
    expect(rows[3].className).toContain('alert-info');
    expect(rows[3]).toHaveTextContent('evaluated 2025-01-20 10:40:00Z');
  });

  it('pins an alert to the open incident’s timeline once', async () => {
    const user = userEvent.setup();
    const { bridge } = renderAlerts(true);

    const pin = await screen.findByRole('button', {
      name: 'Pin to timeline: Active lockouts',
    });
    await waitFor(() => expect(pin).toBeEnabled());
    await user.click(pin);

    expect(inputsOf(bridge, 'dashboard:pin')).toEqual([
      { incidentId: INCIDENT_ID, source: 'alert', id: 'active_lockouts' },
    ]);
    const row = screen.getAllByTestId('alert-row')[0];
    await waitFor(() =>
      expect(within(row).getByTestId('pinned')).toHaveTextContent('✓ Pinned'),
    );
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('offers an alert again once its numbers change', async () => {
    const user = userEvent.setup();
    let current = alerts;
    renderDashboard({
      withIncident: true,
      handlers: {
        'dashboard:snapshot': () =>
          ok(
            sampleSnapshot(msAgo(MINUTE), {
              alerts: { value: current, fetchedAt: msAgo(MINUTE) },
            }),
          ),
        'dashboard:pin': () => ok(sampleEntry()),
        'admin:sync-now': () => ok(sampleStatus()),
      },
    });
    const name = 'Pin to timeline: Active lockouts';
    const pin = await screen.findByRole('button', { name });
    await waitFor(() => expect(pin).toBeEnabled());
    await user.click(pin);
    await screen.findByTestId('pinned');

    current = alerts.map((alert) =>
      alert.id === 'active_lockouts'
        ? { ...alert, message: '2 admin accounts are currently locked' }
        : alert,
    );
    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(await screen.findByRole('button', { name })).toBeEnabled();
  });

  it('cannot pin without an open incident, and says so', async () => {
    renderAlerts(false);

    const pin = await screen.findByRole('button', {
      name: 'Pin to timeline: Active lockouts',
    });
    expect(pin).toBeDisabled();
    expect(pin).toHaveAttribute(
      'title',
      'Open an incident first: pins go to its timeline',
    );
  });

  it('says a refused pin was not pinned', async () => {
    const user = userEvent.setup();
    renderDashboard({
      withIncident: true,
      handlers: {
        'dashboard:pin': () => ({
          ok: false,
          error: { kind: 'not-found', message: 'no cached alert low_2fa' },
        }),
      },
    });

    const pin = await screen.findByRole('button', {
      name: 'Pin to timeline: Low 2FA Adoption Rate',
    });
    await waitFor(() => expect(pin).toBeEnabled());
    await user.click(pin);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not pinned: no cached alert low_2fa',
    );
  });
});

describe('health and metrics', () => {
  it('shows each component with its status and count', async () => {
    renderDashboard();

    const components = await screen.findAllByTestId('health-component');
    expect(components.map((row) => row.textContent)).toEqual([
      'Clerk integration✓ healthy—',
      'Session management⚠ unhealthy—',
      'IP allowlist✓ healthy3',
    ]);
    expect(screen.getByTestId('health-overall')).toHaveTextContent(
      'Overall: ⚠ degraded',
    );
  });

  it('shows all eight metrics', async () => {
    renderDashboard();

    const tiles = await screen.findAllByTestId('metric-tile');
    expect(tiles.map((tile) => tile.textContent)).toEqual([
      'Active admin sessions3',
      'Failed logins, 24 h47',
      'Active allowlist entries2',
      'Admins with 2FA6',
      'Security violations, 24 h2',
      'Locked admin accounts1',
      'Rate-limit violations, 24 h5',
      'CORS violations, 24 h0',
    ]);
  });

  it('names why a part the platform does not offer is empty', async () => {
    renderDashboard({
      status: sampleStatus({
        capabilities: [
          sampleCapability({
            capability: 'metrics',
            available: false,
            route: null,
            reason: 'not deployed on this server',
          }),
        ],
      }),
      snapshot: sampleSnapshot(msAgo(MINUTE), { metrics: null }),
    });

    const metrics = await screen.findByTestId('metrics-section');
    expect(within(metrics).getByTestId('unavailable')).toHaveTextContent(
      'Not available: not deployed on this server',
    );
    expect(within(metrics).getByTestId('fetched-age')).toHaveTextContent(
      'never fetched',
    );
  });
});

describe('syncing', () => {
  it('pulls now, says how it went and reads the dashboard again', async () => {
    const user = userEvent.setup();
    const { bridge } = renderDashboard({
      handlers: {
        'admin:sync-now': () => ok(sampleStatus({ connection: 'degraded' })),
      },
    });
    await screen.findAllByTestId('alert-row');
    const reads = inputsOf(bridge, 'dashboard:snapshot').length;

    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(await screen.findByTestId('sync-result')).toHaveTextContent(
      'Synced: degraded',
    );
    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:snapshot').length).toBe(reads + 1),
    );
    expect(screen.getByTestId('dashboard-connection')).toHaveTextContent(
      'degraded',
    );
  });

  it('refreshes the dashboard when main says a pull stored new data', async () => {
    const { bridge } = renderDashboard();
    await screen.findAllByTestId('alert-row');
    const reads = inputsOf(bridge, 'dashboard:snapshot').length;

    bridge.emit('dashboard:updated', { parts: ['alerts'] });

    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:snapshot').length).toBe(reads + 1),
    );
  });
});

describe('tabs', () => {
  it('moves between views with the arrow keys and remembers the choice', async () => {
    const user = userEvent.setup();
    renderDashboard();
    const overview = await screen.findByRole('tab', { name: 'Overview' });

    overview.focus();
    await user.keyboard('{ArrowRight}');

    const events = screen.getByRole('tab', { name: 'Events' });
    expect(events).toHaveAttribute('aria-selected', 'true');
    expect(events).toHaveFocus();
    expect(useUiStore.getState().dashboardTab).toBe('events');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(useUiStore.getState().dashboardTab).toBe('connection');
  });
});
