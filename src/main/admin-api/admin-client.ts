/**
 * The admin-API client of the main process (see AdminClient in
 * admin-client-types.ts): discovery, the reads the dashboard polls, and
 * `request` for the outbox's writes, over one request pipeline with a
 * polling budget. No electron here.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Timers } from '../timers';
import type { AdminClient } from './admin-client-types';
import { createAdminReads } from './admin-reads';
import { DEFAULT_PAGING, type PagingLimits } from './audit-log-pull';
import { createCapabilityRegistry } from './capability-registry';
import { decodeAny } from './read-decoding';
import { createRequestBudget } from './request-budget';
import { createSender } from './request-pipeline';
import type { RetryPolicy } from './retry-policy';

export type AdminClientOptions = {
  baseUrl: string;
  /** Read at every request; null when none is configured. */
  token: () => string | null;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Polls allowed per minute; default 30 (the platform allows 60). */
  pollBudgetPerMinute?: number;
  /** Deadline for one exchange, body included; default 10 000. */
  timeoutMs?: number;
  /** Retries of a read; default 3. Writes are never retried here. */
  maxRetries?: number;
  /** Uniform in [0, 1), for backoff jitter; default Math.random. */
  random?: () => number;
  /** Backoff ceilings in ms; default first 500, at most 15 000. */
  backoff?: { baseMs: number; capMs: number };
  /** A longer `Retry-After` is returned, not waited out; default 60 000. */
  maxRetryAfterMs?: number;
  /** Audit pulls: rows per page and most pages; default 100 and 500. */
  auditPaging?: PagingLimits;
};

function wholeNumber(name: string, value: number, least = 1): number {
  if (!Number.isSafeInteger(value) || value < least) {
    throw new RangeError(`${name} must be a whole number >= ${least}`);
  }
  return value;
}

/** The base URL if http(s) without credentials, query or fragment. */
function parseBase(baseUrl: string): URL | null {
  try {
    const url = new URL(baseUrl);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    const bare = url.username === '' && url.password === '';
    return web && bare && url.search === '' && url.hash === '' ? url : null;
  } catch {
    return null;
  }
}

/** What `baseUrl` shows: origin and path without a trailing slash. */
function shownBase(base: URL | null): string {
  if (base === null) return '';
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
}

function retryPolicy(options: AdminClientOptions): RetryPolicy {
  const backoff = options.backoff ?? { baseMs: 500, capMs: 15_000 };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  return {
    maxRetries: wholeNumber('maxRetries', options.maxRetries ?? 3, 0),
    baseMs: wholeNumber('backoff.baseMs', backoff.baseMs),
    capMs: wholeNumber('backoff.capMs', backoff.capMs),
    maxRetryAfterMs: wholeNumber('maxRetryAfterMs', maxRetryAfterMs, 0),
    random: options.random ?? Math.random,
  };
}

/** Throws a RangeError, naming the option, for a number out of range. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const { clock, timers } = options;
  const base = parseBase(options.baseUrl);
  const closing = new AbortController();
  const retry = retryPolicy(options);
  const perMinute = options.pollBudgetPerMinute ?? 30;
  const budget = createRequestBudget({
    perMinute: wholeNumber('pollBudgetPerMinute', perMinute),
    clock,
    timers,
    maxPauseWaitMs: retry.maxRetryAfterMs,
  });
  const send = createSender({
    base,
    token: options.token,
    clock,
    timers,
    logger: options.logger.child({ module: 'admin-api' }),
    budget,
    retry,
    timeoutMs: wholeNumber('timeoutMs', options.timeoutMs ?? 10_000),
    closing: closing.signal,
  });
  const now = () => formatEpochMicros(clock.nowMicros());
  const registry = createCapabilityRegistry(send, now);
  const paging = options.auditPaging ?? DEFAULT_PAGING;

  return {
    baseUrl: shownBase(base),
    discover: () => registry.discover(),
    capabilities: () => registry.views(),
    has: (capability) => registry.route(capability) !== null,
    route: (capability) => registry.route(capability),
    ...createAdminReads(send, registry, paging),
    async request(method, path, request = {}) {
      const { query, body, idempotencyKey } = request;
      const priority = request.priority ?? 'poll';
      const spec = { method, path, query, body, priority, idempotencyKey };
      const sent = await send(spec);
      return sent.ok ? decodeAny(sent) : { ok: false, error: sent.error };
    },
    close: () => closing.abort(),
  };
}
