import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsOverview } from '../../../shared/metrics-types';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { MetricsPane } from './metrics-pane';
import { durationCells, falsePositiveRows } from './metric-views';

const MINUTE = 60_000_000;

function overview(): MetricsOverview {
  return {
    generatedAt: '2026-12-03T16:00:00.000000Z',
    incidents: 3,
    durations: [
      {
        metric: 'detect',
        count: 2,
        meanMicros: 20 * MINUTE,
        medianMicros: 20 * MINUTE,
        targetMicros: 15 * MINUTE,
        meanMetTarget: false,
        withinTarget: 1,
        missing: [
          {
            incidentId: INCIDENT_ID,
            title: 'Noisy',
            milestones: ['first-seen'],
          },
        ],
      },
    ],
    volume: [
      {
        month: '2026-11',
        total: 3,
        byCategory: { 'data-security': 3 },
        bySeverity: { critical: 1, low: 2 },
      },
    ],
    falsePositives: [
      { month: '2026-11', closed: 3, falsePositives: 1, ratePercent: 33.3 },
    ],
    overdueFollowUps: 1,
  };
}

beforeEach(() => resetUiStore());

describe('MetricsPane', () => {
  it('shows durations against targets, volume, rates and definitions', async () => {
    const bridge = createFakeBridge({
      'metrics:overview': () => ({ ok: true, value: overview() }),
      'review:follow-ups': () => ({ ok: true, value: [] }),
    });
    renderWithApp(<MetricsPane />, bridge);

    const durations = await screen.findByTestId('durations-table');
    const detect = within(durations).getByRole('row', {
      name: /Time to detect/,
    });
    expect(detect).toHaveTextContent('20 min 00 s');
    expect(detect).toHaveTextContent('< 15 min');
    expect(detect).toHaveTextContent('missed');
    expect(screen.getByTestId('volume-chart')).toHaveAttribute(
      'aria-label',
      '3 incidents over 1 month(s)',
    );
    expect(screen.getByText('2026-11: 33.3 % (1 of 3)')).toBeVisible();
    expect(screen.getByTestId('metric-definitions')).toHaveTextContent(
      'First malicious action → Detected',
    );
  });

  it('generates a summary on demand', async () => {
    const user = userEvent.setup();
    const bridge = createFakeBridge({
      'metrics:overview': () => ({ ok: true, value: overview() }),
      'review:follow-ups': () => ({ ok: true, value: [] }),
      'metrics:summary': ({ period }) => ({
        ok: true,
        value: {
          period,
          start: 's',
          end: 'e',
          markdown: `# ${period} summary`,
        },
      }),
    });
    renderWithApp(<MetricsPane />, bridge);

    await user.click(
      await screen.findByRole('button', { name: 'Weekly incident trend' }),
    );

    expect(await screen.findByTestId('summary-markdown')).toHaveTextContent(
      '# weekly summary',
    );
  });
});

describe('metric views', () => {
  it('says a month with nothing closed has no rate', () => {
    expect(
      falsePositiveRows([
        { month: '2026-10', closed: 0, falsePositives: 0, ratePercent: null },
      ]),
    ).toEqual([{ month: '2026-10', rate: 0, label: 'nothing closed' }]);
  });

  it('has no verdict for a metric without a target', () => {
    const cells = durationCells({
      ...overview().durations[0],
      metric: 'contain',
      targetMicros: null,
      meanMetTarget: null,
    });
    expect(cells).toMatchObject({
      target: 'none',
      verdict: 'no target',
      measured: '2',
    });
  });
});
