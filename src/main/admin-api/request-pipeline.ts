/**
 * How every request goes out: prepared (request-preparation.ts), a turn in
 * the polling budget, one HTTP exchange (a same-origin redirect of a read
 * followed once), retries for reads, one log line (method, path, status,
 * ms, retries; never headers, query or body), and an error with the token
 * scrubbed out. Never rejects.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Timers } from '../timers';
import type { AdminApiError } from './admin-client-types';
import { answerError, transportError } from './answer-errors';
import { exchange, type Exchange, type HttpAnswer } from './http-exchange';
import type { RequestBudget } from './request-budget';
import {
  prepareRequest,
  refusal,
  type PreparedRequest,
  type SendSpec,
} from './request-preparation';
import {
  retryDelayMs,
  SAFE_METHODS,
  type FailedAttempt,
  type RetryPolicy,
} from './retry-policy';
import { scrub, scrubError, scrubExchange } from './token-scrub';

export type { SendSpec };

export type Sent =
  | {
      ok: true;
      answer: HttpAnswer;
      endpoint: string;
      retries: number;
      receivedAt: string;
    }
  | {
      ok: false;
      error: AdminApiError;
      /** The non-2xx answer behind the error, if one arrived. */
      answer: HttpAnswer | null;
    };

export type Send = (spec: SendSpec) => Promise<Sent>;

export type SenderDeps = {
  /** Parsed base URL; null when the one given is unusable. */
  base: URL | null;
  token: () => string | null;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  budget: RequestBudget;
  retry: RetryPolicy;
  timeoutMs: number;
  closing: AbortSignal;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CLOSED = 'the admin client was closed';

function failed(refused: { refused: AdminApiError }): Sent {
  return { ok: false, error: refused.refused, answer: null };
}

/** A same-origin redirect of a read is followed once, within the base. */
function redirectTarget(
  deps: SenderDeps,
  spec: SendSpec,
  result: Exchange,
): URL | null {
  if (!result.ok || !REDIRECTS.has(result.answer.status)) return null;
  if (spec.followRedirect === false || !SAFE_METHODS.has(spec.method)) {
    return null;
  }
  const location = result.answer.headers.get('location');
  if (!location || deps.base === null) return null;
  try {
    const url = new URL(location, deps.base);
    const prefix = deps.base.pathname.replace(/\/+$/, '');
    const inside =
      url.origin === deps.base.origin && url.pathname.startsWith(prefix);
    return inside ? url : null;
  } catch {
    return null;
  }
}

async function attempt(
  deps: SenderDeps,
  spec: SendSpec,
  prepared: PreparedRequest,
): Promise<Exchange> {
  const request = {
    method: spec.method,
    headers: prepared.headers,
    body: prepared.body,
    timeoutMs: deps.timeoutMs,
    closing: deps.closing,
  };
  const first = await exchange({ ...request, url: prepared.url });
  const next = redirectTarget(deps, spec, first);
  const result =
    next === null ? first : await exchange({ ...request, url: next });
  return scrubExchange(result, prepared.token);
}

type Judged =
  | { ok: true; answer: HttpAnswer }
  | {
      ok: false;
      error: AdminApiError;
      answer: HttpAnswer | null;
      failure: FailedAttempt;
    };

function judge(deps: SenderDeps, endpoint: string, result: Exchange): Judged {
  if (!result.ok) {
    const { reason } = result.failure;
    const error = transportError(endpoint, result.failure, deps.timeoutMs);
    const failure = { kind: 'transport', reason } as const;
    return { ok: false, error, answer: null, failure };
  }
  const { answer } = result;
  if (answer.status >= 200 && answer.status < 300) return { ok: true, answer };

  const error = answerError(endpoint, answer, deps.clock.nowMicros());
  if (REDIRECTS.has(answer.status)) {
    error.message = `${endpoint}: redirected (${answer.status}); not followed`;
  }
  const failure: FailedAttempt = {
    kind: 'status',
    status: answer.status,
    retryAfterSeconds: error.retryAfterSeconds,
  };
  return { ok: false, error, answer, failure };
}

/** A poll's turn in the budget; a failure when it may not go now. */
async function takeTurn(
  deps: SenderDeps,
  spec: SendSpec,
  endpoint: string,
): Promise<Sent | null> {
  try {
    const turn = await deps.budget.take(spec.priority, deps.closing);
    if (turn.ok) return null;

    const wait = turn.retryAfterSeconds;
    const message = `not sent: the platform asked for a pause; retry after ${wait} s`;
    const refused = refusal(endpoint, 'rate-limited', message);
    refused.refused.retryAfterSeconds = wait;
    return failed(refused);
  } catch {
    return failed(refusal(endpoint, 'offline', CLOSED));
  }
}

async function pause(deps: SenderDeps, ms: number): Promise<boolean> {
  try {
    await deps.timers.sleep(ms, deps.closing);
    return true;
  } catch {
    return false;
  }
}

type Finished = { sent: Sent; retries: number; status: number | null };

/** The attempts of one request, with waits between a read's retries. */
async function sendPrepared(
  deps: SenderDeps,
  spec: SendSpec,
  prepared: PreparedRequest,
  endpoint: string,
): Promise<Finished> {
  for (let retries = 0; ; retries += 1) {
    const refused = await takeTurn(deps, spec, endpoint);
    if (refused !== null) return { sent: refused, retries, status: null };

    const judged = judge(deps, endpoint, await attempt(deps, spec, prepared));
    if (judged.ok) {
      const { answer } = judged;
      const receivedAt = formatEpochMicros(deps.clock.nowMicros());
      const sent: Sent = { ok: true, answer, endpoint, retries, receivedAt };
      return { sent, retries, status: answer.status };
    }

    const { error, answer, failure } = judged;
    const status = answer?.status ?? error.status;
    if (
      error.kind === 'rate-limited' &&
      error.retryAfterSeconds !== undefined
    ) {
      deps.budget.pause(error.retryAfterSeconds);
    }
    const delay = retryDelayMs(deps.retry, spec.method, failure, retries);
    if (delay === null) {
      return { sent: { ok: false, error, answer }, retries, status };
    }
    if (!(await pause(deps, delay))) {
      const closed = failed(refusal(endpoint, 'offline', CLOSED));
      return { sent: closed, retries, status };
    }
  }
}

type Outcome = { status: number | null; ms: number; retries: number };

function logOutcome(
  deps: SenderDeps,
  spec: SendSpec,
  outcome: Outcome & { token: string },
  error: AdminApiError | null,
): void {
  const line = {
    method: spec.method,
    path: scrub(spec.path, outcome.token),
    status: outcome.status,
    ms: outcome.ms,
    retries: outcome.retries,
    ...(error === null ? {} : { kind: error.kind }),
  };
  if (error !== null) {
    deps.logger.warn(line, 'admin request failed');
  } else if (spec.priority === 'poll' && SAFE_METHODS.has(spec.method)) {
    deps.logger.debug(line, 'admin request');
  } else {
    deps.logger.info(line, 'admin request');
  }
}

export function createSender(deps: SenderDeps): Send {
  return async (spec) => {
    const endpoint = `${spec.method} ${spec.path}`;
    const token = deps.token();
    const input = { base: deps.base, token, closed: deps.closing.aborted };
    const prepared = prepareRequest(input, spec, endpoint);
    const started = performance.now();
    const finished =
      'refused' in prepared
        ? { sent: failed(prepared), retries: 0, status: null }
        : await sendPrepared(deps, spec, prepared, endpoint);
    const ms = Math.round(performance.now() - started);

    const { sent, retries, status } = finished;
    const secret = token ?? '';
    const error = sent.ok ? null : scrubError(sent.error, secret);
    logOutcome(deps, spec, { status, ms, retries, token: secret }, error);
    return error === null ? sent : { ...sent, error };
  };
}
