import { computeEntryHash, GENESIS_HASH } from '../../journal/entry-hash';
import { BagProblem, plural } from './bag-problem';
import { INCIDENT_FILE, JOURNAL_FILE } from './bag-layout';
import type { JournalLine } from './journal-lines';

type ChainState = { expected: number; prev: string };

export type ChainHead = { deviceId: string; length: number; headHash: string };

/** A head as bag-info.txt's War-Room-Chain-Head states it. */
export function chainHeadLine(head: ChainHead): string {
  return `${head.deviceId} ${head.length} ${head.headHash}`;
}

export type WalkedChain = { deviceId: string; length: number; head: string };

function describeGap(first: number, last: number): string {
  return first === last
    ? `chain position ${first} is`
    : `chain positions ${first} to ${last} are`;
}

/**
 * Walks the (scope, device) chains of one incident's journal in the order
 * its lines stand, and throws a BagProblem at the first broken link. Used
 * by the bundle check on `data/journal.jsonl` and by the export on what it
 * writes, so an export never produces a journal that fails the check.
 */
export class ChainWalk {
  private readonly chains = new Map<string, ChainState>();

  constructor(private readonly incidentId: string) {}

  /**
   * Checks the next line. `laterSeqs` lists the chain positions of the
   * same device's lines after this one; it is asked only when a position
   * is out of place, to tell a removed entry from a moved one.
   */
  step(where: string, entry: JournalLine, laterSeqs: () => Set<number>): void {
    if (entry.scope !== this.incidentId) {
      throw new BagProblem(
        where,
        'foreign',
        `the entry belongs to ${entry.scope}, not to incident ${this.incidentId}`,
      );
    }
    const { version: _version, ...fields } = entry;
    if (computeEntryHash(fields) !== entry.hash) {
      throw new BagProblem(
        where,
        'altered',
        "the hash does not match the entry's content",
      );
    }
    const chain = this.chainOf(entry.deviceId);
    if (entry.chainSeq !== chain.expected) {
      throw sequenceProblem(where, chain.expected, entry, laterSeqs());
    }
    if (entry.prevHash !== chain.prev) {
      throw linkProblem(where, chain, entry);
    }
    chain.expected += 1;
    chain.prev = entry.hash;
  }

  private chainOf(deviceId: string): ChainState {
    let chain = this.chains.get(deviceId);
    if (!chain) {
      chain = { expected: 1, prev: GENESIS_HASH };
      this.chains.set(deviceId, chain);
    }
    return chain;
  }

  /** The chains walked so far, in order of their first line. */
  walked(): WalkedChain[] {
    return [...this.chains].map(([deviceId, chain]) => ({
      deviceId,
      length: chain.expected - 1,
      head: chain.prev,
    }));
  }
}

function sequenceProblem(
  where: string,
  expected: number,
  entry: JournalLine,
  later: Set<number>,
): BagProblem {
  if (entry.chainSeq > expected && !later.has(expected)) {
    return new BagProblem(
      where,
      'missing',
      `${describeGap(expected, entry.chainSeq - 1)} missing before this entry`,
    );
  }
  return new BagProblem(
    where,
    'reordered',
    `the entry for chain position ${entry.chainSeq} stands where position ` +
      `${expected} belongs`,
  );
}

function linkProblem(
  where: string,
  chain: ChainState,
  entry: JournalLine,
): BagProblem {
  if (chain.expected === 1) {
    return new BagProblem(
      where,
      'altered',
      'the first entry of a chain must link to 64 zeros',
    );
  }
  return new BagProblem(
    where,
    'altered',
    `the entry links to ${entry.prevHash.slice(0, 12)}..., but the entry ` +
      `before it in its chain hashes to ${chain.prev.slice(0, 12)}...`,
  );
}

const entries = (count: number) => plural(count, 'entry', 'entries');

/**
 * Compares the walked chains with the heads recorded when the bag was
 * written: the same devices, lengths and last hashes. Throws the first
 * difference.
 */
export function checkChainHeads(
  walked: WalkedChain[],
  heads: readonly ChainHead[],
): void {
  const recorded = new Map(heads.map((head) => [head.deviceId, head]));
  for (const chain of walked) {
    const head = recorded.get(chain.deviceId);
    const of = `the chain of device ${chain.deviceId}`;
    if (!head) {
      throw new BagProblem(
        JOURNAL_FILE,
        'extra',
        `${of} has no recorded head in ${INCIDENT_FILE}`,
      );
    }
    if (head.length > chain.length) {
      throw new BagProblem(
        JOURNAL_FILE,
        'missing',
        `${of} has ${entries(chain.length)} but its recorded head has ` +
          `${head.length}; the last ones were removed`,
      );
    }
    if (head.length < chain.length) {
      throw new BagProblem(
        JOURNAL_FILE,
        'extra',
        `${of} has ${entries(chain.length)} but its recorded head has ` +
          `${head.length}`,
      );
    }
    if (head.headHash !== chain.head) {
      throw new BagProblem(
        JOURNAL_FILE,
        'altered',
        `the last entry of ${of} does not match its recorded head`,
      );
    }
  }
  const walkedDevices = new Set(walked.map((chain) => chain.deviceId));
  for (const head of heads) {
    if (!walkedDevices.has(head.deviceId)) {
      throw new BagProblem(
        JOURNAL_FILE,
        'missing',
        `the chain of device ${head.deviceId} (${entries(head.length)}) has ` +
          'no entries in the journal',
      );
    }
  }
}
