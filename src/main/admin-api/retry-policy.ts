/**
 * When a failed request is tried again, and after how long. Only reads
 * (GET, HEAD, OPTIONS) are retried here: a write sent twice may act twice
 * on the platform (CONTRACT §6), so writes are the outbox's to retry.
 */
import type { AdminMethod } from './admin-client-types';
import type { TransportFailureReason } from './http-exchange';

export const SAFE_METHODS: ReadonlySet<AdminMethod> = new Set<AdminMethod>([
  'GET',
  'HEAD',
  'OPTIONS',
]);

export type RetryPolicy = {
  maxRetries: number;
  /** First backoff ceiling; doubles each retry up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** A longer `Retry-After` is not waited out: the error is returned. */
  maxRetryAfterMs: number;
  /** Uniform in [0, 1). */
  random: () => number;
};

/** What about a failed attempt decides whether it is worth another. */
export type FailedAttempt =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'transport'; reason: TransportFailureReason };

/** A dropped or cut connection may work next time; refusals do not. */
const TRANSIENT: ReadonlySet<TransportFailureReason> = new Set([
  'reset',
  'cut',
  'network',
]);

/** Capped exponential backoff with full jitter. */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  const draw = Math.min(Math.max(policy.random(), 0), 1 - Number.EPSILON);
  return Math.floor(draw * ceiling);
}

/**
 * Milliseconds to wait before retry number `retry` (0 = the first), or
 * null when this failure is not retried.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  method: AdminMethod,
  failed: FailedAttempt,
  retry: number,
): number | null {
  if (!SAFE_METHODS.has(method) || retry >= policy.maxRetries) return null;
  if (failed.kind === 'transport') {
    return TRANSIENT.has(failed.reason) ? backoffMs(policy, retry) : null;
  }
  if (failed.status === 429) {
    if (failed.retryAfterSeconds === undefined) return backoffMs(policy, retry);
    const wait = failed.retryAfterSeconds * 1000;
    return wait <= policy.maxRetryAfterMs ? wait : null;
  }
  return failed.status >= 500 ? backoffMs(policy, retry) : null;
}
