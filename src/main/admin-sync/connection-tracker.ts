import { ulid } from 'ulid';
import type {
  ConnectionState,
  ConnectionTransition,
} from '../../shared/admin-api-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Assessment } from './connection-state';

/** Transitions kept for the status and for pinning. */
export const RECENT_TRANSITIONS = 50;

const DOWN: readonly ConnectionState[] = ['offline', 'unauthorised'];
const UP: readonly ConnectionState[] = ['online', 'degraded'];

export type ConnectionNow = {
  state: ConnectionState;
  since: string;
  reason: string;
};

/**
 * The connection state and its recent transitions, newest first. Every
 * transition is logged; the caller pushes the new status.
 */
export class ConnectionTracker {
  private now: ConnectionNow;
  /** Whether a down state was seen, rather than assumed before contact. */
  private downObserved = false;
  private readonly recent: ConnectionTransition[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    initial: Assessment,
  ) {
    this.now = { ...initial, since: this.timestamp() };
  }

  get current(): ConnectionNow {
    return this.now;
  }

  transitions(): ConnectionTransition[] {
    return [...this.recent];
  }

  find(id: string): ConnectionTransition | null {
    return this.recent.find((transition) => transition.id === id) ?? null;
  }

  /**
   * Moves to the assessed state; returns the transition, or null if the
   * state did not change (its reason is still updated).
   */
  move(assessment: Assessment): ConnectionTransition | null {
    const from = this.now.state;
    if (assessment.state === from) {
      this.now = { ...this.now, reason: assessment.reason };
      if (DOWN.includes(from)) this.downObserved = true;
      return null;
    }
    const transition = this.record(from, assessment);
    this.downObserved = DOWN.includes(assessment.state);
    this.now = {
      state: assessment.state,
      since: transition.at,
      reason: assessment.reason,
    };
    return transition;
  }

  private record(
    from: ConnectionState,
    assessment: Assessment,
  ): ConnectionTransition {
    const to = assessment.state;
    const backUp = this.downObserved && DOWN.includes(from) && UP.includes(to);
    const transition: ConnectionTransition = {
      id: ulid(),
      from,
      to,
      at: this.timestamp(),
      reason: assessment.reason,
      notable: DOWN.includes(to) || backUp,
    };
    this.recent.unshift(transition);
    this.recent.length = Math.min(this.recent.length, RECENT_TRANSITIONS);
    const level = DOWN.includes(to) ? 'warn' : 'info';
    this.logger[level](
      { from, to, transitionId: transition.id },
      'admin API connection changed',
    );
    return transition;
  }

  private timestamp(): string {
    return formatEpochMicros(this.clock.nowMicros());
  }
}
