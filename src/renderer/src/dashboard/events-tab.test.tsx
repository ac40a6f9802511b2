import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardSnapshot } from '../../../shared/admin-api-types';
import { EVENT_BLOCK_SIZE } from '../data/admin-queries';
import { resetUiStore, useUiStore } from '../state/ui-store';
import {
  MINUTE,
  msAgo,
  sampleEvent,
  sampleSnapshot,
  sampleStatus,
} from '../test-support/sample-admin';
import { sampleEvidence } from '../test-support/sample-evidence';
import { INCIDENT_ID, sampleEntry } from '../test-support/sample-data';
import { EVENT_ROW_HEIGHT } from './events-table';
import {
  inputsOf,
  ok,
  renderDashboard,
  type DashboardSetup,
} from './dashboard-test-kit';

/**
 * happy-dom lays nothing out, and the virtualizer renders rows only into
 * a scroll area with a height: give the events' one ten rows' worth.
 */
const clientHeight = Object.getOwnPropertyDescriptor(
  HTMLElement.prototype,
  'clientHeight',
);
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'events-scroll' ? 320 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  }
});

beforeEach(() => {
  resetUiStore();
  useUiStore.setState({ dashboardTab: 'events' });
});

function withGap(): DashboardSnapshot {
  const snapshot = sampleSnapshot(msAgo(MINUTE));
  return {
    ...snapshot,
    events: {
      ...snapshot.events,
      possibleGap: true,
      lastGap: {
        start: '2025-01-20T09:12:00.000000Z',
        end: '2025-01-20T10:05:30.000000Z',
        foundAt: msAgo(MINUTE),
      },
    },
  };
}

function renderEvents(setup: DashboardSetup = {}) {
  return renderDashboard({
    ...setup,
    handlers: {
      'dashboard:pin': () => ok(sampleEntry()),
      ...setup.handlers,
    },
  });
}

describe('the events table', () => {
  it('lists the cached events with their time, severity, type, user and IP', async () => {
    renderEvents();

    const rows = await screen.findAllByTestId('event-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('2025-01-20 10:33:58Z');
    expect(rows[1]).toHaveTextContent('Medium');
    expect(rows[1]).toHaveTextContent('failed_login_attempt');
    expect(rows[1]).toHaveTextContent('ops@example.com');
    expect(rows[1]).toHaveTextContent('203.0.113.7');
    expect(screen.getByTestId('event-count')).toHaveTextContent(
      '2 events cached',
    );
  });

  it('asks for one page at first and no more than the rows in view', async () => {
    const { bridge } = renderEvents({
      events: {
        total: 5_000,
        rows: Array.from({ length: EVENT_BLOCK_SIZE }, (_, index) =>
          sampleEvent({ id: `e${index}` }),
        ),
      },
    });

    await screen.findAllByTestId('event-row');
    expect(screen.getByTestId('event-count')).toHaveTextContent(
      '5,000 events cached',
    );
    expect(screen.getAllByTestId('event-row').length).toBeLessThan(
      EVENT_BLOCK_SIZE,
    );
    // Block 0 holds the first hundred rows; nothing further is read.
    for (const input of inputsOf(bridge, 'dashboard:events')) {
      expect(input).toEqual({ offset: 0, limit: EVENT_BLOCK_SIZE });
    }
  });

  it('reads the page under the rows scrolled to, and only that', async () => {
    const { bridge } = renderEvents({
      handlers: {
        'dashboard:events': ({ offset, limit }) =>
          ok({
            total: 5_000,
            rows: Array.from({ length: limit }, (_, index) =>
              sampleEvent({
                id: `e${offset + index}`,
                description: `event ${offset + index}`,
              }),
            ),
          }),
      },
    });
    const scroll = await screen.findByTestId('events-scroll');
    await screen.findAllByTestId('event-row');

    scroll.scrollTop = 450 * EVENT_ROW_HEIGHT;
    fireEvent.scroll(scroll);

    await waitFor(() =>
      expect(screen.getByText('event 450')).toBeInTheDocument(),
    );
    const offsets = inputsOf(bridge, 'dashboard:events').map(
      (input) => (input as { offset: number }).offset,
    );
    expect(new Set(offsets)).toEqual(new Set([0, 400]));
  });

  it('turns the filters into the query, leaving empty ones out', async () => {
    const user = userEvent.setup();
    const { bridge } = renderEvents();
    await screen.findAllByTestId('event-row');

    await user.type(screen.getByLabelText('Type'), 'failed_login');
    await user.selectOptions(screen.getByLabelText('Severity'), 'High');
    await user.type(screen.getByLabelText('IP address'), ' 203.0.113.7 ');

    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:events').at(-1)).toEqual({
        offset: 0,
        limit: EVENT_BLOCK_SIZE,
        eventType: 'failed_login',
        severity: 'high',
        ip: '203.0.113.7',
      }),
    );
    await user.type(screen.getByLabelText('User'), 'ops@example.com');
    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:events').at(-1)).toMatchObject({
        user: 'ops@example.com',
      }),
    );
    expect(screen.getByTestId('event-count')).toHaveTextContent(
      '2 events match',
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:events').at(-1)).toEqual({
        offset: 0,
        limit: EVENT_BLOCK_SIZE,
      }),
    );
  });

  it('pins an event to the open incident’s timeline', async () => {
    const user = userEvent.setup();
    const { bridge } = renderEvents({ withIncident: true });

    const row = (await screen.findAllByTestId('event-row'))[1];
    const pin = within(row).getByRole('button', {
      name: 'Pin to timeline: failed_login_attempt at 2025-01-20 10:33:58Z',
    });
    await waitFor(() => expect(pin).toBeEnabled());
    await user.click(pin);

    expect(inputsOf(bridge, 'dashboard:pin')).toEqual([
      { incidentId: INCIDENT_ID, source: 'event', id: 'e2' },
    ]);
    await waitFor(() =>
      expect(within(row).getByTestId('pinned')).toBeInTheDocument(),
    );
  });
});

describe('when events may be missing', () => {
  it('says so plainly, with the window', async () => {
    renderEvents({ snapshot: withGap() });

    const notice = await screen.findByTestId('gap-notice');
    expect(notice).toHaveTextContent('Events may be missing.');
    expect(notice).toHaveTextContent(
      'at most its 200 newest events and cannot be asked for older ones',
    );
    expect(notice).toHaveTextContent(
      'between 2025-01-20 09:12:00Z and 2025-01-20 10:05:30Z',
    );
  });

  it('says nothing when the last pull overlapped what was cached', async () => {
    renderEvents();
    await screen.findAllByTestId('event-row');
    expect(screen.queryByTestId('gap-notice')).toBeNull();
  });

  it('pulls the audit log for the gap and shows the evidence kept', async () => {
    const user = userEvent.setup();
    const item = sampleEvidence({ name: 'audit-log-2025-01-20.json' });
    const { bridge } = renderEvents({
      snapshot: withGap(),
      withIncident: true,
      handlers: { 'admin:audit-pull': () => ok(item) },
    });

    await user.click(
      await screen.findByRole('button', {
        name: 'Pull the audit log for a window…',
      }),
    );
    const form = screen.getByTestId('audit-pull-form');
    expect(within(form).getByLabelText('From')).toHaveValue('2025-01-20T09:12');
    expect(within(form).getByLabelText('To')).toHaveValue(
      '2025-01-20T10:05:30',
    );
    expect(within(form).getByLabelText('To: zone')).toHaveValue('Z');
    const submit = within(form).getByRole('button', {
      name: 'Pull and keep as evidence',
    });
    await waitFor(() => expect(submit).toBeEnabled());
    await user.click(submit);

    expect(inputsOf(bridge, 'admin:audit-pull')).toEqual([
      {
        incidentId: INCIDENT_ID,
        start: '2025-01-20T09:12:00Z',
        end: '2025-01-20T10:05:30Z',
      },
    ]);
    const result = await screen.findByTestId('audit-pull-result');
    expect(result).toHaveTextContent(
      `Kept as evidence: audit-log-2025-01-20.json · SHA-256 ${'ab'.repeat(32)}`,
    );
  });

  it('needs an open incident to keep the pulled log', async () => {
    const user = userEvent.setup();
    renderEvents({ snapshot: withGap() });

    await user.click(
      await screen.findByRole('button', {
        name: 'Pull the audit log for a window…',
      }),
    );

    const form = screen.getByTestId('audit-pull-form');
    expect(
      within(form).getByRole('button', { name: 'Pull and keep as evidence' }),
    ).toBeDisabled();
    expect(form).toHaveTextContent(
      'Open an incident first: the pulled log is kept as its evidence.',
    );
  });

  it('does not offer a pull the platform cannot answer', async () => {
    const user = userEvent.setup();
    renderEvents({
      snapshot: withGap(),
      withIncident: true,
      status: sampleStatus({
        capabilities: [
          {
            capability: 'audit-logs',
            available: false,
            route: null,
            reason: 'not deployed on this server',
          },
        ],
      }),
    });

    await user.click(
      await screen.findByRole('button', {
        name: 'Pull the audit log for a window…',
      }),
    );

    const form = screen.getByTestId('audit-pull-form');
    expect(
      within(form).getByRole('button', { name: 'Pull and keep as evidence' }),
    ).toBeDisabled();
    expect(form).toHaveTextContent(
      'The platform does not offer its audit log: not deployed on this server',
    );
  });
});
