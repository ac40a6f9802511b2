import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsOverview } from '../../shared/metrics-types';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { seedIncident } from '../review/review-test-kit';
import {
  computeMetrics,
  durationStat,
  falsePositiveRates,
  mean,
  median,
  monthlyVolume,
} from './compute-metrics';
import type { IncidentFacts } from './incident-facts';

const MINUTE = 60_000_000;

function incident(
  id: string,
  overrides: Partial<IncidentFacts> = {},
): IncidentFacts {
  return {
    id,
    title: `Incident ${id}`,
    severity: 'high',
    category: 'network-security',
    status: 'open',
    resolution: null,
    openedAt: '2026-11-03T10:00:00.000000Z',
    closedAt: null,
    times: {},
    ...overrides,
  };
}

/** First seen at 10:00, detected `minutes` later. */
function detectedAfter(minutes: number) {
  return {
    'first-seen': '2026-11-03T10:00:00.000000Z',
    detected: `2026-11-03T${String(10 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000000Z`,
  };
}

describe('mean and median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    // (3 + 4) / 2, rounded to a whole microsecond.
    expect(median([4, 1, 3, 10])).toBe(4);
    expect(median([1, 2])).toBe(2);
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });
});

describe('duration metrics', () => {
  it('gives mean and median time to detect against the 15-minute target', () => {
    const incidents = [
      incident('a', { times: detectedAfter(5) }),
      incident('b', { times: detectedAfter(10) }),
      incident('c', { times: detectedAfter(45) }),
    ];

    const stat = durationStat('detect', incidents);

    expect(stat).toMatchObject({
      count: 3,
      meanMicros: 20 * MINUTE,
      medianMicros: 10 * MINUTE,
      targetMicros: 15 * MINUTE,
      meanMetTarget: false,
      withinTarget: 2,
      missing: [],
    });
  });

  it('lists incidents missing a milestone instead of counting them', () => {
    const incidents = [
      incident('a', { times: detectedAfter(5) }),
      incident('b', { times: { detected: '2026-11-03T10:00:00.000000Z' } }),
      incident('c'),
    ];

    const stat = durationStat('detect', incidents);

    expect(stat.count).toBe(1);
    expect(stat.missing).toEqual([
      { incidentId: 'b', title: 'Incident b', milestones: ['first-seen'] },
      {
        incidentId: 'c',
        title: 'Incident c',
        milestones: ['first-seen', 'detected'],
      },
    ]);
  });

  it('leaves false positives, benign findings and duplicates out of timing', () => {
    const timed = { times: detectedAfter(60) };
    const incidents = [
      incident('a', { times: detectedAfter(6) }),
      incident('b', { ...timed, resolution: 'false-positive' }),
      incident('c', { ...timed, resolution: 'benign' }),
      incident('d', { ...timed, resolution: 'duplicate' }),
      incident('e', {
        times: detectedAfter(4),
        resolution: 'confirmed-incident',
      }),
    ];

    expect(durationStat('detect', incidents).meanMicros).toBe(5 * MINUTE);
  });

  it('has no target for containment', () => {
    const stat = durationStat('contain', [
      incident('a', {
        times: {
          detected: '2026-11-03T10:00:00.000000Z',
          contained: '2026-11-03T13:00:00.000000Z',
        },
      }),
    ]);

    expect(stat).toMatchObject({
      meanMicros: 180 * MINUTE,
      targetMicros: null,
      meanMetTarget: null,
    });
  });
});

describe('monthly volume and false-positive rate', () => {
  it('counts incidents per UTC month by category and severity', () => {
    const volume = monthlyVolume([
      incident('a', { openedAt: '2026-10-31T23:59:59.999999Z' }),
      incident('b', {
        openedAt: '2026-11-01T00:00:00.000000Z',
        severity: 'low',
      }),
      incident('c', {
        openedAt: '2026-11-20T00:00:00.000000Z',
        category: 'data-security',
      }),
      incident('d', {
        openedAt: '2026-11-21T00:00:00.000000Z',
        resolution: 'duplicate',
      }),
    ]);

    expect(volume).toEqual([
      {
        month: '2026-10',
        total: 1,
        byCategory: { 'network-security': 1 },
        bySeverity: { high: 1 },
      },
      {
        month: '2026-11',
        total: 2,
        byCategory: { 'network-security': 1, 'data-security': 1 },
        bySeverity: { low: 1, high: 1 },
      },
    ]);
  });

  it('divides false positives by incidents closed that month, duplicates aside', () => {
    const closed = (
      id: string,
      month: string,
      resolution: IncidentFacts['resolution'],
    ) =>
      incident(id, {
        status: 'closed',
        resolution,
        closedAt: `${month}-15T00:00:00.000000Z`,
      });

    const rates = falsePositiveRates([
      closed('a', '2026-10', 'false-positive'),
      closed('b', '2026-10', 'confirmed-incident'),
      closed('c', '2026-10', 'benign'),
      closed('d', '2026-10', 'duplicate'),
      closed('e', '2026-11', 'confirmed-incident'),
      incident('f'),
    ]);

    expect(rates).toEqual([
      { month: '2026-10', closed: 3, falsePositives: 1, ratePercent: 33.3 },
      { month: '2026-11', closed: 1, falsePositives: 0, ratePercent: 0 },
    ]);
  });

  it('puts the four durations in the overview', () => {
    const overview = computeMetrics([], 2, '2026-12-03T16:00:00.000000Z');

    expect(overview.durations.map((d) => [d.metric, d.count])).toEqual([
      ['detect', 0],
      ['respond', 0],
      ['contain', 0],
      ['recover', 0],
    ]);
    expect(overview.overdueFollowUps).toBe(2);
  });
});

describe('metrics:overview', () => {
  let warRoom: WarRoom | undefined;
  afterEach(() => warRoom?.close());

  it('reads milestones and resolutions from the journal', async () => {
    ({ warRoom } = openTestWarRoom());
    await seedIncident(warRoom, {
      detectedAt: '2026-12-03T10:12:00Z',
      milestones: { 'first-seen': '2026-12-03T10:00:00Z' },
      resolution: 'confirmed-incident',
    });
    await seedIncident(warRoom, {
      milestones: {
        'first-seen': '2026-12-03T10:00:00Z',
        detected: '2026-12-03T11:00:00Z',
      },
    });
    await seedIncident(warRoom, { resolution: 'false-positive' });

    const overview = await invokeOk<MetricsOverview>(
      warRoom,
      'metrics:overview',
      {},
    );

    const detect = overview.durations.find((d) => d.metric === 'detect')!;
    expect(detect).toMatchObject({
      count: 2,
      meanMicros: 36 * MINUTE,
      medianMicros: 36 * MINUTE,
    });
    expect(overview.falsePositives).toEqual([
      { month: '2026-12', closed: 2, falsePositives: 1, ratePercent: 50 },
    ]);
    expect(overview.volume[0].total).toBe(3);
  });
});
