/**
 * The outbox of emergency actions: its public contract (`Outbox`) and
 * `createOutbox`. No electron here; everything runs under Node in tests.
 *
 * - `availability()` says, per action kind, whether the server offers it
 *   (from the admin client's discovered capabilities), the route, why not,
 *   and what to do by hand instead. It never sends anything.
 * - `queue` checks the request (throws AppFailure `invalid-input`, naming
 *   what is wrong, and writes nothing) and refuses an action the server
 *   cannot take (no capability for it, and always `address-block` without
 *   a block capability: AppFailure `unavailable` whose message says why;
 *   the caller records the manual step). Otherwise it
 *   appends `action.requested` to the incident's journal and inserts the
 *   row in ONE transaction, then wakes the dispatcher and returns the row.
 * - `cancel`, `reconfirm`, `retry`, `resolveUnknown` are the commander's
 *   moves; each journals an `action.state-changed` entry with the actor
 *   and changes the row in one transaction. A move the state does not
 *   allow throws AppFailure `invalid-input` (COMMANDER_MOVES in
 *   state-machine.ts says which state allows which move); an unknown id
 *   throws `not-found`.
 * - An action queued (or kept waiting) while the platform was unreachable,
 *   or while the console was closed, that waited longer than
 *   `staleAfterMs` (default 15 min) goes to `needs-reconfirmation` and is
 *   never sent until `reconfirm`.
 * - `start()` first turns every action found in `sending` into `unknown`
 *   (the console stopped while it was on the wire), then dispatches:
 *   one action at a time, only while the platform is reachable, with
 *   capped exponential backoff with jitter and the server's `Retry-After`.
 *   `stop()` ends the loop and waits for an attempt in progress.
 * - `onChanged(listener)` is called after commit with every changed row;
 *   it returns a function that removes the listener.
 * - `waitingCount()` counts actions waiting to be sent or on the
 *   commander (`WAITING_OUTBOX_STATES`), for the header badge.
 *
 * At most one effect per action: every attempt carries `Idempotency-Key:
 * <action id>`; where the server does not show it honours the key, an
 * attempt that may have taken effect is checked by reading the server's
 * state back before any resend, and where no read-back exists the action
 * waits in `unknown` for the commander (`resolveUnknown` or `retry`).
 */
import { ENTRY_KINDS, type JournalEntry } from '../../shared/journal-types';
import {
  actionRequestSchema,
  type ActionAvailability,
  type ActionRequest,
  type OutboxAction,
  type OutboxFilter,
  type UnknownOutcome,
} from '../../shared/outbox-types';
import { AppFailure } from '../../shared/result';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import type { JournalWriter } from '../journal/append-entries';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import { specOf } from './action-catalogue';
import {
  Dispatcher,
  isReachable,
  type AdminLink,
  type OutboxPolicy,
} from './dispatcher';
import {
  cancelMove,
  reconfirmMove,
  resolveMove,
  retryMove,
  type Move,
} from './outbox-moves';
import {
  journalNewAction,
  journalTransition,
  type JournalContext,
} from './outbox-journal';
import {
  countWaiting,
  listActions,
  readAction,
  type StoredAction,
} from './outbox-store';
import { allAvailability, availabilityOf } from './route-choice';
import { moveAllowed } from './state-machine';

export type { AdminLink };

export type QueueMeta = {
  incidentId: string;
  /** Who asked for it (the commander's name as the console knows it). */
  actor: string;
  /** Who confirmed it under the two-person rule, when that applied. */
  secondPerson?: string;
};

export type OutboxListener = (action: OutboxAction) => void;

export type Outbox = {
  availability(): ActionAvailability[];
  queue(request: ActionRequest, meta: QueueMeta): OutboxAction;
  /** Newest first. */
  list(filter?: OutboxFilter): OutboxAction[];
  get(id: string): OutboxAction | null;
  /** From queued, needs-reconfirmation, unknown or failed. */
  cancel(id: string, actor: string, reason: string): OutboxAction;
  /** From needs-reconfirmation: queued again, fresh from now. */
  reconfirm(id: string, actor: string): OutboxAction;
  /**
   * From failed or unknown (and queued, to send now): queued again with
   * no wait. For `unknown` this is the commander saying "it did not take
   * effect, send it again"; the state is still read back first where the
   * server allows.
   */
  retry(id: string, actor: string): OutboxAction;
  /** From unknown: confirmed or failed on the commander's word. */
  resolveUnknown(
    id: string,
    actor: string,
    outcome: UnknownOutcome,
  ): OutboxAction;
  start(): void;
  stop(): Promise<void>;
  /** Wakes the dispatcher now (the connection came back, say). */
  kick(): void;
  waitingCount(incidentId?: string): number;
  onChanged(listener: OutboxListener): () => void;
};

export type OutboxDeps = {
  db: Db;
  writer: JournalWriter;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  link: AdminLink;
  /**
   * Told of each journal entry the outbox wrote, after its commit, so the
   * timeline and the chain indicator hear of it as of any other entry.
   */
  announce?: (entry: JournalEntry) => void;
  /** Default 15 minutes. */
  staleAfterMs?: number;
  /** Backoff ceilings in ms; default first 2 000, at most 120 000. */
  backoff?: { baseMs: number; capMs: number };
  /** Uniform in [0, 1), for backoff jitter; default Math.random. */
  random?: () => number;
  /** Default 25. */
  maxAttempts?: number;
  /**
   * Wait after a step failed unexpectedly, and between asking the server
   * what it offers; default 30 000 ms.
   */
  idleMs?: number;
  /**
   * After a timeout, the wait before reading the server's state back;
   * default 30 000 ms (three times the client's default timeout).
   */
  timeoutSettleMs?: number;
};

export const DEFAULT_STALE_AFTER_MS = 15 * 60_000;

function policyOf(deps: OutboxDeps): OutboxPolicy {
  const backoff = deps.backoff ?? { baseMs: 2_000, capMs: 120_000 };
  return {
    staleAfterMs: deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    backoff: { ...backoff, random: deps.random ?? Math.random },
    maxAttempts: deps.maxAttempts ?? 25,
    idleMs: deps.idleMs ?? 30_000,
    timeoutSettleMs: deps.timeoutSettleMs ?? 30_000,
  };
}

function parseRequest(request: ActionRequest): ActionRequest {
  const parsed = actionRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new AppFailure(
    'invalid-input',
    `action request ${where}${issue.message}`,
  );
}

function checkName(what: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.trim() === '' || value.length > 120) {
    throw new AppFailure('invalid-input', `${what} must be 1-120 characters`);
  }
}

function requireIncident(db: Db, incidentId: string): void {
  const found = statement(db, 'SELECT 1 FROM incidents WHERE id = ?').get(
    incidentId,
  );
  if (found === undefined) {
    throw new AppFailure('not-found', `no incident ${incidentId}`);
  }
}

/** Refuses what the server cannot take; the reason names the way by hand. */
function refuseUnavailable(availability: ActionAvailability): void {
  if (availability.capabilityState !== 'absent') return;
  throw new AppFailure(
    'unavailable',
    `${availability.label} cannot be sent: ${availability.reason}. ` +
      `By hand: ${availability.manualFallback}`,
  );
}

type Context = {
  deps: OutboxDeps;
  journal: JournalContext;
  logger: Logger;
  changed: (action: StoredAction) => void;
  kick: () => void;
};

function applyMove(context: Context, id: string, move: Move): OutboxAction {
  checkName('actor', move.actor);
  const action = readAction(context.deps.db, id);
  if (action === null) throw new AppFailure('not-found', `no action ${id}`);
  if (!moveAllowed(move.move, action.view.state)) {
    throw new AppFailure(
      'invalid-input',
      `cannot ${move.move} an action that is ${action.view.state}`,
    );
  }
  const after = journalTransition(
    context.journal,
    action,
    specOf(action.view.kind).label,
    {
      entryKind: ENTRY_KINDS.actionStateChanged,
      actor: move.actor,
      payload: { reason: move.reason, move: move.move },
      change: move.change,
    },
  );
  if (after === null) {
    throw new AppFailure('invalid-input', 'the action changed meanwhile');
  }
  context.changed(after);
  context.kick();
  return after.view;
}

function queueAction(
  context: Context,
  request: ActionRequest,
  meta: QueueMeta,
): OutboxAction {
  const { deps } = context;
  const checked = parseRequest(request);
  checkName('actor', meta.actor);
  checkName('second person', meta.secondPerson);
  requireIncident(deps.db, meta.incidentId);
  const client = deps.link.client();
  const availability = availabilityOf(client, checked.kind);
  refuseUnavailable(availability);

  const micros = deps.clock.nowMicros();
  const online = client !== null && isReachable(deps.link.connection());
  const action = journalNewAction(context.journal, {
    id: deps.writer.nextId(Math.floor(micros / 1000)),
    incidentId: meta.incidentId,
    request: checked,
    label: availability.label,
    stateReason: online
      ? 'waiting to be sent'
      : 'waiting for the platform to be reachable',
    createdAt: formatEpochMicros(micros),
    createdMicros: micros,
    queuedBy: meta.actor,
    secondPerson: meta.secondPerson ?? null,
    queuedOffline: !online,
    route: availability.route,
  });
  context.logger.info({ action: action.view.id, kind: checked.kind }, 'queued');
  context.changed(action);
  context.kick();
  return action.view;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const journal: JournalContext = {
    db: deps.db,
    writer: deps.writer,
    clock: deps.clock,
    announce: deps.announce ?? (() => {}),
  };
  const logger = deps.logger.child({ module: 'outbox' });
  const listeners = new Set<OutboxListener>();
  const changed = (action: StoredAction) => {
    for (const listener of listeners) listener(action.view);
  };
  const dispatcher = new Dispatcher({
    journal,
    timers: deps.timers,
    logger,
    link: deps.link,
    policy: policyOf(deps),
    changed,
  });
  const context: Context = {
    deps,
    journal,
    logger,
    changed,
    kick: () => dispatcher.kick(),
  };
  const now = () => deps.clock.nowMicros();
  const move = (id: string, m: Move) => applyMove(context, id, m);

  return {
    availability: () => allAvailability(deps.link.client()),
    queue: (request, meta) => queueAction(context, request, meta),
    list: (filter) => listActions(deps.db, filter),
    get: (id) => readAction(deps.db, id)?.view ?? null,
    cancel(id, actor, reason) {
      checkName('reason', reason);
      return move(id, cancelMove(actor, reason));
    },
    reconfirm: (id, actor) => move(id, reconfirmMove(actor, now())),
    retry: (id, actor) => move(id, retryMove(actor, now())),
    resolveUnknown: (id, actor, outcome) =>
      move(id, resolveMove(actor, outcome)),
    start() {
      dispatcher.recover();
      dispatcher.start();
    },
    stop: () => dispatcher.stop(),
    kick: () => dispatcher.kick(),
    waitingCount: (incidentId) => countWaiting(deps.db, incidentId),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
