import { expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

it('runs a task once for callers that overlap, and again afterwards', async () => {
  const flight = new SingleFlight<number>();
  let runs = 0;
  const task = async () => {
    runs += 1;
    await new Promise((done) => setTimeout(done, 10));
    return runs;
  };

  const overlapping = await Promise.all([
    flight.run('a', task),
    flight.run('a', task),
  ]);
  const other = await flight.run('b', task);
  const later = await flight.run('a', task);

  expect(overlapping).toEqual([1, 1]);
  expect(other).toBe(2);
  expect(later).toBe(3);
});

it('forgets a failed run so the next caller tries again', async () => {
  const flight = new SingleFlight<string>();

  await expect(
    flight.run('a', () => {
      throw new Error('disk gone');
    }),
  ).rejects.toThrow('disk gone');
  await expect(flight.run('a', () => 'ok')).resolves.toBe('ok');
});
