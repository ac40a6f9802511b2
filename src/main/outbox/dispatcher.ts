/**
 * The one loop that sends actions: single-flight (one action at a time,
 * one loop per outbox), nothing while the platform is unreachable, each
 * action when its time has come (backoff, `Retry-After`). For each due
 * action it either reads the server's state back (an earlier attempt may
 * have acted) or sends it once, then journals what happened
 * (outbox-journal.ts) and decides what comes next (state-machine.ts).
 */
import type { ConnectionState } from '../../shared/admin-api-types';
import { ENTRY_KINDS, type JsonObject } from '../../shared/journal-types';
import type {
  AdminApiError,
  AdminClient,
  AdminResponse,
  CapabilityRoute,
} from '../admin-api/admin-client-types';
import { cleanText } from '../admin-api/answer-errors';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import {
  resultIdOf,
  specOf,
  wireRequestOf,
  type ActionSpec,
  type ReadBack,
  type WireRequest,
} from './action-catalogue';
import {
  firstSentRequest,
  journalTransition,
  OUTBOX_ACTOR,
  type JournalContext,
  type Transition,
} from './outbox-journal';
import {
  actionsInState,
  claimedResultIds,
  earliestDueMicros,
  markQueuedOffline,
  nextDueAction,
  staleQueuedActions,
  updateAction,
  type StoredAction,
} from './outbox-store';
import {
  backoffMs,
  decideFailure,
  type BackoffPolicy,
  type Decision,
} from './state-machine';
import { formatEpochMicros } from '../../shared/timestamps';
import { routeFor } from './route-choice';

/** How the outbox reaches the platform; both read at every step. */
export type AdminLink = {
  client(): AdminClient | null;
  connection(): ConnectionState;
};

export type OutboxPolicy = {
  /** An action that waited offline longer than this needs reconfirming. */
  staleAfterMs: number;
  backoff: BackoffPolicy;
  /** Attempts before an action stops retrying on its own. */
  maxAttempts: number;
  /**
   * Wait after a step failed unexpectedly (a database error), and before
   * asking the server again what it offers.
   */
  idleMs: number;
  /**
   * How long a request the client gave up on (a timeout) is given to land
   * before the server's state is read back: read sooner, the server may
   * still be acting on it, find nothing, and the resend would act twice.
   */
  timeoutSettleMs: number;
};

export type DispatcherDeps = {
  journal: JournalContext;
  timers: Timers;
  logger: Logger;
  link: AdminLink;
  policy: OutboxPolicy;
  changed: (action: StoredAction) => void;
};

const SUMMARY_LIMIT = 300;

export function isReachable(state: ConnectionState): boolean {
  return state === 'online' || state === 'degraded';
}

function summary(text: string): string {
  return cleanText(text, SUMMARY_LIMIT);
}

function endpointOf(wire: WireRequest): string {
  return `${wire.method} ${wire.path}`;
}

export class Dispatcher {
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: AbortController | null = null;
  private kicked = false;
  private idle: (() => void) | null = null;

  constructor(private readonly deps: DispatcherDeps) {}

  /**
   * Before the first step: actions caught on the wire by a stop or crash
   * become unknown (checked before anything is resent), and what waited
   * queued longer than the limit while the console was closed counts as
   * having waited offline.
   */
  recover(): void {
    const { db } = this.deps.journal;
    const reason =
      'the console stopped while the request was on the wire; the ' +
      "platform's state is checked before anything is resent";
    for (const action of actionsInState(db, 'sending')) {
      this.commit(action, {
        entryKind: ENTRY_KINDS.actionStateChanged,
        actor: OUTBOX_ACTOR,
        payload: { reason },
        change: {
          state: 'unknown',
          stateReason: reason,
          inDoubt: true,
          nextAttemptMicros: this.now(),
        },
      });
    }
    const before = this.now() - this.deps.policy.staleAfterMs * 1000;
    const at = formatEpochMicros(this.now());
    for (const action of actionsInState(db, 'queued')) {
      if (action.freshSinceMicros >= before) continue;
      updateAction(db, action.view.id, { queuedOffline: true }, at);
    }
  }

  start(): void {
    if (this.running !== null) return;
    this.stopped = false;
    this.running = this.loop().finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.running;
  }

  kick(): void {
    this.kicked = true;
    this.wake?.abort();
    this.idle?.();
  }

  private now(): number {
    return this.deps.journal.clock.nowMicros();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let waitMs: number | null;
      try {
        waitMs = await this.step();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'outbox step failed');
        waitMs = this.deps.policy.idleMs;
      }
      if (this.stopped) break;
      if (waitMs === null) await this.waitForKick();
      else if (waitMs > 0) await this.sleep(waitMs);
    }
  }

  /**
   * Nothing is due at any known time: wait for a kick (an action queued
   * or moved, the connection changed) without holding a timer.
   */
  private async waitForKick(): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    await new Promise<void>((resolve) => (this.idle = resolve));
    this.idle = null;
    this.kicked = false;
  }

  private async sleep(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    this.wake = new AbortController();
    try {
      await this.deps.timers.sleep(ms, this.wake.signal);
    } catch {
      // Woken by a kick or a stop: look again at once.
    } finally {
      this.wake = null;
      this.kicked = false;
    }
  }

  /**
   * One look at the queue; returns how long to wait before the next, or
   * null to wait for a kick.
   */
  private async step(): Promise<number | null> {
    const { link, journal } = this.deps;
    const client = link.client();
    if (!journal.db.open) return null;
    if (client === null || !isReachable(link.connection())) {
      this.markWaitingOffline();
      return null;
    }
    const now = this.now();
    this.expireStale(now);
    const next = nextDueAction(journal.db, now);
    if (next === null) {
      const due = earliestDueMicros(journal.db);
      if (due === null) return null;
      return Math.max(1, Math.ceil((due - now) / 1000));
    }
    await this.process(next, client);
    return 0;
  }

  /** Queued actions seen waiting while the platform is unreachable. */
  private markWaitingOffline(): void {
    const at = formatEpochMicros(this.now());
    markQueuedOffline(this.deps.journal.db, at);
  }

  private expireStale(now: number): void {
    const { staleAfterMs } = this.deps.policy;
    const before = now - staleAfterMs * 1000;
    const minutes = Math.round(staleAfterMs / 60_000);
    for (const action of staleQueuedActions(this.deps.journal.db, before)) {
      this.commit(action, {
        entryKind: ENTRY_KINDS.actionStateChanged,
        actor: OUTBOX_ACTOR,
        payload: {
          reason:
            `waited offline longer than ${minutes} min; not sent until ` +
            'the commander confirms it again',
        },
        change: {
          state: 'needs-reconfirmation',
          stateReason: `waited offline longer than ${minutes} min`,
          nextAttemptMicros: null,
        },
      });
    }
  }

  private commit(
    action: StoredAction,
    transition: Transition,
  ): StoredAction | null {
    // Closed under an answer in flight: the row stays `sending` and is
    // settled at the next start, as after a crash.
    if (!this.deps.journal.db.open) return null;
    const label = specOf(action.view.kind).label;
    const after = journalTransition(
      this.deps.journal,
      action,
      label,
      transition,
    );
    if (after !== null) this.deps.changed(after);
    return after;
  }

  /** Moves the next look at an action later, without a journal entry. */
  private reschedule(action: StoredAction, ms: number | null, why: string) {
    if (!this.deps.journal.db.open) return;
    const next = ms === null ? null : this.now() + ms * 1000;
    const at = formatEpochMicros(this.now());
    const change = { nextAttemptMicros: next, stateReason: why };
    updateAction(this.deps.journal.db, action.view.id, change, at);
  }

  private backoff(action: StoredAction): number {
    const attempt = Math.max(1, action.view.attempts);
    return backoffMs(this.deps.policy.backoff, attempt);
  }

  private async process(action: StoredAction, client: AdminClient) {
    const spec = specOf(action.view.kind);
    const choice = await routeFor(client, spec);
    if (choice.kind === 'unknown') {
      // Asking again means a whole discovery: not more often than this.
      this.reschedule(action, this.deps.policy.idleMs, choice.reason);
      return;
    }
    if (choice.kind === 'absent') {
      this.fail(action, choice.reason);
      return;
    }
    const { route } = choice;
    const canReadBack = this.canReadBack(spec, client);
    const mustCheck =
      action.view.state === 'unknown' || (action.inDoubt && canReadBack);
    if (mustCheck) {
      await this.reconcile(action, spec, route, client);
      return;
    }
    await this.send(action, spec, route, client);
  }

  private canReadBack(spec: ActionSpec, client: AdminClient): boolean {
    const needs = spec.readBackCapability;
    return spec.readBack !== undefined && needs !== null && client.has(needs);
  }

  private fail(action: StoredAction, reason: string): void {
    this.commit(action, {
      entryKind: ENTRY_KINDS.actionStateChanged,
      actor: OUTBOX_ACTOR,
      payload: { reason },
      change: { state: 'failed', stateReason: reason, nextAttemptMicros: null },
    });
  }

  private safeResend(spec: ActionSpec, route: CapabilityRoute): boolean {
    return route.honoursIdempotencyKey === true || spec.repeatSafe(route);
  }

  /**
   * Settles an action that may have acted: reads the server's state back
   * where it can; where it cannot, a safe resend is queued and anything
   * else waits for the commander.
   */
  private async reconcile(
    action: StoredAction,
    spec: ActionSpec,
    route: CapabilityRoute,
    client: AdminClient,
  ): Promise<void> {
    if (!this.canReadBack(spec, client)) {
      this.settleWithoutReadBack(action, spec, route);
      return;
    }
    const claimed = claimedResultIds(this.deps.journal.db, spec.kind);
    const found = await spec.readBack!(action.view.request as never, {
      client,
      claimed,
    });
    this.applyReadBack(action, found);
  }

  private settleWithoutReadBack(
    action: StoredAction,
    spec: ActionSpec,
    route: CapabilityRoute,
  ): void {
    if (action.view.state === 'queued') return; // the commander said resend
    if (this.safeResend(spec, route)) {
      const reason = 'a resend cannot act twice on this route; resending';
      this.commit(action, {
        entryKind: ENTRY_KINDS.actionStateChanged,
        actor: OUTBOX_ACTOR,
        payload: { reason },
        change: {
          state: 'queued',
          stateReason: reason,
          nextAttemptMicros: null,
        },
      });
      return;
    }
    this.reschedule(
      action,
      null,
      'no answer, and the platform cannot be asked whether it took ' +
        'effect: check the platform, then mark it or retry',
    );
  }

  private applyReadBack(action: StoredAction, found: ReadBack): void {
    const payload: JsonObject = { finding: found.kind, summary: found.summary };
    const base = { entryKind: ENTRY_KINDS.actionReadBack, actor: OUTBOX_ACTOR };
    if (found.kind === 'failed') {
      this.commit(action, {
        ...base,
        payload,
        change: {
          lastError: found.summary,
          nextAttemptMicros: this.now() + this.backoff(action) * 1000,
        },
      });
      return;
    }
    const tookEffect = found.kind === 'took-effect';
    this.commit(action, {
      ...base,
      payload,
      change: {
        state: tookEffect ? 'confirmed' : 'queued',
        stateReason: tookEffect
          ? `the platform shows it took effect: ${found.summary}`
          : `the platform shows it did not take effect: ${found.summary}`,
        inDoubt: false,
        nextAttemptMicros: null,
        ...(tookEffect ? { resultId: found.resultId } : {}),
      },
    });
  }

  private async send(
    action: StoredAction,
    spec: ActionSpec,
    route: CapabilityRoute,
    client: AdminClient,
  ): Promise<void> {
    let wire = firstSentRequest(this.deps.journal.db, action.view);
    try {
      wire ??= wireRequestOf(action.view.request, route);
    } catch (error) {
      this.fail(action, error instanceof Error ? error.message : 'refused');
      return;
    }
    const attempt = action.view.attempts + 1;
    const sending = this.commit(action, {
      entryKind: ENTRY_KINDS.actionSent,
      actor: OUTBOX_ACTOR,
      payload: {
        attempt,
        endpoint: endpointOf(wire),
        query: (wire.query ?? null) as JsonObject | null,
        body: (wire.body ?? null) as JsonObject | null,
        idempotencyKey: action.view.id,
      },
      change: {
        state: 'sending',
        stateReason: 'on the wire',
        attempts: attempt,
        route: endpointOf(wire),
      },
    });
    if (sending === null) return;

    const result = await client.request(wire.method, wire.path, {
      query: wire.query,
      body: wire.body,
      priority: 'emergency',
      idempotencyKey: action.view.id,
    });
    if (result.ok) this.confirm(sending, result.value, result.receivedAt);
    else this.answerFailure(sending, spec, route, client, result.error);
  }

  private confirm(action: StoredAction, answer: AdminResponse, at: string) {
    const words = summary(answer.bodyText);
    const resultId = resultIdOf(answer.body);
    this.commit(action, {
      entryKind: ENTRY_KINDS.actionAnswered,
      actor: OUTBOX_ACTOR,
      payload: {
        attempt: action.view.attempts,
        status: answer.status,
        answer: words,
        resultId,
      },
      change: {
        state: 'confirmed',
        stateReason: `the platform answered ${answer.status}`,
        inDoubt: false,
        nextAttemptMicros: null,
        lastError: null,
        lastAnswer: { status: answer.status, summary: words, at },
        resultId,
      },
    });
  }

  private answerFailure(
    action: StoredAction,
    spec: ActionSpec,
    route: CapabilityRoute,
    client: AdminClient,
    error: AdminApiError,
  ): void {
    const decision = decideFailure(error, {
      attempts: action.view.attempts,
      maxAttempts: this.deps.policy.maxAttempts,
      safeResend: this.safeResend(spec, route),
      canReadBack: this.canReadBack(spec, client),
      notFoundMeansDone: spec.notFoundMeansDone,
      wasInDoubt: action.inDoubt,
      timeoutSettleMs: this.deps.policy.timeoutSettleMs,
    });
    const words = summary(error.serverMessage ?? error.message);
    const at = formatEpochMicros(this.now());
    this.commit(action, {
      entryKind: ENTRY_KINDS.actionAnswered,
      actor: OUTBOX_ACTOR,
      payload: {
        attempt: action.view.attempts,
        status: error.status,
        answer: words,
        errorKind: error.kind,
        reason: decision.reason,
      },
      change: {
        state: decision.state,
        stateReason: decision.reason,
        inDoubt: decision.inDoubt,
        nextAttemptMicros: this.nextAttempt(action, decision),
        lastError: summary(error.message),
        lastAnswer: { status: error.status, summary: words, at },
      },
    });
  }

  private nextAttempt(action: StoredAction, decision: Decision) {
    if (decision.wait === null) return null;
    const ms =
      decision.wait === 'backoff' ? this.backoff(action) : decision.wait;
    return this.now() + ms * 1000;
  }
}
