import type { JournalEntry, TimeSource } from '../../shared/journal-types';

/** A `journal_entries` row as SQLite returns it. */
export type EntryRow = {
  seq: number;
  id: string;
  scope: string;
  scope_pos: number;
  device_id: string;
  chain_seq: number;
  kind: string;
  actor: string;
  occurred_at: string;
  occurred_offset: string;
  time_source: string;
  recorded_at: string;
  payload: string;
  target_id: string | null;
  prev_hash: string;
  hash: string;
};

export const ENTRY_COLUMNS = `seq, id, scope, scope_pos, device_id, chain_seq,
  kind, actor, occurred_at, occurred_offset, time_source, recorded_at,
  payload, target_id, prev_hash, hash`;

/**
 * Converts a stored row to the entry every process sees. The payload text is
 * parsed as stored; a row whose payload is not JSON (tampering) still maps,
 * with the raw text kept, so verification can name it instead of crashing.
 */
export function entryFromRow(row: EntryRow): JournalEntry {
  let payload: JournalEntry['payload'];
  try {
    payload = JSON.parse(row.payload) as JournalEntry['payload'];
  } catch {
    payload = { unparseable: row.payload };
  }
  return {
    id: row.id,
    scope: row.scope,
    deviceId: row.device_id,
    chainSeq: row.chain_seq,
    kind: row.kind,
    actor: row.actor,
    occurredAt: row.occurred_at,
    occurredOffset: row.occurred_offset,
    timeSource: row.time_source as TimeSource,
    recordedAt: row.recorded_at,
    payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
