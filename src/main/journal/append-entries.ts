import { monotonicFactory } from 'ulid';
import {
  describeEntry,
  type JournalEntry,
  type JsonObject,
  type TimeSource,
} from '../../shared/journal-types';
import {
  formatEpochMicros,
  type ZonedTimestamp,
} from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { canonicalJson, computeEntryHash, GENESIS_HASH } from './entry-hash';
import { createBufferedRandom } from './buffered-random';
import { checkEntryText, checkPayload } from './payload';

export type JournalWriter = {
  deviceId: string;
  clock: Clock;
  nextId: (seedMillis: number) => string;
};

export function createJournalWriter(deviceId: string, clock: Clock) {
  const factory = monotonicFactory(createBufferedRandom());
  return { deviceId, clock, nextId: factory } satisfies JournalWriter;
}

export type NewEntry = {
  scope: string;
  kind: string;
  actor: string;
  payload: JsonObject;
  /** When it happened, if not now; kept with its original offset. */
  occurredAt?: ZonedTimestamp;
  timeSource?: TimeSource;
  /** The entry an amend corrects. */
  targetId?: string;
  /** Text to index for search instead of the entry's own description. */
  searchText?: string;
};

type ChainHead = { length: number; head_hash: string };

function readChainHead(db: Db, scope: string, deviceId: string): ChainHead {
  const head = statement<ChainHead>(
    db,
    `SELECT length, head_hash FROM journal_chain_heads
      WHERE scope = ? AND device_id = ?`,
  ).get(scope, deviceId);
  return head ?? { length: 0, head_hash: GENESIS_HASH };
}

function nextScopePosition(db: Db, scope: string): number {
  const row = statement<{ last: number | null }>(
    db,
    'SELECT max(scope_pos) AS last FROM journal_entries WHERE scope = ?',
  ).get(scope);
  return (row?.last ?? 0) + 1;
}

type ScopeTail = { head: ChainHead; position: number };

function readScopeTail(
  db: Db,
  writer: JournalWriter,
  input: NewEntry,
): ScopeTail {
  return {
    head: readChainHead(db, input.scope, writer.deviceId),
    position: nextScopePosition(db, input.scope),
  };
}

function buildEntry(writer: JournalWriter, input: NewEntry, head: ChainHead) {
  const nowMicros = writer.clock.nowMicros();
  const recordedAt = formatEpochMicros(nowMicros);
  const fields = {
    id: writer.nextId(Math.floor(nowMicros / 1000)),
    scope: input.scope,
    deviceId: writer.deviceId,
    chainSeq: head.length + 1,
    kind: input.kind,
    // Stored as UTF-8, an unpaired surrogate would come back as U+FFFD
    // and the entry would no longer match its hash.
    actor: checkEntryText('actor', input.actor),
    occurredAt: input.occurredAt?.utc ?? recordedAt,
    occurredOffset: input.occurredAt?.offset ?? '+00:00',
    timeSource:
      input.timeSource ?? (input.occurredAt ? 'user-entered' : 'device-clock'),
    recordedAt,
    payload: checkPayload(input.payload),
    prevHash: head.head_hash,
  } satisfies Omit<JournalEntry, 'hash'>;
  const payloadJson = canonicalJson(fields.payload);
  const entry = { ...fields, hash: computeEntryHash(fields, payloadJson) };
  return { entry, payloadJson };
}

function insertEntry(
  db: Db,
  entry: JournalEntry,
  payloadJson: string,
  input: NewEntry,
  position: number,
): void {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO journal_entries (id, scope, scope_pos, device_id, chain_seq,
       kind, actor, occurred_at, occurred_offset, time_source, recorded_at,
       payload, target_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.id,
    entry.scope,
    position,
    entry.deviceId,
    entry.chainSeq,
    entry.kind,
    entry.actor,
    entry.occurredAt,
    entry.occurredOffset,
    entry.timeSource,
    entry.recordedAt,
    payloadJson,
    input.targetId ?? null,
    entry.prevHash,
    entry.hash,
  );
  statement(db, 'INSERT INTO journal_search (rowid, text) VALUES (?, ?)').run(
    lastInsertRowid,
    input.searchText ?? describeEntry(entry.kind, entry.payload),
  );
  statement(
    db,
    `INSERT INTO journal_chain_heads (scope, device_id, length, head_hash)
     VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, device_id)
     DO UPDATE SET length = excluded.length, head_hash = excluded.head_hash`,
  ).run(entry.scope, entry.deviceId, entry.chainSeq, entry.hash);
}

/**
 * Appends entries, each chained to the head of its scope's chain for this
 * device, and runs `project` (the projections derived from them) in the
 * same transaction. The transaction starts with BEGIN IMMEDIATE, taking the
 * write lock before the chain head is read, so two processes appending to
 * one data directory can never fork a chain. With `synchronous = FULL` the
 * entries are on disk when this returns.
 *
 * Throws (and writes nothing) if any entry or projection fails.
 */
export function appendEntries(
  db: Db,
  writer: JournalWriter,
  inputs: readonly NewEntry[],
  project?: (entries: JournalEntry[]) => void,
): JournalEntry[] {
  const run = db.transaction(() => {
    // Inside the write lock, each scope's head and position are read once
    // and then followed in memory across the batch.
    const tails = new Map<string, ScopeTail>();
    const appended = inputs.map((input) => {
      const tail = tails.get(input.scope) ?? readScopeTail(db, writer, input);
      const { entry, payloadJson } = buildEntry(writer, input, tail.head);
      insertEntry(db, entry, payloadJson, input, tail.position);
      tails.set(input.scope, {
        head: { length: entry.chainSeq, head_hash: entry.hash },
        position: tail.position + 1,
      });
      return entry;
    });
    project?.(appended);
    return appended;
  });
  return run.immediate();
}

export function appendEntry(
  db: Db,
  writer: JournalWriter,
  input: NewEntry,
  project?: (entry: JournalEntry) => void,
): JournalEntry {
  const [entry] = appendEntries(db, writer, [input], (entries) =>
    project?.(entries[0]),
  );
  return entry;
}
