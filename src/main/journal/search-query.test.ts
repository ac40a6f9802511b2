import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { toFtsQuery } from './search-query';

describe('turning a typed search into FTS5', () => {
  it.each([
    ['10.0.0.5:22', '"10.0.0.5:22"'],
    ['2001:db8::1', '"2001:db8::1"'],
    ['C:\\Windows\\Temp\\x.exe', '"C:\\Windows\\Temp\\x.exe"'],
    ['https://evil.example/login?x=1', '"https://evil.example/login?x=1"'],
    ['arn:aws:s3:::exfil-7731', '"arn:aws:s3:::exfil-7731"'],
    ['data-pipeline NOT revoked', '"data-pipeline" NOT "revoked"'],
    ['lockdown OR stuffing', '"lockdown" OR "stuffing"'],
    ['kerb*', '"kerb" *'],
    [
      '"revoked role" AND (ana OR ben)',
      '"revoked role" AND ( "ana" OR "ben" )',
    ],
    ['say "hi"*', '"say" "hi" *'],
    ['it\'s "quoted"', '"it\'s" "quoted"'],
  ])('%s becomes %s', (typed, query) => {
    expect(toFtsQuery(typed)).toBe(query);
  });

  it('has nothing to search for in blanks or bare operators', () => {
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('AND ( )')).toBeNull();
  });

  it('explains an unclosed quote', () => {
    expect(() => toFtsQuery('"revoked role')).toThrow(AppFailure);
    expect(() => toFtsQuery('"revoked role')).toThrow(/not closed/);
  });
});
