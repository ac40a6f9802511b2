import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatEpochMicros,
  formatWithOffset,
  parseStoredUtc,
  parseZonedTimestamp,
} from './timestamps';

describe('zoned timestamps', () => {
  it('normalises an offset time to UTC and keeps the offset', () => {
    expect(parseZonedTimestamp('2026-12-03T18:25:32.123456+02:00')).toEqual({
      utc: '2026-12-03T16:25:32.123456Z',
      offset: '+02:00',
    });
    expect(parseZonedTimestamp('2026-12-03T00:15:00-0530')).toEqual({
      utc: '2026-12-03T05:45:00.000000Z',
      offset: '-05:30',
    });
  });

  it('keeps microseconds and drops only digits beyond them', () => {
    expect(parseZonedTimestamp('2026-01-01T00:00:00.123456789Z')?.utc).toBe(
      '2026-01-01T00:00:00.123456Z',
    );
    expect(parseZonedTimestamp('2026-01-01T00:00:00.5Z')?.utc).toBe(
      '2026-01-01T00:00:00.500000Z',
    );
  });

  it('refuses times without a zone and impossible dates', () => {
    for (const text of [
      '2026-12-03T10:00:00',
      '2026-02-30T10:00:00Z',
      '2026-12-03T24:00:00Z',
      '2026-12-03T10:00:00+25:00',
      'yesterday',
      '',
    ]) {
      expect(parseZonedTimestamp(text), text).toBeNull();
    }
  });

  it('shows a stored time in its original offset', () => {
    expect(formatWithOffset('2026-12-03T16:25:32.123456Z', '+02:00')).toBe(
      '2026-12-03T18:25:32.123456+02:00',
    );
  });

  it('round-trips any microsecond instant through stored text', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Number.MIN_SAFE_INTEGER,
          max: Number.MAX_SAFE_INTEGER,
        }),
        (micros) => {
          const text = formatEpochMicros(micros);
          expect(parseStoredUtc(text)).toBe(micros);
          expect(parseZonedTimestamp(text)?.utc).toBe(text);
        },
      ),
    );
  });
});
