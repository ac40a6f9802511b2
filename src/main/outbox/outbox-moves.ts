/**
 * The commander's moves on an action, as the row change and the reason
 * each journals (outbox.ts applies them; state-machine.ts says from which
 * states each is allowed).
 */
import type { UnknownOutcome } from '../../shared/outbox-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { RowChange } from './outbox-store';
import { resolvedState, type CommanderMove } from './state-machine';

export type Move = {
  move: CommanderMove;
  actor: string;
  reason: string;
  change: RowChange;
};

export function cancelMove(actor: string, reason: string): Move {
  return {
    move: 'cancel',
    actor,
    reason,
    change: {
      state: 'cancelled',
      stateReason: `cancelled by ${actor}: ${reason}`,
      nextAttemptMicros: null,
    },
  };
}

/** Confirmed again: fresh from now, as if just queued online. */
export function reconfirmMove(actor: string, nowMicros: number): Move {
  return {
    move: 'reconfirm',
    actor,
    reason: 'confirmed again by the commander',
    change: {
      state: 'queued',
      stateReason: `confirmed again by ${actor}`,
      reconfirmedBy: actor,
      reconfirmedAt: formatEpochMicros(nowMicros),
      freshSinceMicros: nowMicros,
      queuedOffline: false,
      nextAttemptMicros: null,
    },
  };
}

/**
 * Sent again on the commander's word; the doubt an earlier attempt left
 * is kept, so the server's state is still read back first where it can be.
 */
export function retryMove(actor: string, nowMicros: number): Move {
  return {
    move: 'retry',
    actor,
    reason: "sent again on the commander's word",
    change: {
      state: 'queued',
      stateReason: `retry asked by ${actor}`,
      freshSinceMicros: nowMicros,
      queuedOffline: false,
      nextAttemptMicros: null,
    },
  };
}

export function resolveMove(actor: string, outcome: UnknownOutcome): Move {
  const words =
    outcome === 'took-effect' ? 'took effect' : 'did not take effect';
  return {
    move: 'resolveUnknown',
    actor,
    reason: `the commander checked the platform: it ${words}`,
    change: {
      state: resolvedState(outcome),
      stateReason: `${actor} checked the platform: it ${words}`,
      inDoubt: false,
      nextAttemptMicros: null,
    },
  };
}
