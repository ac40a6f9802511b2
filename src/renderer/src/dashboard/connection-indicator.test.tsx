import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUiStore, useUiStore } from '../state/ui-store';
import { MINUTE, msAgo, sampleStatus } from '../test-support/sample-admin';
import { INCIDENT_ID } from '../test-support/sample-data';
import { ConnectionIndicator } from './connection-indicator';
import { inputsOf, ok, renderDashboard } from './dashboard-test-kit';
import { TransitionOfferBar } from './transition-offer-bar';

beforeEach(() => resetUiStore());

function renderIndicator(status = sampleStatus()) {
  return renderDashboard({ status }, <ConnectionIndicator />);
}

describe('the connection state in the header', () => {
  it('says online with the age of the last successful contact', async () => {
    renderIndicator(sampleStatus({ lastSuccessAt: msAgo(3 * MINUTE) }));

    const state = screen.getByTestId('admin-api-state');
    await waitFor(() =>
      expect(state).toHaveTextContent('Admin API: online · 3 min ago'),
    );
    expect(state.className).toContain('connection-online');
  });

  it('says plainly when nothing is configured, with no age', async () => {
    renderIndicator(
      sampleStatus({
        connection: 'not-configured',
        baseUrl: null,
        tokenSource: 'none',
        lastSuccessAt: null,
      }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('admin-api-state')).toHaveTextContent(
        /^Admin API: not configured$/,
      ),
    );
  });

  it('says offline with when the platform last answered, and why', async () => {
    renderIndicator(
      sampleStatus({
        connection: 'offline',
        lastSuccessAt: msAgo(14 * MINUTE + 5_000),
        lastError: 'alerts: connection refused',
      }),
    );

    const state = screen.getByTestId('admin-api-state');
    await waitFor(() =>
      expect(state).toHaveTextContent(
        'Admin API: offline · last contact 14 min ago',
      ),
    );
    expect(state).toHaveAttribute(
      'title',
      expect.stringContaining('alerts: connection refused'),
    );
  });

  it('follows the state main pushes', async () => {
    const { bridge } = renderIndicator();
    const state = screen.getByTestId('admin-api-state');
    await waitFor(() => expect(state).toHaveTextContent('online'));

    act(() =>
      bridge.emit(
        'admin:status-changed',
        sampleStatus({ connection: 'unauthorised', lastError: '401' }),
      ),
    );

    await waitFor(() =>
      expect(state).toHaveTextContent(
        /^Admin API: unauthorised · last contact \d+ s ago$/,
      ),
    );
  });

  it('opens the security dashboard', async () => {
    const user = userEvent.setup();
    renderIndicator();

    await user.click(screen.getByTestId('admin-api-state'));

    expect(useUiStore.getState().pane).toBe('dashboard');
  });

  it('says the state is unknown when main cannot tell it', async () => {
    renderDashboard(
      {
        handlers: {
          'admin:status': () => ({
            ok: false,
            error: { kind: 'internal', message: 'not ready' },
          }),
        },
      },
      <ConnectionIndicator />,
    );

    const state = screen.getByTestId('admin-api-state');
    await waitFor(() =>
      expect(state).toHaveAttribute(
        'title',
        expect.stringContaining('not ready'),
      ),
    );
    expect(state).toHaveTextContent('Admin API: unknown');
  });
});

describe('offering a connection change for the timeline', () => {
  const wentOffline = {
    id: 'T1',
    from: 'online' as const,
    to: 'offline' as const,
    at: '2026-12-03T16:40:00.000000Z',
    reason: 'connection refused',
    notable: true,
  };

  function renderOffer() {
    return renderDashboard(
      {
        withIncident: true,
        status: sampleStatus({
          connection: 'offline',
          recentTransitions: [wentOffline],
        }),
        handlers: {
          'admin:pin-transition': () =>
            ok({} as never) /* the entry is not read */,
        },
      },
      <TransitionOfferBar incidentId={INCIDENT_ID} />,
    );
  }

  it('adds the change to the open incident’s timeline in one click', async () => {
    const user = userEvent.setup();
    const { bridge } = renderOffer();

    const offer = await screen.findByTestId('transition-offer');
    expect(offer).toHaveTextContent(
      'The admin API went offline at 2026-12-03 16:40:00Z: connection refused',
    );
    await user.click(screen.getByRole('button', { name: 'Add to timeline' }));

    expect(inputsOf(bridge, 'admin:pin-transition')).toEqual([
      { incidentId: INCIDENT_ID, transitionId: 'T1' },
    ]);
    await waitFor(() =>
      expect(screen.queryByTestId('transition-offer')).toBeNull(),
    );
  });

  it('goes away when dismissed, without writing anything', async () => {
    const user = userEvent.setup();
    const { bridge } = renderOffer();

    await user.click(await screen.findByRole('button', { name: 'Dismiss' }));

    expect(screen.queryByTestId('transition-offer')).toBeNull();
    expect(inputsOf(bridge, 'admin:pin-transition')).toEqual([]);
  });
});
