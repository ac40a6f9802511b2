import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import type { VerifyReport } from '../../shared/journal-types';
import { dropAppendOnlyGuards, entryIdsOf } from '../test-support/tamper';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let incident: Incident;
let other: Incident;
let ids: string[];

async function createWithNotes(title: string, notes: number) {
  const created = await invokeOk<Incident>(warRoom, 'incident:create', {
    title,
    severity: 'critical',
    category: 'data-security',
  });
  for (let index = 0; index < notes; index += 1) {
    await invokeOk(warRoom, 'journal:add-note', {
      incidentId: created.id,
      text: `${title} note ${index}`,
    });
  }
  return created;
}

const verify = () => invokeOk<VerifyReport>(warRoom, 'journal:verify', {});

beforeEach(async () => {
  ({ warRoom } = openTestWarRoom());
  incident = await createWithNotes('Exfiltration', 5);
  other = await createWithNotes('DDoS', 3);
  ids = entryIdsOf(warRoom.db, incident.id);
  dropAppendOnlyGuards(warRoom.db);
});

afterEach(() => warRoom.close());

function run(sql: string, ...params: unknown[]) {
  warRoom.db.prepare(sql).run(...params);
}

describe('verifying chains', () => {
  it('passes an untouched journal and counts chains and entries', async () => {
    const report = await verify();

    expect(report).toMatchObject({ ok: true, chains: 2, entries: 10 });
    expect(report.problems).toEqual([]);
  });

  it('names an entry whose payload was altered', async () => {
    run(
      `UPDATE journal_entries SET payload = '{"text":"nothing happened"}'
        WHERE id = ?`,
      ids[2],
    );

    const report = await verify();

    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        incident: incident.id,
        entry: ids[2],
        kind: 'altered',
      }),
    ]);
  });

  it('names an entry whose stored hash was altered', async () => {
    run(
      `UPDATE journal_entries SET hash = ? WHERE id = ?`,
      'f'.repeat(64),
      ids[3],
    );

    const report = await verify();

    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      entry: ids[3],
      kind: 'altered',
    });
  });

  it('names the entry after a deleted one as following a gap', async () => {
    run('DELETE FROM journal_entries WHERE id = ?', ids[2]);

    const [found] = (await verify()).problems;

    expect(found).toMatchObject({ entry: ids[3], kind: 'missing' });
    expect(found.detail).toMatch(/position 3/);
  });

  it('notices the last entries of a chain were removed', async () => {
    run('DELETE FROM journal_entries WHERE id IN (?, ?)', ids[4], ids[5]);

    const [found] = (await verify()).problems;

    expect(found).toMatchObject({ entry: ids[3], kind: 'missing' });
    expect(found.detail).toMatch(/records 6 entries but only 4 remain/);
  });

  it('names rows that were swapped as reordered', async () => {
    const columns = `id, device_id, chain_seq, kind, actor, occurred_at,
      occurred_offset, time_source, recorded_at, payload, target_id,
      prev_hash, hash`;
    const read = warRoom.db.prepare(
      `SELECT seq, scope_pos, ${columns} FROM journal_entries WHERE id = ?`,
    );
    const a = read.get(ids[1]) as Record<string, unknown>;
    const b = read.get(ids[2]) as Record<string, unknown>;
    run('DELETE FROM journal_entries WHERE id IN (?, ?)', ids[1], ids[2]);
    const insert = warRoom.db.prepare(
      `INSERT INTO journal_entries (seq, scope, scope_pos, ${columns})
       VALUES (@seq, @scope, @scope_pos, @id, @device_id, @chain_seq, @kind,
         @actor, @occurred_at, @occurred_offset, @time_source, @recorded_at,
         @payload, @target_id, @prev_hash, @hash)`,
    );
    insert.run({
      ...b,
      seq: a.seq,
      scope_pos: a.scope_pos,
      scope: incident.id,
    });
    insert.run({
      ...a,
      seq: b.seq,
      scope_pos: b.scope_pos,
      scope: incident.id,
    });

    const [found] = (await verify()).problems;

    expect(found).toMatchObject({ entry: ids[2], kind: 'reordered' });
  });

  it('names a row moved in from another chain as foreign', async () => {
    const [, intruder] = entryIdsOf(warRoom.db, other.id);
    // Someone editing the file can drop the uniqueness of chain positions.
    run('DROP INDEX journal_chain_position');
    run(
      `UPDATE journal_entries SET scope = ?, scope_pos = 100 WHERE id = ?`,
      incident.id,
      intruder,
    );

    const report = await verify();

    expect(report.problems).toContainEqual(
      expect.objectContaining({
        incident: incident.id,
        entry: intruder,
        kind: 'foreign',
      }),
    );
    // The chain it was taken from now has a hole.
    expect(report.problems).toContainEqual(
      expect.objectContaining({ incident: other.id, kind: 'missing' }),
    );
  });

  it('reports only the first broken link of each chain', async () => {
    run(
      `UPDATE journal_entries SET actor = 'x' WHERE id IN (?, ?)`,
      ids[1],
      ids[4],
    );

    const report = await verify();

    expect(report.problems.map((found) => found.entry)).toEqual([ids[1]]);
  });

  it('catches a payload stored in a non-canonical form', async () => {
    const stored = (
      warRoom.db
        .prepare('SELECT payload FROM journal_entries WHERE id = ?')
        .get(ids[1]) as { payload: string }
    ).payload;
    run(
      'UPDATE journal_entries SET payload = ? WHERE id = ?',
      ` ${stored}`,
      ids[1],
    );

    const [found] = (await verify()).problems;

    expect(found).toMatchObject({ entry: ids[1], kind: 'altered' });
    expect(found.detail).toMatch(/canonical/);
  });

  it('verifies one incident alone when asked', async () => {
    run(`UPDATE journal_entries SET actor = 'x' WHERE id = ?`, ids[1]);

    const report = await invokeOk<VerifyReport>(warRoom, 'journal:verify', {
      incidentId: other.id,
    });

    expect(report).toMatchObject({ ok: true, chains: 1, entries: 4 });
  });
});
