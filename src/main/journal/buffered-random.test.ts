import { expect, it } from 'vitest';
import { createBufferedRandom } from './buffered-random';

it('draws values in [0, 1) that keep changing across pool refills', () => {
  const random = createBufferedRandom();
  const values = Array.from({ length: 5000 }, random);

  expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  // 5,000 draws from 2^32 values: repeats would mean a stuck pool.
  expect(new Set(values).size).toBeGreaterThan(4990);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  expect(mean).toBeGreaterThan(0.45);
  expect(mean).toBeLessThan(0.55);
});
