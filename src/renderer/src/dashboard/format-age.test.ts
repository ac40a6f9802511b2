import { describe, expect, it } from 'vitest';
import { ageOf, formatDuration } from './format-age';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [59 * 60_000 + 59_999, '59 min'],
    [3_600_000, '1 h'],
    [2 * 3_600_000 + 5 * 60_000 + 30_000, '2 h 5 min'],
    [24 * 3_600_000, '1 day'],
    [4 * 24 * 3_600_000 + 3_600_000, '4 days'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('reads a time a little ahead of this clock as no time at all', () => {
    expect(formatDuration(-1500)).toBe('0 s');
  });
});

describe('ageOf', () => {
  it('measures a stored UTC time against now, rounding down', () => {
    const now = Date.parse('2026-12-03T16:05:59.900Z');
    expect(ageOf('2026-12-03T16:03:00.000000Z', now)).toBe('2 min ago');
  });
});
