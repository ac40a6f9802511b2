import { EVIDENCE_ENTRY_KINDS } from '../../../shared/evidence-types';
import type { JsonObject } from '../../../shared/journal-types';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../db/open-database';
import { entryFromRow, type EntryRow } from '../../journal/entry-rows';
import { JOURNAL_FILE } from './bag-layout';
import { BagProblem } from './bag-problem';
import { journalPages, laterChainSeqs, type BagSnapshot } from './bag-snapshot';
import type { BagWriter } from './bag-writer';
import { ChainWalk, checkChainHeads } from './chain-walk';
import { formatJournalLine, parseJournalLine } from './journal-lines';

/**
 * A row as its bag line, read back as the bundle check reads it, so a line
 * the check would refuse is never written.
 */
function checkedLine(row: EntryRow, where: string) {
  let text: string;
  try {
    text = formatJournalLine(entryFromRow(row));
  } catch {
    throw new BagProblem(where, 'malformed', 'the entry has no canonical form');
  }
  const parsed = parseJournalLine(text);
  if (!parsed.entry) throw new BagProblem(where, 'malformed', parsed.problem);
  return { text, parsed: parsed.entry };
}

function journalRefused(incidentId: string, problem: BagProblem): AppFailure {
  return new AppFailure(
    'integrity',
    `the journal of incident ${incidentId} does not verify, so no bundle ` +
      `was written: ${problem.message}. Run war-room verify for details`,
  );
}

/**
 * Writes `data/journal.jsonl` page by page, walking its chains as it goes
 * with the bundle check's own walk, so a journal that would fail the check
 * is never exported. Returns the entry count and the payload of each
 * `evidence.added` entry, by entry id.
 */
export async function writeJournal(
  db: Db,
  writer: BagWriter,
  snapshot: BagSnapshot,
) {
  const incidentId = snapshot.incident.id;
  const walk = new ChainWalk(incidentId);
  const registered = new Map<string, JsonObject>();
  let entries = 0;

  async function* lines(): AsyncGenerator<Buffer> {
    for (const rows of journalPages(db, incidentId, snapshot.lastPosition)) {
      const text = rows.map((row) => {
        entries += 1;
        const where = `${JOURNAL_FILE} line ${entries} (entry ${row.id})`;
        const line = checkedLine(row, where);
        walk.step(where, line.parsed, () =>
          laterChainSeqs(db, row, snapshot.lastPosition),
        );
        if (line.parsed.kind === EVIDENCE_ENTRY_KINDS.added) {
          registered.set(row.id, line.parsed.payload);
        }
        return `${line.text}\n`;
      });
      yield Buffer.from(text.join(''), 'utf8');
    }
  }

  try {
    await writer.write(JOURNAL_FILE, lines());
    checkChainHeads(walk.walked(), snapshot.heads);
  } catch (error) {
    if (error instanceof BagProblem) throw journalRefused(incidentId, error);
    throw error;
  }
  return { entries, registered };
}
