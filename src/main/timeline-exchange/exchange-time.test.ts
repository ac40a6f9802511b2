import { describe, expect, it } from 'vitest';
import {
  parseDateTime,
  parseEpoch,
  parseFileZone,
  type TimeResult,
} from './exchange-time';

function time(result: TimeResult) {
  if (!result.ok) throw new Error(`refused: ${result.problem}`);
  return result.time;
}

function problem(result: TimeResult): string {
  if (result.ok) throw new Error(`accepted as ${result.time.utc}`);
  return result.problem;
}

const zone = (name: string) => parseFileZone(name)!;

describe('date-times with a zone', () => {
  it.each([
    [
      '2026-12-03T18:25:32.123456+02:00',
      '2026-12-03T16:25:32.123456Z',
      '+02:00',
    ],
    ['2026-12-03 16:25:32Z', '2026-12-03T16:25:32.000000Z', '+00:00'],
    ['2026-12-03T16:25:32.5-0330', '2026-12-03T19:55:32.500000Z', '-03:30'],
    ['2026-12-03T16:25:32+05', '2026-12-03T11:25:32.000000Z', '+05:00'],
    ['2026-12-03T16:25:32 UTC', '2026-12-03T16:25:32.000000Z', '+00:00'],
    ['2026-12-03t16:25z', '2026-12-03T16:25:00.000000Z', '+00:00'],
    ['2026-12-03T16:25:32.123Z', '2026-12-03T16:25:32.123000Z', '+00:00'],
    ['2026-12-03T16:25:32.123456000Z', '2026-12-03T16:25:32.123456Z', '+00:00'],
    ['2024-02-29T00:00:00+14:00', '2024-02-28T10:00:00.000000Z', '+14:00'],
    ['1969-07-20T20:17:40Z', '1969-07-20T20:17:40.000000Z', '+00:00'],
    ['1900-01-01T00:00:00-00:30', '1900-01-01T00:30:00.000000Z', '-00:30'],
  ])('reads %j', (text, utc, offset) => {
    expect(time(parseDateTime(text, null))).toEqual({ utc, offset });
  });

  it('keeps times to the last storable microsecond, and refuses beyond', () => {
    expect(time(parseDateTime('2255-06-05T23:47:34.740991Z', null)).utc).toBe(
      '2255-06-05T23:47:34.740991Z',
    );
    expect(time(parseDateTime('1684-07-28T00:12:25.259009Z', null)).utc).toBe(
      '1684-07-28T00:12:25.259009Z',
    );
    for (const far of [
      '2255-06-05T23:47:34.740992Z',
      '9999-12-31T23:59:59Z',
      '1684-07-28T00:12:25.259008Z',
      '0050-01-01T00:00:00Z',
    ]) {
      expect(problem(parseDateTime(far, null))).toMatch(
        /stores times from 1684-07-28 to 2255-06-05/,
      );
    }
  });

  it.each([
    ['2026-12-03T16:25:32.1234567Z', /more precise than a microsecond/],
    ['2025-02-30T00:00:00Z', /not a real date/],
    ['2025-01-20T24:00:00Z', /not a real date/],
    ['2025-01-20', /not an ISO 8601 date and time/],
    ['20/01/2025 10:00', /not an ISO 8601 date and time/],
    ['2025-01-20T10:00:00+24:00', /impossible offset/],
    ['', /not an ISO 8601/],
  ])('refuses %j', (text, reason) => {
    expect(problem(parseDateTime(text, null))).toMatch(reason);
  });
});

describe('date-times without a zone', () => {
  it('are refused unless the file has a zone', () => {
    expect(problem(parseDateTime('2025-01-20T10:12:51.004417', null))).toMatch(
      /"2025-01-20T10:12:51.004417" has no time zone; give the file's zone/,
    );
  });

  it('take a fixed offset', () => {
    expect(time(parseDateTime('2025-01-20T10:12:51', zone('-05:00')))).toEqual({
      utc: '2025-01-20T15:12:51.000000Z',
      offset: '-05:00',
    });
  });

  it('take an IANA zone’s offset at that date', () => {
    const berlin = zone('Europe/Berlin');
    expect(time(parseDateTime('2025-01-20T10:00:00', berlin))).toEqual({
      utc: '2025-01-20T09:00:00.000000Z',
      offset: '+01:00',
    });
    expect(time(parseDateTime('2025-07-20T10:00:00', berlin))).toEqual({
      utc: '2025-07-20T08:00:00.000000Z',
      offset: '+02:00',
    });
    expect(time(parseDateTime('2025-03-30T03:00:00', berlin)).offset).toBe(
      '+02:00',
    );
  });

  it('refuse a time the clocks skipped or passed twice', () => {
    const berlin = zone('Europe/Berlin');
    expect(problem(parseDateTime('2025-03-30T02:30:00', berlin))).toMatch(
      /did not exist in Europe\/Berlin \(clocks went forward\)/,
    );
    expect(problem(parseDateTime('2025-10-26T02:30:00', berlin))).toMatch(
      /happened twice in Europe\/Berlin \(clocks went back\)/,
    );
  });

  it('keep the offset written in the time over the file’s zone', () => {
    const result = parseDateTime('2025-01-20T10:00:00+09:00', zone('UTC'));
    expect(time(result).offset).toBe('+09:00');
  });

  it('refuse a zone that is neither an IANA name nor an offset', () => {
    expect(parseFileZone('Mars/Olympus')).toBeNull();
    expect(parseFileZone('+2')).toBeNull();
    expect(parseFileZone('+25:00')).toBeNull();
    expect(parseFileZone('America/New_York')?.name).toBe('America/New_York');
  });
});

describe('epoch numbers', () => {
  it.each([
    ['1737367932', '2025-01-20T10:12:12.000000Z'],
    ['1737367932123', '2025-01-20T10:12:12.123000Z'],
    ['1737367932123456', '2025-01-20T10:12:12.123456Z'],
    ['1737367932.5', '2025-01-20T10:12:12.500000Z'],
    ['1737367932.000001', '2025-01-20T10:12:12.000001Z'],
    ['-14182940', '1969-07-20T20:17:40.000000Z'],
    ['-14182940.25', '1969-07-20T20:17:39.750000Z'],
    ['-631152000000', '1950-01-01T00:00:00.000000Z'],
    ['-631152000000000', '1950-01-01T00:00:00.000000Z'],
    ['0', '1970-01-01T00:00:00.000000Z'],
    ['9007199254740991', '2255-06-05T23:47:34.740991Z'],
  ])('reads %s as UTC %s', (text, utc) => {
    expect(time(parseEpoch(text))).toEqual({ utc, offset: '+00:00' });
  });

  it.each([
    ['abc', /not a number/],
    ['1e9', /not a number/],
    ['1737367932.1234567', /more precise than a microsecond/],
    ['9007199254740992', /stores times from/],
    ['99999999999999999999', /stores times from/],
  ])('refuses %j', (text, reason) => {
    expect(problem(parseEpoch(text))).toMatch(reason);
  });
});
