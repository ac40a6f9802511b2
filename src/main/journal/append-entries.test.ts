import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import { computeEntryHash, GENESIS_HASH } from './entry-hash';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;

afterEach(() => warRoom?.close());

async function newIncident(title = 'Suspicious admin logins') {
  return invokeOk<Incident>(warRoom, 'incident:create', {
    title,
    severity: 'high',
    category: 'authentication-access-control',
    subtype: 'suspicious-login-patterns',
  });
}

function countRows(table: string): number {
  return (
    warRoom.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as {
      n: number;
    }
  ).n;
}

describe('appending to the journal', () => {
  it('chains each entry to the one before it with a recomputable hash', async () => {
    ({ warRoom } = openTestWarRoom());
    const incident = await newIncident();
    const first = await invokeOk<JournalEntry>(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text: 'Blocked 203.0.113.7 at the WAF',
    });
    const second = await invokeOk<JournalEntry>(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text: 'Rotated the admin token',
    });

    expect(first.chainSeq).toBe(2);
    expect(second.chainSeq).toBe(3);
    expect(second.prevHash).toBe(first.hash);
    const { hash, ...fields } = second;
    expect(computeEntryHash(fields)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts every chain at the genesis hash and records who and when', async () => {
    let clock;
    ({ warRoom, clock } = openTestWarRoom());
    clock.advanceMicros(1_234_567);
    const incident = await newIncident();
    const history = await invokeOk<{ original: JournalEntry }>(
      warRoom,
      'journal:history',
      {
        entryId: (
          warRoom.db
            .prepare('SELECT id FROM journal_entries WHERE scope = ?')
            .get(incident.id) as { id: string }
        ).id,
      },
    );

    expect(history.original.prevHash).toBe(GENESIS_HASH);
    expect(history.original.actor).toBe(testContext.defaultActor);
    expect(history.original.recordedAt).toBe('2026-12-03T16:00:01.234567Z');
    expect(history.original.deviceId).toBe(warRoom.deviceId);
  });

  it('keeps an entered event time with its original offset', async () => {
    ({ warRoom } = openTestWarRoom());
    const incident = await newIncident();
    const note = await invokeOk<JournalEntry>(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text: 'Alert fired',
      occurredAt: '2026-12-03T17:59:58.5+02:00',
    });

    expect(note.occurredAt).toBe('2026-12-03T15:59:58.500000Z');
    expect(note.occurredOffset).toBe('+02:00');
    expect(note.timeSource).toBe('user-entered');
  });

  it('refuses UPDATE and DELETE on journal rows', async () => {
    ({ warRoom } = openTestWarRoom());
    await newIncident();

    expect(() =>
      warRoom.db.prepare("UPDATE journal_entries SET actor = 'mallory'").run(),
    ).toThrow(/append-only/);
    expect(() =>
      warRoom.db.prepare('DELETE FROM journal_entries').run(),
    ).toThrow(/append-only/);
    expect(countRows('journal_entries')).toBe(1);
  });

  it('refuses floating-point payload values and writes nothing', async () => {
    ({ warRoom } = openTestWarRoom());
    const { appendEntry, createJournalWriter } =
      await import('./append-entries');
    const writer = createJournalWriter(warRoom.deviceId, {
      nowMicros: () => 1,
    });

    expect(() =>
      appendEntry(warRoom.db, writer, {
        scope: 'organisation',
        kind: 'note',
        actor: 'tester',
        payload: { ratio: 0.5 },
      }),
    ).toThrow(/payload\.ratio must be a safe integer/);
    expect(countRows('journal_entries')).toBe(0);
    expect(countRows('journal_chain_heads')).toBe(0);
    expect(countRows('journal_search')).toBe(0);
  });

  it('rolls back the entries when a projection fails', async () => {
    ({ warRoom } = openTestWarRoom());
    const { appendEntries, createJournalWriter } =
      await import('./append-entries');
    const writer = createJournalWriter(warRoom.deviceId, {
      nowMicros: () => 1,
    });
    const entry = {
      scope: 'organisation',
      kind: 'note',
      actor: 'tester',
      payload: { text: 'x' },
    };

    expect(() =>
      appendEntries(warRoom.db, writer, [entry, entry], () => {
        throw new Error('projection failed');
      }),
    ).toThrow('projection failed');
    expect(countRows('journal_entries')).toBe(0);
  });
});
