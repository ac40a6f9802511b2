import { describe, expect, it } from 'vitest';
import { OUTBOX_STATES, type OutboxState } from '../../shared/outbox-types';
import type { AdminApiError } from '../admin-api/admin-client-types';
import {
  backoffMs,
  COMMANDER_MOVES,
  decideFailure,
  moveAllowed,
  resolvedState,
  type SendContext,
} from './state-machine';

const CONTEXT: SendContext = {
  attempts: 1,
  maxAttempts: 10,
  safeResend: false,
  canReadBack: false,
  notFoundMeansDone: false,
  wasInDoubt: false,
  timeoutSettleMs: 30_000,
};

function error(
  kind: AdminApiError['kind'],
  extra: Partial<AdminApiError> = {},
): AdminApiError {
  return {
    kind,
    message: `POST /x: ${kind}`,
    endpoint: 'POST /x',
    status: null,
    mayHaveTakenEffect: false,
    ...extra,
  };
}

describe('commander moves', () => {
  it('allows each move only from its states', () => {
    const table = Object.fromEntries(
      Object.keys(COMMANDER_MOVES).map((move) => [
        move,
        OUTBOX_STATES.filter((state) =>
          moveAllowed(move as keyof typeof COMMANDER_MOVES, state),
        ),
      ]),
    );

    expect(table).toEqual({
      cancel: ['queued', 'failed', 'unknown', 'needs-reconfirmation'],
      reconfirm: ['needs-reconfirmation'],
      retry: ['queued', 'failed', 'unknown'],
      resolveUnknown: ['unknown'],
    });
  });

  it('never lets the commander touch an action on the wire or done', () => {
    const untouchable: OutboxState[] = ['sending', 'confirmed', 'cancelled'];
    for (const state of untouchable) {
      for (const move of Object.keys(COMMANDER_MOVES)) {
        expect(moveAllowed(move as keyof typeof COMMANDER_MOVES, state)).toBe(
          false,
        );
      }
    }
  });

  it('maps the commander’s finding to a final state', () => {
    expect(resolvedState('took-effect')).toBe('confirmed');
    expect(resolvedState('did-not-take-effect')).toBe('failed');
  });
});

describe('deciding after a failed attempt', () => {
  it('fails on a refusal with no retry', () => {
    const decision = decideFailure(
      error('validation', { status: 422 }),
      CONTEXT,
    );
    expect(decision).toMatchObject({ state: 'failed', wait: null });
  });

  it('waits out Retry-After when rate limited', () => {
    const decision = decideFailure(
      error('rate-limited', { status: 429, retryAfterSeconds: 60 }),
      CONTEXT,
    );
    expect(decision).toMatchObject({ state: 'queued', wait: 60_000 });
  });

  it('keeps an earlier doubt through a rate limit', () => {
    const decision = decideFailure(error('rate-limited', { status: 429 }), {
      ...CONTEXT,
      wasInDoubt: true,
    });
    expect(decision).toMatchObject({ inDoubt: true, wait: 'backoff' });
  });

  it('takes 404 as done where a repeat delete answers 404', () => {
    const gone = error('not-found', { status: 404 });
    expect(
      decideFailure(gone, { ...CONTEXT, notFoundMeansDone: true }).state,
    ).toBe('confirmed');
    expect(decideFailure(gone, CONTEXT).state).toBe('failed');
  });

  it('never resends unknown-effect attempts it cannot check', () => {
    const lost = error('timeout', { mayHaveTakenEffect: true });
    expect(decideFailure(lost, CONTEXT)).toMatchObject({
      state: 'unknown',
      wait: null,
      inDoubt: true,
    });
    // A timeout is given time to land before the state is read back; an
    // answer the server finished (a 5xx, a reset after it acted) is not.
    expect(
      decideFailure(lost, { ...CONTEXT, canReadBack: true }),
    ).toMatchObject({ state: 'unknown', wait: 30_000 });
    const answered = error('server-error', {
      status: 502,
      mayHaveTakenEffect: true,
    });
    expect(
      decideFailure(answered, { ...CONTEXT, canReadBack: true }),
    ).toMatchObject({ state: 'unknown', wait: 'backoff' });
    expect(decideFailure(lost, { ...CONTEXT, safeResend: true })).toMatchObject(
      { state: 'queued', wait: 'backoff', inDoubt: true },
    );
  });

  it('stops retrying at the attempt limit, in doubt or not', () => {
    const last = { ...CONTEXT, attempts: 10, safeResend: true };
    const lost = error('server-error', {
      status: 500,
      mayHaveTakenEffect: true,
    });
    expect(decideFailure(lost, last)).toMatchObject({
      state: 'unknown',
      wait: null,
    });
    expect(decideFailure(error('offline'), last)).toMatchObject({
      state: 'failed',
      wait: null,
    });
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped, and keeps a floor', () => {
    const policy = (value: number) => ({
      baseMs: 1_000,
      capMs: 60_000,
      random: () => value,
    });

    expect(backoffMs(policy(0.999), 1)).toBe(999);
    expect(backoffMs(policy(0.999), 3)).toBe(3_996);
    expect(backoffMs(policy(0.999), 20)).toBe(59_940);
    expect(backoffMs(policy(0), 20)).toBe(6_000);
    expect(backoffMs(policy(0.5), 2)).toBe(1_000);
  });

  it('spreads retries with jitter', () => {
    let n = 0;
    const draws = [0.1, 0.9, 0.5];
    const policy = {
      baseMs: 1_000,
      capMs: 60_000,
      random: () => draws[n++ % draws.length],
    };
    const waits = draws.map(() => backoffMs(policy, 4));
    expect(new Set(waits).size).toBe(3);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
  });
});
