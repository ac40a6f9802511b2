import { afterEach, describe, expect, it } from 'vitest';
import type { PeriodSummary } from '../../shared/metrics-types';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import {
  addFollowUp,
  seedIncident,
  writeSection,
} from '../review/review-test-kit';
import { monthsIn, periodBounds, weeksEnding } from './summary-periods';

const AT = Date.parse('2026-12-03T16:00:00Z');

describe('summary periods', () => {
  it('bounds days, ISO weeks, months and quarters in UTC', () => {
    expect(periodBounds('daily', AT)).toMatchObject({
      start: '2026-12-03T00:00:00.000000Z',
      end: '2026-12-04T00:00:00.000000Z',
    });
    // 2026-12-03 is a Thursday; its ISO week starts on Monday 30 November.
    expect(periodBounds('weekly', AT)).toMatchObject({
      start: '2026-11-30T00:00:00.000000Z',
      end: '2026-12-07T00:00:00.000000Z',
    });
    expect(periodBounds('monthly', AT).end).toBe('2027-01-01T00:00:00.000000Z');
    const quarter = periodBounds('quarterly', AT);
    expect(quarter).toMatchObject({
      start: '2026-10-01T00:00:00.000000Z',
      label: '2026 Q4',
    });
    expect(monthsIn(quarter)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(weeksEnding(AT, 8).map((week) => week.start.slice(0, 10))).toEqual([
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
  });
});

describe('metrics:summary', () => {
  let warRoom: WarRoom | undefined;
  afterEach(() => warRoom?.close());

  async function summary(period: string, date?: string) {
    return invokeOk<PeriodSummary>(warRoom!, 'metrics:summary', {
      period,
      date,
    });
  }

  async function seed() {
    ({ warRoom } = openTestWarRoom());
    const closed = await seedIncident(warRoom, {
      title: 'Credential stuffing',
      detectedAt: '2026-12-03T10:05:00Z',
      milestones: { 'first-seen': '2026-12-03T10:00:00Z' },
    });
    await writeSection(
      warRoom,
      closed.id,
      'lessons-learned',
      'Rate-limit logins',
    );
    await invokeOk(warRoom, 'command:close', {
      incidentId: closed.id,
      resolution: 'confirmed-incident',
    });
    await seedIncident(warRoom, {
      title: 'Noisy alert',
      resolution: 'false-positive',
    });
    await addFollowUp(warRoom, closed.id, 'Add CAPTCHA', '2026-12-01');
  }

  it('writes the daily summary with what opened, closed and is overdue', async () => {
    await seed();

    const daily = await summary('daily');

    expect(daily.markdown).toContain(
      '# Daily security metrics summary: 2026-12-03',
    );
    expect(daily.markdown).toContain('- Opened: 2');
    expect(daily.markdown).toContain(
      '| Add CAPTCHA | Priya (platform) | 2026-12-01 |',
    );
  });

  it('writes the monthly posture with rates, targets and lessons', async () => {
    await seed();

    const monthly = await summary('monthly');

    expect(monthly.markdown).toContain(
      '| 2026-12 | 2 | 2 | 0 | 0 | 0 | 50 % |',
    );
    expect(monthly.markdown).toMatch(
      /\| Time to detect \| 1 \| 5 min 00 s \| 5 min 00 s \|/,
    );
    expect(monthly.markdown).toContain(
      '**Credential stuffing:** Rate-limit logins',
    );
  });

  it('writes the weekly trend and the quarterly review for a given date', async () => {
    await seed();

    const weekly = await summary('weekly');
    const quarterly = await summary('quarterly', '2026-08-15');

    expect(weekly.markdown).toContain('| 2026-11-30 | 2 | 2 | 2 | 0 | 0 | 0 |');
    expect(quarterly.start).toBe('2026-07-01T00:00:00.000000Z');
    expect(quarterly.markdown).toContain('| 2026-08 | 0 |');
  });
});
