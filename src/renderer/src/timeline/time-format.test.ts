import { describe, expect, it } from 'vitest';
import {
  currentLocalOffset,
  formatTimestamp,
  toStoredUtc,
} from './time-format';

const UTC = '2026-12-03T16:25:32.123456Z';

describe('formatTimestamp', () => {
  it('shows UTC with microseconds and a Z', () => {
    expect(formatTimestamp(UTC, 'utc')).toBe('2026-12-03 16:25:32.123456Z');
  });

  it('drops the fraction when seconds are enough', () => {
    expect(formatTimestamp(UTC, 'utc', { precision: 'seconds' })).toBe(
      '2026-12-03 16:25:32Z',
    );
  });

  it('shows local time with the zone offset written out', () => {
    expect(formatTimestamp(UTC, 'local', { timeZone: 'Asia/Kolkata' })).toBe(
      '2026-12-03 21:55:32.123456 +05:30',
    );
  });

  it('crosses midnight into the next local day', () => {
    const late = '2026-12-31T23:30:00.000001Z';
    expect(formatTimestamp(late, 'local', { timeZone: 'Asia/Tokyo' })).toBe(
      '2027-01-01 08:30:00.000001 +09:00',
    );
  });

  it('uses the offset in force on that date, not today’s', () => {
    const summer = '2026-07-01T12:00:00.000000Z';
    const winter = '2026-01-15T12:00:00.000000Z';
    const zone = { timeZone: 'Europe/Berlin' };
    expect(formatTimestamp(summer, 'local', zone)).toBe(
      '2026-07-01 14:00:00.000000 +02:00',
    );
    expect(formatTimestamp(winter, 'local', zone)).toBe(
      '2026-01-15 13:00:00.000000 +01:00',
    );
  });

  it('writes UTC itself as +00:00 in local mode', () => {
    expect(formatTimestamp(UTC, 'local', { timeZone: 'UTC' })).toBe(
      '2026-12-03 16:25:32.123456 +00:00',
    );
  });

  it('shows a western zone with a negative offset', () => {
    expect(
      formatTimestamp(UTC, 'local', {
        timeZone: 'America/St_Johns',
        precision: 'seconds',
      }),
    ).toBe('2026-12-03 12:55:32 -03:30');
  });
});

describe('currentLocalOffset', () => {
  it('gives the offset of a zone at a given moment', () => {
    const july = Date.UTC(2026, 6, 1);
    expect(currentLocalOffset('America/New_York', july)).toBe('-04:00');
    expect(currentLocalOffset('UTC', july)).toBe('+00:00');
  });
});

describe('toStoredUtc', () => {
  it('keeps a stored timestamp as it is', () => {
    expect(toStoredUtc(UTC)).toBe(UTC);
  });

  it('brings other ISO forms to the stored form', () => {
    expect(toStoredUtc('2026-12-03T17:25:32.5+01:00')).toBe(
      '2026-12-03T16:25:32.500000Z',
    );
  });

  it('returns null for text that is not a time', () => {
    expect(toStoredUtc('yesterday-ish')).toBeNull();
  });
});
