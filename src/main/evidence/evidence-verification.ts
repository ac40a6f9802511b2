import {
  EVIDENCE_ENTRY_KINDS,
  type VaultCheck,
  type VaultProblem,
} from '../../shared/evidence-types';
import type { JournalEntry } from '../../shared/journal-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntries, type JournalWriter } from '../journal/append-entries';
import { listEvidence } from './evidence-store';
import { rehashBlob, type Vault } from './evidence-vault';

type ItemRef = {
  id: string;
  name: string;
  sha256: string;
  /** The record (item and vault rows) disagrees with its journal entry. */
  recordProblem: string | null;
};

type ItemRow = {
  id: string;
  name: string;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  payload: string;
};

/**
 * The items to check with what their registering journal entry says. The
 * journal is hash-chained; the item and vault rows are a projection anyone
 * with the database file could edit, so they are held against the entry.
 */
function itemsToCheck(db: Db, incidentId?: string): ItemRef[] {
  const rows = statement<ItemRow>(
    db,
    `SELECT e.id, e.name, e.sha256, b.sha1, b.md5, b.size, j.payload
       FROM evidence_items e
       JOIN vault_blobs b ON b.sha256 = e.sha256
       JOIN journal_entries j ON j.id = e.entry_id
      WHERE @incident IS NULL OR e.incident_id = @incident
      ORDER BY e.incident_id, e.acquired_at, e.id`,
  ).all({ incident: incidentId ?? null });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    sha256: row.sha256,
    recordProblem: recordProblem(row),
  }));
}

function recordProblem(row: ItemRow): string | null {
  const entry = JSON.parse(row.payload) as Record<string, unknown>;
  const fields = ['sha256', 'sha1', 'md5', 'size'] as const;
  const differing = fields.filter((field) => entry[field] !== row[field]);
  if (differing.length === 0) return null;
  return (
    `the record of ${row.name} no longer matches the journal entry that ` +
    `registered it (${differing.join(', ')} differ)`
  );
}

/**
 * Re-reads every vault file the items point at (each distinct content once)
 * and compares its SHA-256 and size with the ones taken at intake. Reads
 * only; recording the outcome is `recordVaultCheck`'s job.
 */
export async function checkVault(
  db: Db,
  vault: Vault,
  clock: Clock,
  incidentId?: string,
): Promise<VaultCheck> {
  const items = itemsToCheck(db, incidentId);
  const outcomes = new Map<string, VaultProblem['kind'] | 'intact'>();
  let bytes = 0;
  for (const sha256 of new Set(items.map((item) => item.sha256))) {
    const found = await rehashBlob(vault, sha256);
    bytes += found?.size ?? 0;
    outcomes.set(
      sha256,
      found === null
        ? 'missing'
        : found.sha256 === sha256
          ? 'intact'
          : 'altered',
    );
  }

  const problems = items.flatMap((item): VaultProblem[] => {
    if (item.recordProblem) {
      return [
        {
          evidenceId: item.id,
          name: item.name,
          kind: 'altered',
          detail: item.recordProblem,
        },
      ];
    }
    const outcome = outcomes.get(item.sha256);
    if (outcome === 'intact' || outcome === undefined) return [];
    return [
      {
        evidenceId: item.id,
        name: item.name,
        kind: outcome,
        detail:
          outcome === 'missing'
            ? `the vault file of ${item.name} is missing`
            : `the vault file of ${item.name} no longer has SHA-256 ${item.sha256}`,
      },
    ];
  });
  return {
    ok: problems.length === 0,
    items: items.length,
    bytes,
    problems,
    checkedAt: formatEpochMicros(clock.nowMicros()),
  };
}

function integrityChanged(db: Db, incidentId: string, check: VaultCheck) {
  const flagged = new Map(
    check.problems.map((problem) => [problem.evidenceId, problem.kind]),
  );
  return listEvidence(db, incidentId).some(
    (item) =>
      (flagged.get(item.id) ?? 'intact') !== item.integrity &&
      (flagged.has(item.id) || item.integrity !== 'unverified'),
  );
}

function projectIntegrity(db: Db, incidentId: string, check: VaultCheck) {
  statement(
    db,
    `UPDATE evidence_items SET integrity = 'intact', integrity_checked_at = ?
      WHERE incident_id = ?`,
  ).run(check.checkedAt, incidentId);
  for (const problem of check.problems) {
    statement(db, 'UPDATE evidence_items SET integrity = ? WHERE id = ?').run(
      problem.kind,
      problem.evidenceId,
    );
  }
}

/**
 * Records a check of one incident's evidence. A check asked for is always
 * journaled; one made on opening the incident is journaled only when it
 * finds a problem not yet on record, or a recorded problem gone, so opening
 * an incident does not fill its timeline. The items' integrity is updated
 * either way.
 */
export function recordVaultCheck(
  db: Db,
  writer: JournalWriter,
  input: {
    incidentId: string;
    check: VaultCheck;
    trigger: 'on-demand' | 'on-open';
    actor: string;
  },
): JournalEntry | null {
  const { incidentId, check } = input;
  const journaled =
    input.trigger === 'on-demand' || integrityChanged(db, incidentId, check);
  if (!journaled) {
    db.transaction(() => projectIntegrity(db, incidentId, check)).immediate();
    return null;
  }

  const [entry] = appendEntries(
    db,
    writer,
    [
      {
        scope: incidentId,
        kind: EVIDENCE_ENTRY_KINDS.verified,
        actor: input.actor,
        payload: {
          trigger: input.trigger,
          items: check.items,
          bytes: check.bytes,
          ok: check.ok,
          problems: check.problems,
        },
      },
    ],
    () => projectIntegrity(db, incidentId, check),
  );
  return entry;
}
