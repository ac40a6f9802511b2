import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUiStore, useUiStore } from '../state/ui-store';
import { sampleAnalysis } from '../test-support/sample-admin';
import { chartSummary, labelledIndexes, niceCeiling } from './attempts-chart';
import { inputsOf, ok, renderDashboard } from './dashboard-test-kit';

beforeEach(() => {
  resetUiStore();
  useUiStore.setState({ dashboardTab: 'failed-logins' });
});

describe('the failed-login analysis', () => {
  it('flags both attack patterns with the thresholds that define them', async () => {
    renderDashboard();

    const stuffing = await screen.findByTestId('pattern-credential-stuffing');
    expect(stuffing).toHaveTextContent(
      'Credential stuffing · flagged at one IP address failing against 6 or more users',
    );
    expect(within(stuffing).getByTestId('flag')).toHaveTextContent(
      '203.0.113.7: 8 users (threshold 6)',
    );
    const distributed = screen.getByTestId('pattern-distributed-attack');
    expect(distributed).toHaveTextContent(
      'one user failing from 6 or more IP addresses',
    );
    expect(within(distributed).getByTestId('flag')).toHaveTextContent(
      'ops@example.com: 7 IP addresses (threshold 6)',
    );
    expect(screen.getByTestId('failed-total')).toHaveTextContent(
      '31 failed logins',
    );
  });

  it('says when neither pattern was seen', async () => {
    renderDashboard({
      handlers: {
        'dashboard:failed-logins': () => ok(sampleAnalysis({ flags: [] })),
      },
    });

    const stuffing = await screen.findByTestId('pattern-credential-stuffing');
    expect(stuffing).toHaveTextContent('Not seen in this window.');
    expect(stuffing.className).not.toContain('is-flagged');
  });

  it('counts by IP and by user, marking rows over a threshold', async () => {
    renderDashboard();

    const byIp = await screen.findByTestId('failed-by-ip');
    const ipRows = within(byIp).getAllByRole('row').slice(1);
    expect(ipRows.map((row) => row.textContent)).toEqual([
      '⚠ 203.0.113.7248',
      '198.51.100.2371',
    ]);
    expect(ipRows[0].className).toBe('is-flagged');
    expect(ipRows[1].className).toBe('');
    const byUser = screen.getByTestId('failed-by-user');
    expect(within(byUser).getAllByRole('row')[1]).toHaveTextContent(
      'ops@example.com97',
    );
  });

  it('draws attempts per hour, with a summary and the numbers as a table', async () => {
    renderDashboard();

    const chart = await screen.findByTestId('attempts-chart');
    expect(within(chart).getByRole('img')).toHaveAccessibleName(
      '31 failed logins in 3 hours; most in the hour from 01-20 10:00 (27)',
    );
    expect(chart.querySelectorAll('rect.chart-bar')).toHaveLength(3);
    const heights = [...chart.querySelectorAll('rect.chart-bar')].map((bar) =>
      Number(bar.getAttribute('height')),
    );
    expect(heights[0]).toBe(0);
    expect(heights[2]).toBeGreaterThan(heights[1]);
    expect(within(chart).queryByRole('table')).toBeNull();
    await userEvent
      .setup()
      .click(within(chart).getByText('Attempts per hour as a table'));
    const table = await within(chart).findByRole('table');
    expect(within(table).getAllByRole('row')[3]).toHaveTextContent(
      '2025-01-20 10:00:00Z27',
    );
  });

  it('asks for the chosen window', async () => {
    const user = userEvent.setup();
    const { bridge } = renderDashboard();
    await screen.findByTestId('attack-patterns');

    await user.selectOptions(screen.getByLabelText('Window'), 'Last 7 days');

    await waitFor(() =>
      expect(inputsOf(bridge, 'dashboard:failed-logins').at(-1)).toEqual({
        windowHours: 168,
      }),
    );
    expect(inputsOf(bridge, 'dashboard:failed-logins')[0]).toEqual({
      windowHours: 24,
    });
  });
});

describe('chart scale', () => {
  it.each([
    [0, 5],
    [5, 5],
    [6, 10],
    [27, 50],
    [101, 200],
    [2_000, 2_000],
  ])('a peak of %i gets an axis top of %i', (peak, top) => {
    expect(niceCeiling(peak)).toBe(top);
  });

  it('labels at most eight hours, evenly', () => {
    expect(labelledIndexes(24)).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
    expect(labelledIndexes(3)).toEqual([0, 1, 2]);
    expect(labelledIndexes(0)).toEqual([]);
  });

  it('summarises an empty window as such', () => {
    const hours = [{ hourStart: '2025-01-20T08:00:00.000000Z', attempts: 0 }];
    expect(chartSummary(hours, 'utc')).toBe('No failed logins in 1 hour');
  });
});
