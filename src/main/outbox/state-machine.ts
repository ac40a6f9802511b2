/**
 * The outbox's decisions, as pure functions: which commander move each
 * state allows, what an attempt's outcome makes of an action, and how
 * long to wait before the next attempt. No I/O, no clock of its own.
 *
 *   queued ──send──▶ sending ──2xx──▶ confirmed
 *     ▲                 │ ├─4xx──▶ failed (the server's answer)
 *     │                 │ ├─429, not sent──▶ queued (Retry-After, backoff)
 *     │                 │ └─no answer / 5xx──▶ queued   when a resend is safe
 *     │                 │                      unknown  otherwise
 *     │   unknown ──read back──▶ confirmed (took effect) | queued (did not)
 *     │   unknown without read-back ──▶ waits for the commander
 *     └─ needs-reconfirmation ◀── queued offline past the limit
 */
import type { OutboxState, UnknownOutcome } from '../../shared/outbox-types';
import type { AdminApiError } from '../admin-api/admin-client-types';

export const COMMANDER_MOVES = {
  cancel: ['queued', 'needs-reconfirmation', 'unknown', 'failed'],
  reconfirm: ['needs-reconfirmation'],
  retry: ['queued', 'failed', 'unknown'],
  resolveUnknown: ['unknown'],
} as const satisfies Record<string, readonly OutboxState[]>;

export type CommanderMove = keyof typeof COMMANDER_MOVES;

export function moveAllowed(move: CommanderMove, state: OutboxState): boolean {
  return (COMMANDER_MOVES[move] as readonly OutboxState[]).includes(state);
}

export function resolvedState(outcome: UnknownOutcome): OutboxState {
  return outcome === 'took-effect' ? 'confirmed' : 'failed';
}

export type BackoffPolicy = {
  baseMs: number;
  capMs: number;
  /** Uniform in [0, 1). */
  random: () => number;
};

/**
 * Capped exponential backoff with full jitter, never below a tenth of
 * the ceiling (so a run of tiny draws cannot hammer the server).
 * `attempt` is the number of attempts made so far (1 after the first).
 */
export function backoffMs(policy: BackoffPolicy, attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(policy.random(), 0), 1 - Number.EPSILON);
  return Math.max(Math.floor(ceiling / 10), Math.floor(draw * ceiling));
}

/** What the engine knows about the route when an answer arrives. */
export type SendContext = {
  attempts: number;
  maxAttempts: number;
  /** A resend cannot act twice (key honoured, or repeat-safe route). */
  safeResend: boolean;
  /** The server's state can be read back to tell. */
  canReadBack: boolean;
  notFoundMeansDone: boolean;
  /** The action was already in doubt before this attempt. */
  wasInDoubt: boolean;
  /** After a timeout, the wait before the server's state is read back. */
  timeoutSettleMs: number;
};

export type Decision = {
  state: OutboxState;
  reason: string;
  /** `backoff`: wait the backoff; a number: wait that many ms; null: none. */
  wait: 'backoff' | number | null;
  inDoubt: boolean;
};

/** Not processed at all: a refusal before the route, or never sent. */
const NOT_PROCESSED: ReadonlySet<AdminApiError['kind']> = new Set([
  'rate-limited',
  'offline',
  'not-configured',
  'unauthorised',
  'network-rejected',
]);

function inDoubtDecision(error: AdminApiError, context: SendContext): Decision {
  const what = `no certain answer (${error.kind})`;
  if (context.attempts >= context.maxAttempts) {
    return {
      state: 'unknown',
      reason: `${what} after ${context.attempts} attempts; check the platform`,
      wait: null,
      inDoubt: true,
    };
  }
  if (context.canReadBack) {
    // A timed-out request may still be at work on the server; a read-back
    // before it lands would find nothing and the resend would act twice.
    const settling = error.kind === 'timeout';
    return {
      state: 'unknown',
      reason:
        `${what}; the server's state will be read back before a resend` +
        (settling
          ? `, after ${Math.round(context.timeoutSettleMs / 1000)} s for ` +
            'the request to land'
          : ''),
      wait: settling ? context.timeoutSettleMs : 'backoff',
      inDoubt: true,
    };
  }
  if (context.safeResend) {
    return {
      state: 'queued',
      reason: `${what}; a resend cannot act twice, so it will be resent`,
      wait: 'backoff',
      inDoubt: true,
    };
  }
  return {
    state: 'unknown',
    reason:
      `${what}; the platform cannot be asked whether it took effect, so ` +
      'it is not resent: check the platform, then mark it or retry',
    wait: null,
    inDoubt: true,
  };
}

function notProcessedDecision(
  error: AdminApiError,
  context: SendContext,
): Decision {
  const limited = error.kind === 'rate-limited';
  const seconds = error.retryAfterSeconds;
  const wait = limited && seconds !== undefined ? seconds * 1000 : 'backoff';
  if (context.attempts >= context.maxAttempts && !limited) {
    return {
      state: context.wasInDoubt ? 'unknown' : 'failed',
      reason: `not accepted after ${context.attempts} attempts: ${error.message}`,
      wait: null,
      inDoubt: context.wasInDoubt,
    };
  }
  return {
    state: 'queued',
    reason: limited
      ? `the platform asked for a pause${seconds === undefined ? '' : ` of ${seconds} s`}`
      : `not accepted (${error.kind}); will try again`,
    wait,
    inDoubt: context.wasInDoubt,
  };
}

/** What a failed attempt makes of the action. */
export function decideFailure(
  error: AdminApiError,
  context: SendContext,
): Decision {
  if (error.kind === 'not-found' && context.notFoundMeansDone) {
    return {
      state: 'confirmed',
      reason: 'the platform says it is already gone',
      wait: null,
      inDoubt: false,
    };
  }
  if (NOT_PROCESSED.has(error.kind) && error.mayHaveTakenEffect !== true) {
    return notProcessedDecision(error, context);
  }
  if (error.mayHaveTakenEffect === true) return inDoubtDecision(error, context);
  return {
    state: 'failed',
    reason: `the platform refused it: ${error.message}`,
    wait: null,
    inDoubt: false,
  };
}
