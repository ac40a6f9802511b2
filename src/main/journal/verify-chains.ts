import {
  ENTRY_KINDS,
  type ChainProblem,
  type JournalEntry,
  type VerifyReport,
} from '../../shared/journal-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { canonicalJson, computeEntryHash, GENESIS_HASH } from './entry-hash';
import { ENTRY_COLUMNS, entryFromRow, type EntryRow } from './entry-rows';

const BATCH_SIZE = 2_000;

type ChainKey = { scope: string; deviceId: string };

/** What the walk knows about one per-device chain within a scope. */
type ChainState = {
  expectedSeq: number;
  prevHash: string;
  lastEntryId: string | null;
  problem: ChainProblem | null;
  /** chain_seq values still to come, to tell reordering from loss. */
  pending: Set<number> | null;
};

type ScopeSnapshot = {
  lastPosition: number;
  heads: Map<string, { length: number; head_hash: string }>;
};

const yieldToEventLoop = () => new Promise((done) => setImmediate(done));

function readSnapshot(db: Db, scope: string): ScopeSnapshot {
  return db.transaction(() => {
    const last = statement<{ last: number | null }>(
      db,
      'SELECT max(scope_pos) AS last FROM journal_entries WHERE scope = ?',
    ).get(scope);
    const heads = statement<{
      device_id: string;
      length: number;
      head_hash: string;
    }>(
      db,
      `SELECT device_id, length, head_hash FROM journal_chain_heads
        WHERE scope = ?`,
    ).all(scope);
    return {
      lastPosition: last?.last ?? 0,
      heads: new Map(heads.map((head) => [head.device_id, head])),
    };
  })();
}

function allScopes(db: Db): string[] {
  const rows = statement<{ scope: string }>(
    db,
    `SELECT scope FROM journal_chain_heads
     UNION SELECT DISTINCT scope FROM journal_entries`,
  ).all();
  return rows.map((row) => row.scope);
}

function allChainKeys(db: Db): ChainKey[] {
  return statement<{ scope: string; device_id: string }>(
    db,
    `SELECT scope, device_id FROM journal_chain_heads
     UNION SELECT DISTINCT scope, device_id FROM journal_entries`,
  )
    .all()
    .map((row) => ({ scope: row.scope, deviceId: row.device_id }));
}

/** `payloadJson`: the payload's canonical JSON, when already checked. */
function hashMatches(entry: JournalEntry, payloadJson?: string): boolean {
  const { hash, ...fields } = entry;
  return computeEntryHash(fields, payloadJson) === hash;
}

/** Does this entry hash correctly as a member of some other chain? */
function foreignOrigin(db: Db, entry: JournalEntry): ChainKey | null {
  for (const key of allChainKeys(db)) {
    if (key.scope === entry.scope && key.deviceId === entry.deviceId) continue;
    if (hashMatches({ ...entry, scope: key.scope, deviceId: key.deviceId })) {
      return key;
    }
  }
  return null;
}

function problem(
  entry: { scope: string; id: string },
  kind: ChainProblem['kind'],
  detail: string,
): ChainProblem {
  return { incident: entry.scope, entry: entry.id, kind, detail };
}

function laterSeqs(db: Db, entry: JournalEntry, position: number) {
  const rows = statement<{ chain_seq: number }>(
    db,
    `SELECT chain_seq FROM journal_entries
      WHERE scope = ? AND device_id = ? AND scope_pos > ?`,
  ).all(entry.scope, entry.deviceId, position);
  return new Set(rows.map((row) => row.chain_seq));
}

/**
 * Columns stored beside the hashed content must agree with it: the payload
 * text must be exactly its canonical form (so no byte of it can change
 * without changing the hash), and an amend's indexed target must be the
 * one its payload names.
 */
function storedFormProblem(row: EntryRow, entry: JournalEntry): string | null {
  if (canonicalJson(entry.payload) !== row.payload) {
    return 'the stored payload is not the canonical form that was hashed';
  }
  const target = entry.kind === ENTRY_KINDS.amend ? entry.payload.target : null;
  if ((row.target_id ?? null) !== (target ?? null)) {
    return 'the amendment target column disagrees with the payload';
  }
  return null;
}

function describeGap(first: number, last: number): string {
  return first === last
    ? `chain position ${first} is`
    : `chain positions ${first}–${last} are`;
}

/** Checks one entry against its chain's state; records the first problem. */
function checkEntry(db: Db, row: EntryRow, chain: ChainState): void {
  const entry = entryFromRow(row);

  const storedProblem = storedFormProblem(row, entry);
  if (storedProblem) {
    chain.problem = problem(entry, 'altered', storedProblem);
    return;
  }

  // The stored payload text is its canonical form (checked just above).
  if (!hashMatches(entry, row.payload)) {
    const origin = foreignOrigin(db, entry);
    chain.problem = origin
      ? problem(
          entry,
          'foreign',
          `entry belongs to the chain of ${origin.scope} on device ` +
            `${origin.deviceId}, not this one`,
        )
      : problem(
          entry,
          'altered',
          'stored hash does not match the entry content',
        );
    return;
  }

  if (entry.chainSeq !== chain.expectedSeq) {
    chain.pending ??= laterSeqs(db, entry, row.scope_pos);
    const expectedLater = chain.pending.has(chain.expectedSeq);
    chain.problem =
      entry.chainSeq > chain.expectedSeq && !expectedLater
        ? problem(
            entry,
            'missing',
            `${describeGap(chain.expectedSeq, entry.chainSeq - 1)} missing ` +
              'before this entry',
          )
        : problem(
            entry,
            'reordered',
            `entry for chain position ${entry.chainSeq} stands where ` +
              `position ${chain.expectedSeq} belongs`,
          );
    return;
  }

  if (entry.prevHash !== chain.prevHash) {
    chain.problem = problem(
      { scope: entry.scope, id: chain.lastEntryId ?? entry.id },
      'altered',
      `the entry before ${entry.id} was rewritten: ${entry.id} links to ` +
        `${entry.prevHash.slice(0, 12)}…, the stored entry hashes to ` +
        `${chain.prevHash.slice(0, 12)}…`,
    );
    return;
  }

  chain.expectedSeq += 1;
  chain.prevHash = entry.hash;
  chain.lastEntryId = entry.id;
}

function newChainState(): ChainState {
  return {
    expectedSeq: 1,
    prevHash: GENESIS_HASH,
    lastEntryId: null,
    problem: null,
    pending: null,
  };
}

/** Compares a walked chain with the head recorded when it was written. */
function checkHead(
  scope: string,
  deviceId: string,
  chain: ChainState,
  head: { length: number; head_hash: string } | undefined,
): ChainProblem | null {
  if (chain.problem) return chain.problem;
  const walked = chain.expectedSeq - 1;
  const at = { scope, id: chain.lastEntryId ?? `(chain of ${deviceId})` };
  if (!head) {
    return problem(at, 'missing', 'the chain has no recorded head');
  }
  if (head.length > walked) {
    return problem(
      at,
      'missing',
      `the chain head records ${head.length} entries but only ${walked} ` +
        'remain; the last ones were removed',
    );
  }
  if (head.length === walked && head.head_hash !== chain.prevHash) {
    return problem(at, 'altered', 'the last entry differs from the head');
  }
  return null;
}

async function verifyScope(db: Db, scope: string) {
  const snapshot = readSnapshot(db, scope);
  const chains = new Map<string, ChainState>();
  const page = statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND scope_pos > ? AND scope_pos <= ?
      ORDER BY scope_pos LIMIT ?`,
  );
  let position = 0;
  let entries = 0;

  for (;;) {
    const rows = page.all(scope, position, snapshot.lastPosition, BATCH_SIZE);
    for (const row of rows) {
      let chain = chains.get(row.device_id);
      if (!chain) chains.set(row.device_id, (chain = newChainState()));
      if (!chain.problem) checkEntry(db, row, chain);
      entries += 1;
    }
    if (rows.length < BATCH_SIZE) break;
    position = rows[rows.length - 1].scope_pos;
    await yieldToEventLoop();
  }

  for (const deviceId of snapshot.heads.keys()) {
    if (!chains.has(deviceId)) chains.set(deviceId, newChainState());
  }
  const problems = [...chains].flatMap(([deviceId, chain]) => {
    const found = checkHead(
      scope,
      deviceId,
      chain,
      snapshot.heads.get(deviceId),
    );
    return found ? [found] : [];
  });
  return { chains: chains.size, entries, problems };
}

/**
 * Re-computes every entry's hash and link, scope by scope, and names the
 * first broken link of each chain: `altered` (content or hash changed),
 * `missing` (entries removed), `reordered` (entries moved) or `foreign`
 * (an entry that belongs to another chain). Reads in batches and yields
 * between them, so serve mode keeps answering during a long check.
 */
export async function verifyChains(
  db: Db,
  clock: Clock,
  scopes: readonly string[] = allScopes(db),
): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: true,
    chains: 0,
    entries: 0,
    problems: [],
    verifiedAt: '',
  };
  for (const scope of scopes) {
    const result = await verifyScope(db, scope);
    report.chains += result.chains;
    report.entries += result.entries;
    report.problems.push(...result.problems);
  }
  report.ok = report.problems.length === 0;
  report.verifiedAt = formatEpochMicros(clock.nowMicros());
  return report;
}
