import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PeriodSummary } from '../../shared/metrics-types';
import { seedIncident } from '../review/review-test-kit';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
  type ManualClock,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let clock: ManualClock;

beforeEach(() => {
  ({ warRoom, clock } = openTestWarRoom());
});
afterEach(() => warRoom.close());

it('announces a review edit after it is written', async () => {
  const { id } = await seedIncident(warRoom);
  const seen: string[] = [];
  warRoom.events.subscribe((name, payload) => {
    if (name === 'journal:appended') {
      seen.push((payload as { kind: string }).kind);
    }
  });

  await invokeOk(warRoom, 'review:write-section', {
    incidentId: id,
    section: 'impact',
    text: 'None',
  });

  expect(seen).toEqual(['review.section-written']);
});

it('names the field a bad input got wrong and writes nothing', async () => {
  const { id } = await seedIncident(warRoom);

  const result = await warRoom.invoke(
    'review:write-section',
    { incidentId: id, section: 'feelings', text: 'x' },
    testContext,
  );
  const renders = await warRoom.invoke(
    'report:render',
    { incidentId: id, format: 'pdf' },
    testContext,
  );

  expect(result).toMatchObject({
    ok: false,
    error: {
      kind: 'invalid-input',
      message: expect.stringContaining('section'),
    },
  });
  expect(renders).toMatchObject({
    ok: false,
    error: {
      kind: 'invalid-input',
      message: expect.stringContaining('format'),
    },
  });
});

it('summarises the period holding today by the clock, or the date given', async () => {
  clock.set(Date.parse('2027-03-31T23:59:00Z') * 1000);

  const today = await invokeOk<PeriodSummary>(warRoom, 'metrics:summary', {
    period: 'quarterly',
  });
  const given = await invokeOk<PeriodSummary>(warRoom, 'metrics:summary', {
    period: 'daily',
    date: '2027-04-01',
  });

  expect(today.start).toBe('2027-01-01T00:00:00.000000Z');
  expect(given.start).toBe('2027-04-01T00:00:00.000000Z');
});
