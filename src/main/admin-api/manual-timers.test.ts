import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { manualTimers, systemTimers } from '../timers';

const START = 1_000_000_000;

function setup() {
  const clock = manualClock(START);
  return { clock, timers: manualTimers(clock) };
}

describe('manual timers', () => {
  it('wake sleeps in deadline order, each with the clock at its deadline', async () => {
    const { clock, timers } = setup();
    const woke: [string, number][] = [];
    const note = (name: string) => () =>
      woke.push([name, (clock.nowMicros() - START) / 1000]);
    void timers.sleep(300).then(note('late'));
    void timers.sleep(100).then(note('early'));
    void timers.sleep(5_000).then(note('later still'));

    await timers.advance(299);
    expect(woke).toEqual([['early', 100]]);
    await timers.advance(1);
    expect(woke).toEqual([
      ['early', 100],
      ['late', 300],
    ]);
    expect(timers.pending()).toBe(1);
    expect(timers.nextDueInMs()).toBe(4_700);
    expect((clock.nowMicros() - START) / 1000).toBe(300);
  });

  it('wake sleeps that woken code starts, when due within the advance', async () => {
    const { timers } = setup();
    let rounds = 0;
    const chain = async () => {
      for (let i = 0; i < 3; i += 1) {
        await timers.sleep(1_000);
        rounds += 1;
      }
    };
    const done = chain();
    await timers.advance(2_500);
    expect(rounds).toBe(2);
    await timers.advance(500);
    await done;
    expect(rounds).toBe(3);
    expect(timers.requested()).toEqual([1_000, 1_000, 1_000]);
  });

  it('reject an aborted sleep with the signal reason and forget it', async () => {
    const { timers } = setup();
    const controller = new AbortController();
    const sleeping = timers.sleep(1_000, controller.signal);
    controller.abort(new Error('closed'));
    await expect(sleeping).rejects.toThrow('closed');
    expect(timers.pending()).toBe(0);
    await expect(timers.sleep(5, controller.signal)).rejects.toThrow('closed');
  });

  it('end a sleep of zero at once, and tell when a sleep starts', async () => {
    const { timers } = setup();
    await timers.sleep(0);
    let started = false;
    const watching = timers.sleeping().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(false);
    void timers.sleep(10);
    await watching;
    expect(started).toBe(true);
  });
});

describe('system timers', () => {
  it('sleep for real and stop when aborted', async () => {
    const before = performance.now();
    await systemTimers.sleep(15);
    expect(performance.now() - before).toBeGreaterThanOrEqual(14);

    const controller = new AbortController();
    const sleeping = systemTimers.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
