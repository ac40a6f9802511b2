import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open-database';
import { dropAppendOnlyGuards } from '../test-support/tamper';
import { makeTempDir, openTestWarRoom } from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { appendEntry, createJournalWriter } from './append-entries';
import { verifyChains } from './verify-chains';

const SCOPES = ['01JD0000000000000000000001', '01JD0000000000000000000002'];

const payloadArbitrary = fc.record({
  text: fc.string({ unit: 'binary', maxLength: 40 }),
  count: fc.integer(),
  flag: fc.boolean(),
  tags: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
});

const appendArbitrary = fc.record({
  scope: fc.constantFrom(...SCOPES),
  kind: fc.constantFrom('note', 'evidence.added', 'custody.transferred'),
  actor: fc.string({ minLength: 1, maxLength: 12 }),
  payload: payloadArbitrary,
  advanceMicros: fc.integer({ min: 0, max: 5_000_000 }),
});

type Append = {
  scope: string;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  advanceMicros: number;
};

let warRoom: WarRoom;
let clock: ReturnType<typeof openTestWarRoom>['clock'];
let removeDir: () => void;

beforeEach(() => {
  const dir = makeTempDir();
  removeDir = dir.remove;
  ({ warRoom, clock } = openTestWarRoom(dir.path));
});

afterEach(() => {
  warRoom.close();
  removeDir();
});

function appendAll(db: Db, appends: Append[]) {
  const writer = createJournalWriter(warRoom.deviceId, clock);
  for (const append of appends) {
    clock.advanceMicros(append.advanceMicros);
    appendEntry(db, writer, {
      scope: append.scope,
      kind: append.kind,
      actor: append.actor,
      payload: append.payload as never,
    });
  }
}

/** Text and integer columns of a stored entry that the chain protects. */
const PROTECTED_COLUMNS = [
  'id',
  'scope',
  'device_id',
  'chain_seq',
  'kind',
  'actor',
  'occurred_at',
  'occurred_offset',
  'time_source',
  'recorded_at',
  'payload',
  'prev_hash',
  'hash',
] as const;

/**
 * Changes one byte of one stored value, as a bit flip or a hex editor
 * would. Returns false when the change could not be stored (it would break
 * a uniqueness rule), in which case nothing changed.
 */
function flipOneByte(
  db: Db,
  seq: number,
  column: (typeof PROTECTED_COLUMNS)[number],
  byteIndex: number,
  byteDelta: number,
): boolean {
  const { value } = db
    .prepare(`SELECT ${column} AS value FROM journal_entries WHERE seq = ?`)
    .get(seq) as { value: string | number };
  try {
    if (typeof value === 'number') {
      const shift = BigInt((byteIndex % 6) * 8);
      const flipped = BigInt(value) ^ (BigInt(byteDelta) << shift);
      db.prepare(`UPDATE journal_entries SET ${column} = ? WHERE seq = ?`).run(
        flipped,
        seq,
      );
      return true;
    }
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length === 0) return false;
    const index = byteIndex % bytes.length;
    bytes[index] = (bytes[index] + byteDelta) % 256;
    db.prepare(
      `UPDATE journal_entries SET ${column} = CAST(? AS TEXT) WHERE seq = ?`,
    ).run(bytes, seq);
    return true;
  } catch (error) {
    if (/UNIQUE constraint/.test(String(error))) return false;
    throw error;
  }
}

describe('chain properties', () => {
  it('any sequence of appends verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(appendArbitrary, { minLength: 1, maxLength: 25 }),
        async (appends) => {
          const before = (await verifyChains(warRoom.db, clock)).entries;
          appendAll(warRoom.db, appends);

          const report = await verifyChains(warRoom.db, clock);

          expect(report.problems).toEqual([]);
          expect(report.entries).toBe(before + appends.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any single-byte change of a stored entry is detected', async () => {
    dropAppendOnlyGuards(warRoom.db);
    let tampered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(appendArbitrary, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...PROTECTED_COLUMNS),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (appends, pick, column, byteIndex, byteDelta) => {
          appendAll(warRoom.db, appends);
          const seqs = (
            warRoom.db.prepare('SELECT seq FROM journal_entries').all() as {
              seq: number;
            }[]
          ).map((row) => row.seq);
          const target = seqs[pick % seqs.length];
          const savepoint = warRoom.db.prepare('SAVEPOINT tamper');
          savepoint.run();
          try {
            if (
              !flipOneByte(warRoom.db, target, column, byteIndex, byteDelta)
            ) {
              return;
            }
            tampered += 1;
            const report = await verifyChains(warRoom.db, clock);
            expect(report.ok).toBe(false);
          } finally {
            warRoom.db.prepare('ROLLBACK TO tamper').run();
            warRoom.db.prepare('RELEASE tamper').run();
          }
        },
      ),
      { numRuns: 150 },
    );
    // Guards against a vacuous pass: most runs must really change a byte.
    expect(tampered).toBeGreaterThan(100);
  });
});
