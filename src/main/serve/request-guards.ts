import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppFailure } from '../../shared/result';

/** Serve mode listens here and nowhere else. */
export const LOOPBACK_HOST = '127.0.0.1';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

/** A fresh per-run token: 32 random bytes, base64url. */
export function createServeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Refuses a caller-chosen token that is short or not URL-safe. */
export function checkServeToken(token: string): string {
  if (!TOKEN_PATTERN.test(token)) {
    throw new AppFailure(
      'invalid-input',
      'serve token must be 32 to 256 characters of A-Z a-z 0-9 - _',
    );
  }
  return token;
}

/**
 * Compares tokens in time that does not depend on where they differ.
 * Hashing first gives equal lengths, so the length of the real token does
 * not leak either.
 */
export function tokensMatch(given: string | undefined, expected: string) {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token in an `Authorization: Bearer TOKEN` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

/** The host:port pairs a browser uses to reach this server. */
function loopbackAuthorities(port: number): string[] {
  return [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
}

/**
 * Whether the Host header names this server exactly. A DNS-rebinding page
 * reaches 127.0.0.1 under its own host name, which this refuses.
 */
export function isAllowedHost(host: string | undefined, port: number) {
  if (host === undefined) return false;
  return loopbackAuthorities(port).includes(host.toLowerCase());
}

/**
 * Whether an Origin header, when present, is this server's own origin. No
 * Origin is fine (curl, same-origin GETs); `null` or another site is not.
 */
export function isAllowedOrigin(origin: string | undefined, port: number) {
  if (origin === undefined) return true;
  const allowed = loopbackAuthorities(port).map((host) => `http://${host}`);
  return allowed.includes(origin.toLowerCase());
}

/**
 * Whether a browser says the request comes from another site
 * (`Sec-Fetch-Site`). The console's own page fetches `same-origin`; a
 * page elsewhere, even on another port of this machine (`same-site`), has
 * no business with the API, whatever Origin it did or did not send.
 */
export function isOtherSiteFetch(secFetchSite: string | string[] | undefined) {
  const value = Array.isArray(secFetchSite)
    ? secFetchSite.join(',')
    : secFetchSite;
  if (value === undefined) return false;
  return value
    .split(',')
    .some((part) =>
      ['cross-site', 'same-site'].includes(part.trim().toLowerCase()),
    );
}
