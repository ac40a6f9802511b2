/**
 * The `outbox_actions` rows (migration 005): read as `StoredAction`, written
 * only inside the transaction that appends the journal entry behind the
 * change (outbox-journal.ts).
 */
import type {
  ActionAnswer,
  ActionKind,
  ActionRequest,
  OutboxAction,
  OutboxFilter,
  OutboxState,
} from '../../shared/outbox-types';
import { WAITING_OUTBOX_STATES } from '../../shared/outbox-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';

/** A row as the engine needs it: the view plus its scheduling fields. */
export type StoredAction = {
  view: OutboxAction;
  createdMicros: number;
  /** When the commander last confirmed it (queued or reconfirmed). */
  freshSinceMicros: number;
  /** Null: as soon as the platform is reachable. */
  nextAttemptMicros: number | null;
  /** An attempt may have acted without the console knowing. */
  inDoubt: boolean;
};

type Row = {
  id: string;
  incident_id: string;
  kind: string;
  request: string;
  state: string;
  state_reason: string;
  created_at: string;
  created_micros: number;
  queued_by: string;
  second_person: string | null;
  reconfirmed_by: string | null;
  reconfirmed_at: string | null;
  fresh_since_micros: number;
  queued_offline: number;
  attempts: number;
  next_attempt_micros: number | null;
  in_doubt: number;
  last_error: string | null;
  last_answer: string | null;
  route: string | null;
  result_id: string | null;
  updated_at: string;
};

/** Columns a change may set (each transition names its own). */
export type RowChange = Partial<{
  state: OutboxState;
  stateReason: string;
  reconfirmedBy: string;
  reconfirmedAt: string;
  freshSinceMicros: number;
  queuedOffline: boolean;
  attempts: number;
  nextAttemptMicros: number | null;
  inDoubt: boolean;
  lastError: string | null;
  lastAnswer: ActionAnswer | null;
  route: string | null;
  resultId: string | null;
}>;

const COLUMNS: Record<keyof RowChange, string> = {
  state: 'state',
  stateReason: 'state_reason',
  reconfirmedBy: 'reconfirmed_by',
  reconfirmedAt: 'reconfirmed_at',
  freshSinceMicros: 'fresh_since_micros',
  queuedOffline: 'queued_offline',
  attempts: 'attempts',
  nextAttemptMicros: 'next_attempt_micros',
  inDoubt: 'in_doubt',
  lastError: 'last_error',
  lastAnswer: 'last_answer',
  route: 'route',
  resultId: 'result_id',
};

type SqlValue = string | number | null;

function sqlValue(key: keyof RowChange, value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (key === 'lastAnswer')
    return value === null ? null : JSON.stringify(value);
  return value as SqlValue;
}

function microsToIso(micros: number | null): string | null {
  return micros === null ? null : formatEpochMicros(micros);
}

function toStored(row: Row): StoredAction {
  const view: OutboxAction = {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind as ActionKind,
    request: JSON.parse(row.request) as ActionRequest,
    state: row.state as OutboxState,
    stateReason: row.state_reason,
    createdAt: row.created_at,
    queuedBy: row.queued_by,
    secondPerson: row.second_person,
    reconfirmedBy: row.reconfirmed_by,
    reconfirmedAt: row.reconfirmed_at,
    queuedOffline: row.queued_offline === 1,
    attempts: row.attempts,
    nextAttemptAt: microsToIso(row.next_attempt_micros),
    lastError: row.last_error,
    lastAnswer:
      row.last_answer === null
        ? null
        : (JSON.parse(row.last_answer) as ActionAnswer),
    route: row.route,
    resultId: row.result_id,
    updatedAt: row.updated_at,
  };
  return {
    view,
    createdMicros: row.created_micros,
    freshSinceMicros: row.fresh_since_micros,
    nextAttemptMicros: row.next_attempt_micros,
    inDoubt: row.in_doubt === 1,
  };
}

export type NewAction = {
  id: string;
  incidentId: string;
  request: ActionRequest;
  stateReason: string;
  createdAt: string;
  createdMicros: number;
  queuedBy: string;
  secondPerson: string | null;
  queuedOffline: boolean;
  route: string | null;
};

export function insertAction(db: Db, action: NewAction): void {
  statement(
    db,
    `INSERT INTO outbox_actions (id, incident_id, kind, request, state,
       state_reason, created_at, created_micros, queued_by, second_person,
       fresh_since_micros, queued_offline, route, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    action.id,
    action.incidentId,
    action.request.kind,
    JSON.stringify(action.request),
    action.stateReason,
    action.createdAt,
    action.createdMicros,
    action.queuedBy,
    action.secondPerson,
    action.createdMicros,
    action.queuedOffline ? 1 : 0,
    action.route,
    action.createdAt,
  );
}

/**
 * Sets the named columns and `updated_at`. The column names come from
 * `COLUMNS`, never from input; values are bound.
 */
export function updateAction(
  db: Db,
  id: string,
  change: RowChange,
  updatedAt: string,
): void {
  const keys = (Object.keys(change) as (keyof RowChange)[]).filter(
    (key) => change[key] !== undefined,
  );
  const sets = keys.map((key) => `${COLUMNS[key]} = ?`);
  const values = keys.map((key) => sqlValue(key, change[key]));
  statement(
    db,
    `UPDATE outbox_actions SET ${[...sets, 'updated_at = ?'].join(', ')}
      WHERE id = ?`,
  ).run(...values, updatedAt, id);
}

export function readAction(db: Db, id: string): StoredAction | null {
  const row = statement<Row>(
    db,
    'SELECT * FROM outbox_actions WHERE id = ?',
  ).get(id);
  return row ? toStored(row) : null;
}

export function listActions(db: Db, filter: OutboxFilter = {}): OutboxAction[] {
  const rows =
    filter.incidentId === undefined
      ? statement<Row>(
          db,
          `SELECT * FROM outbox_actions
            ORDER BY created_micros DESC, id DESC`,
        ).all()
      : statement<Row>(
          db,
          `SELECT * FROM outbox_actions WHERE incident_id = ?
            ORDER BY created_micros DESC, id DESC`,
        ).all(filter.incidentId);
  const states = filter.states;
  const views = rows.map((row) => toStored(row).view);
  return states ? views.filter((v) => states.includes(v.state)) : views;
}

export function actionsInState(db: Db, state: OutboxState): StoredAction[] {
  return statement<Row>(
    db,
    `SELECT * FROM outbox_actions WHERE state = ?
      ORDER BY created_micros, id`,
  )
    .all(state)
    .map(toStored);
}

/** Queued actions that waited offline since before `beforeMicros`. */
export function staleQueuedActions(
  db: Db,
  beforeMicros: number,
): StoredAction[] {
  return statement<Row>(
    db,
    `SELECT * FROM outbox_actions
      WHERE state = 'queued' AND queued_offline = 1
        AND fresh_since_micros < ?
      ORDER BY created_micros, id`,
  )
    .all(beforeMicros)
    .map(toStored);
}

/** Marks every queued action as having waited while offline. */
export function markQueuedOffline(db: Db, updatedAt: string): void {
  statement(
    db,
    `UPDATE outbox_actions SET queued_offline = 1, updated_at = ?
      WHERE state = 'queued' AND queued_offline = 0`,
  ).run(updatedAt);
}

/**
 * The action the dispatcher should look at next: queued ones, and unknown
 * ones marked for an automatic check (`next_attempt_micros` set), whose
 * time has come, oldest wait first.
 */
export function nextDueAction(db: Db, nowMicros: number): StoredAction | null {
  const row = statement<Row>(
    db,
    `SELECT * FROM outbox_actions
      WHERE (state = 'queued'
             OR (state = 'unknown' AND next_attempt_micros IS NOT NULL))
        AND coalesce(next_attempt_micros, 0) <= ?
      ORDER BY coalesce(next_attempt_micros, 0), created_micros, id
      LIMIT 1`,
  ).get(nowMicros);
  return row ? toStored(row) : null;
}

/** When the earliest waiting action falls due; null when none waits. */
export function earliestDueMicros(db: Db): number | null {
  const row = statement<{ due: number | null }>(
    db,
    `SELECT min(coalesce(next_attempt_micros, 0)) AS due FROM outbox_actions
      WHERE state = 'queued'
         OR (state = 'unknown' AND next_attempt_micros IS NOT NULL)`,
  ).get();
  return row?.due ?? null;
}

/** Result ids confirmed actions account for, so a read-back skips them. */
export function claimedResultIds(db: Db, kind: ActionKind): Set<string> {
  const rows = statement<{ result_id: string }>(
    db,
    `SELECT result_id FROM outbox_actions
      WHERE kind = ? AND result_id IS NOT NULL`,
  ).all(kind);
  return new Set(rows.map((row) => row.result_id));
}

export function countWaiting(db: Db, incidentId?: string): number {
  const marks = WAITING_OUTBOX_STATES.map(() => '?').join(', ');
  const row =
    incidentId === undefined
      ? statement<{ n: number }>(
          db,
          `SELECT count(*) AS n FROM outbox_actions WHERE state IN (${marks})`,
        ).get(...WAITING_OUTBOX_STATES)
      : statement<{ n: number }>(
          db,
          `SELECT count(*) AS n FROM outbox_actions
            WHERE state IN (${marks}) AND incident_id = ?`,
        ).get(...WAITING_OUTBOX_STATES, incidentId);
  return row?.n ?? 0;
}

/**
 * Actions the dispatcher has yet to finish with: queued, on the wire, or
 * unknown with an automatic check pending. What waits on the commander
 * (unknown without a check, needs-reconfirmation) does not count.
 */
export function unsettledCount(db: Db): number {
  const row = statement<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM outbox_actions
      WHERE state IN ('queued', 'sending')
         OR (state = 'unknown' AND next_attempt_micros IS NOT NULL)`,
  ).get();
  return row?.n ?? 0;
}
