import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  checkServeToken,
  createServeToken,
  isAllowedHost,
  isAllowedOrigin,
  isOtherSiteFetch,
  tokensMatch,
} from './request-guards';

describe('serve tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = createServeToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createServeToken()).not.toBe(token);
  });

  it('refuses a chosen token that is short or not URL-safe', () => {
    expect(() => checkServeToken('short')).toThrow('32 to 256 characters');
    expect(() => checkServeToken('a'.repeat(31) + '/')).toThrow();
    expect(checkServeToken('a'.repeat(32))).toBe('a'.repeat(32));
  });

  it('match only when equal', () => {
    const token = createServeToken();
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(`${token}x`, token)).toBe(false);
    expect(tokensMatch('', token)).toBe(false);
    expect(tokensMatch(undefined, token)).toBe(false);
  });

  it('are read from a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('loopback checks', () => {
  it('accept only this address and port as Host', () => {
    expect(isAllowedHost('127.0.0.1:4780', 4780)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4780', 4780)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4781', 4780)).toBe(false);
    expect(isAllowedHost('attacker.example:4780', 4780)).toBe(false);
    expect(isAllowedHost('[::1]:4780', 4780)).toBe(false);
    expect(isAllowedHost(undefined, 4780)).toBe(false);
  });

  it('accept no Origin or this origin, nothing else', () => {
    expect(isAllowedOrigin(undefined, 4780)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4780', 4780)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4780', 4780)).toBe(true);
    expect(isAllowedOrigin('null', 4780)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4781', 4780)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1.evil.example:4780', 4780)).toBe(
      false,
    );
  });

  it('take a fetch from another site, even this machine, as foreign', () => {
    expect(isOtherSiteFetch('cross-site')).toBe(true);
    expect(isOtherSiteFetch('Same-Site')).toBe(true);
    expect(isOtherSiteFetch(['same-origin', 'cross-site'])).toBe(true);
    expect(isOtherSiteFetch('same-origin')).toBe(false);
    expect(isOtherSiteFetch('none')).toBe(false);
    expect(isOtherSiteFetch(undefined)).toBe(false);
  });
});
