/**
 * Every change to an action is one journal entry on its incident plus the
 * row change, in one transaction (appendEntry's projection), so the
 * timeline and the queue never disagree, even after a crash. The token
 * never gets here: entries hold the method and path, the query and body
 * the console built, and the server's words after the client scrubbed
 * them.
 */
import {
  ENTRY_KINDS,
  type JournalEntry,
  type JsonObject,
} from '../../shared/journal-types';
import type { OutboxAction } from '../../shared/outbox-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { AdminMethod, QueryValue } from '../admin-api/admin-client-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import type { WireRequest } from './action-catalogue';
import {
  insertAction,
  readAction,
  updateAction,
  type NewAction,
  type RowChange,
  type StoredAction,
} from './outbox-store';

/** The name engine-made entries carry as their actor. */
export const OUTBOX_ACTOR = 'war-room outbox';

export type JournalContext = {
  db: Db;
  writer: JournalWriter;
  clock: Clock;
  /** Told of each entry once its transaction has committed. */
  announce: (entry: JournalEntry) => void;
};

type EntryKind =
  | typeof ENTRY_KINDS.actionSent
  | typeof ENTRY_KINDS.actionAnswered
  | typeof ENTRY_KINDS.actionReadBack
  | typeof ENTRY_KINDS.actionStateChanged;

export type Transition = {
  entryKind: EntryKind;
  actor: string;
  /** Entry fields besides the action's id, kind and resulting state. */
  payload: JsonObject;
  change: RowChange;
};

function basePayload(action: OutboxAction, label: string): JsonObject {
  return { actionId: action.id, action: action.kind, label };
}

/** Journals `action.requested` and inserts the row, in one transaction. */
export function journalNewAction(
  context: JournalContext,
  action: NewAction & { label: string },
): StoredAction {
  const { db, writer } = context;
  const { label, ...row } = action;
  const payload: JsonObject = {
    actionId: row.id,
    action: row.request.kind,
    label,
    request: row.request as unknown as JsonObject,
    queuedBy: row.queuedBy,
    secondPerson: row.secondPerson,
    queuedOffline: row.queuedOffline,
    route: row.route,
    state: 'queued',
    reason: row.stateReason,
  };
  const entry = appendEntry(
    db,
    writer,
    {
      scope: row.incidentId,
      kind: ENTRY_KINDS.actionRequested,
      actor: row.queuedBy,
      payload,
    },
    () => insertAction(db, row),
  );
  context.announce(entry);
  return readAction(db, row.id)!;
}

/**
 * Journals one transition and applies its row change, in one transaction.
 * `expect` guards against a change made meanwhile by someone else (the
 * commander while a request was on the wire): when the row no longer is
 * in that state with that many attempts, nothing is written and null is
 * returned.
 */
export function journalTransition(
  context: JournalContext,
  action: StoredAction,
  label: string,
  transition: Transition,
): StoredAction | null {
  const { db, writer, clock } = context;
  const { view } = action;
  const run = db.transaction((): JournalEntry | null => {
    const current = readAction(db, view.id);
    if (
      current === null ||
      current.view.state !== view.state ||
      current.view.attempts !== view.attempts
    ) {
      return null;
    }
    const to = transition.change.state ?? view.state;
    const payload: JsonObject = {
      ...basePayload(view, label),
      ...transition.payload,
      from: view.state,
      state: to,
    };
    if (transition.entryKind === ENTRY_KINDS.actionStateChanged) {
      payload.to = to;
    }
    const updatedAt = formatEpochMicros(clock.nowMicros());
    return appendEntry(
      db,
      writer,
      {
        scope: view.incidentId,
        kind: transition.entryKind,
        actor: transition.actor,
        payload,
      },
      () => updateAction(db, view.id, transition.change, updatedAt),
    );
  });
  const entry = run.immediate();
  if (entry === null) return null;
  context.announce(entry);
  return readAction(db, view.id);
}

const METHODS: readonly AdminMethod[] = [
  'GET',
  'HEAD',
  'OPTIONS',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
];

type SentPayload = {
  endpoint?: unknown;
  query?: Record<string, QueryValue> | null;
  body?: Record<string, QueryValue> | null;
};

/**
 * The request an action's first attempt sent, as its `action.sent` entry
 * recorded it, or null before the first attempt. Later attempts repeat it
 * exactly: the Idempotency-Key stands for that one request (a server that
 * honours the key refuses it with a different body), and what discovery
 * learned in between must not change what a resend says.
 */
export function firstSentRequest(
  db: Db,
  action: OutboxAction,
): WireRequest | null {
  const row = statement<{ payload: string }>(
    db,
    `SELECT payload FROM journal_entries
      WHERE scope = ? AND kind = ?
        AND json_extract(payload, '$.actionId') = ?
      ORDER BY scope_pos LIMIT 1`,
  ).get(action.incidentId, ENTRY_KINDS.actionSent, action.id);
  if (row === undefined) return null;
  const sent = JSON.parse(row.payload) as SentPayload;
  const endpoint = typeof sent.endpoint === 'string' ? sent.endpoint : '';
  const space = endpoint.indexOf(' ');
  const method = endpoint.slice(0, space) as AdminMethod;
  if (space < 1 || !METHODS.includes(method)) return null;
  return {
    method,
    path: endpoint.slice(space + 1),
    ...(sent.query ? { query: sent.query } : {}),
    ...(sent.body ? { body: sent.body } : {}),
  };
}
