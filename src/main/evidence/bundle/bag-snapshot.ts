import type {
  CustodyEvent,
  EvidenceItem,
} from '../../../shared/evidence-types';
import type { Incident } from '../../../shared/ipc-contract';
import type { Db } from '../../db/open-database';
import { statement } from '../../db/statement-cache';
import { getIncident } from '../../incidents/incident-store';
import { ENTRY_COLUMNS, type EntryRow } from '../../journal/entry-rows';
import { listEvidence, readCustody } from '../evidence-store';
import type { ChainHead } from './chain-walk';

/**
 * What a bag holds, read in one transaction so the evidence, custody and
 * chain heads agree with each other. Journal rows are paged afterwards up
 * to `lastPosition`: entries are append-only, so those rows cannot change
 * and later appends are left out.
 */
export type BagSnapshot = {
  incident: Incident;
  items: EvidenceItem[];
  custody: Map<string, CustodyEvent[]>;
  heads: ChainHead[];
  lastPosition: number;
};

const JOURNAL_PAGE = 2_000;

export function readBagSnapshot(db: Db, incidentId: string): BagSnapshot {
  return db.transaction(() => {
    const incident = getIncident(db, incidentId);
    const items = listEvidence(db, incidentId);
    const heads = statement<ChainHead>(
      db,
      `SELECT device_id AS deviceId, length, head_hash AS headHash
         FROM journal_chain_heads WHERE scope = ? ORDER BY device_id`,
    ).all(incidentId);
    const last = statement<{ last: number | null }>(
      db,
      'SELECT max(scope_pos) AS last FROM journal_entries WHERE scope = ?',
    ).get(incidentId);
    return {
      incident,
      items,
      custody: new Map(
        items.map((item) => [item.id, readCustody(db, item.id)]),
      ),
      heads,
      lastPosition: last?.last ?? 0,
    };
  })();
}

/** The incident's journal rows in recorded order, a page at a time. */
export function* journalPages(
  db: Db,
  incidentId: string,
  lastPosition: number,
): Generator<EntryRow[]> {
  const page = statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND scope_pos > ? AND scope_pos <= ?
      ORDER BY scope_pos LIMIT ?`,
  );
  for (let position = 0; ;) {
    const rows = page.all(incidentId, position, lastPosition, JOURNAL_PAGE);
    if (rows.length > 0) yield rows;
    if (rows.length < JOURNAL_PAGE) return;
    position = rows[rows.length - 1].scope_pos;
  }
}

/** Chain positions of a device's rows after a position, for the walk. */
export function laterChainSeqs(
  db: Db,
  row: Pick<EntryRow, 'scope' | 'device_id' | 'scope_pos'>,
  lastPosition: number,
): Set<number> {
  const rows = statement<{ chain_seq: number }>(
    db,
    `SELECT chain_seq FROM journal_entries
      WHERE scope = ? AND device_id = ? AND scope_pos > ? AND scope_pos <= ?`,
  ).all(row.scope, row.device_id, row.scope_pos, lastPosition);
  return new Set(rows.map((found) => found.chain_seq));
}
