import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { manualTimers } from '../timers';
import { closeRigs, START_MICROS, startRig } from './admin-client-test-kit';
import { createRequestBudget } from './request-budget';

afterEach(closeRigs);

const PROBE = '/api/admin/super-admin-only';

describe('the polling budget against the simulator', () => {
  it('holds the 31st poll of a minute, and lets an emergency request past it', async () => {
    const rig = await startRig({ client: { pollBudgetPerMinute: 30 } });
    const sent = () => rig.sim.requests.all().length;
    const polls = Array.from({ length: 30 }, () =>
      rig.client.request('GET', PROBE),
    );
    expect((await Promise.all(polls)).every((r) => r.ok)).toBe(true);

    const thirtyFirst = rig.client.request('GET', PROBE);
    await rig.timers.sleeping();
    expect(rig.timers.nextDueInMs()).toBe(2_000);
    expect(sent()).toBe(30);
    const emergency = await rig.client.request('GET', PROBE, {
      priority: 'emergency',
    });
    expect(emergency.ok).toBe(true);
    expect(sent()).toBe(31);

    await rig.timers.advance(1_999);
    expect(sent()).toBe(31);
    await rig.timers.advance(1);
    expect((await thirtyFirst).ok).toBe(true);
    expect(sent()).toBe(32);
    expect(rig.timers.requested()).toEqual([2_000]);
  });
});

function budgetOf(perMinute: number, maxPauseWaitMs = 60_000) {
  const clock = manualClock(START_MICROS);
  const timers = manualTimers(clock);
  const budget = createRequestBudget({
    perMinute,
    clock,
    timers,
    maxPauseWaitMs,
  });
  const signal = new AbortController().signal;
  const elapsedMs = () => (clock.nowMicros() - START_MICROS) / 1000;
  return { clock, timers, budget, signal, elapsedMs };
}

describe('the token bucket', () => {
  it('is configurable, serves waiting polls in order, and refills in a minute', async () => {
    const { timers, budget, signal, elapsedMs } = budgetOf(5);
    for (let i = 0; i < 5; i += 1) await budget.take('poll', signal);
    const served: [number, number][] = [];
    const waiting = [0, 1, 2].map((n) =>
      budget.take('poll', signal).then(() => served.push([n, elapsedMs()])),
    );

    await timers.advance(36_000);
    await Promise.all(waiting);

    expect(served).toEqual([
      [0, 12_000],
      [1, 24_000],
      [2, 36_000],
    ]);
    await timers.advance(60_000);
    for (let i = 0; i < 5; i += 1) await budget.take('poll', signal);
    expect(timers.pending()).toBe(0);
  });

  it('never holds or charges an emergency request', async () => {
    const { timers, budget, signal } = budgetOf(1);
    await budget.take('poll', signal);
    for (let i = 0; i < 10; i += 1) {
      expect(await budget.take('emergency', signal)).toEqual({ ok: true });
    }
    budget.pause(30);
    expect(await budget.take('emergency', signal)).toEqual({ ok: true });
    expect(timers.requested()).toEqual([]);
  });

  it('holds polls through a pause, and refuses one longer than allowed', async () => {
    const short = budgetOf(30);
    short.budget.pause(10);
    const held = short.budget.take('poll', short.signal);
    await short.timers.sleeping();
    expect(short.timers.nextDueInMs()).toBe(10_000);
    await short.timers.advance(10_000);
    expect(await held).toEqual({ ok: true });

    const long = budgetOf(30, 60_000);
    long.budget.pause(3_600);
    expect(await long.budget.take('poll', long.signal)).toEqual({
      ok: false,
      retryAfterSeconds: 3_600,
    });
  });

  it('refuses a budget that is not a whole number of at least one', () => {
    expect(() => budgetOf(0)).toThrow('poll budget must be a whole number');
    expect(() => budgetOf(2.5)).toThrow(RangeError);
  });
});
