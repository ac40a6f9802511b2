import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident } from '../../src/shared/ipc-contract';
import { ENTRY_KINDS } from '../../src/shared/journal-types';
import type { Clock } from '../../src/main/clock';
import type { InvokeContext } from '../../src/main/ipc/handler-map';
import {
  appendEntries,
  createJournalWriter,
  type NewEntry,
} from '../../src/main/journal/append-entries';
import {
  DATABASE_FILE,
  openWarRoom,
  type WarRoom,
} from '../../src/main/war-room';
import {
  formatCount,
  formatSeconds,
  nowMicros,
  yieldToEventLoop,
} from './bench-kit';
import { noteActor, noteText } from './note-corpus';

export const BENCH_CONTEXT: InvokeContext = {
  defaultActor: 'bench',
  transport: 'test',
};

/** Entries per transaction while seeding: one fsync per batch. */
const SEED_BATCH = 10_000;

/** 2026-12-03T16:00:00Z; the journal's recorded times start here. */
const SEED_START_MICROS = Date.UTC(2026, 11, 3, 16) * 1000;

/**
 * Moves 250 ms on every reading, so a million entries span about three
 * days of recorded time, as a long incident's journal would.
 */
function steppingClock(startMicros: number): Clock {
  let now = startMicros;
  return {
    nowMicros() {
      now += 250_000;
      return now;
    },
  };
}

/** Invokes a channel and unwraps its value; a failure stops the benchmark. */
export async function invokeValue<T>(
  warRoom: WarRoom,
  channel: string,
  input: unknown,
): Promise<T> {
  const result = await warRoom.invoke(channel, input, BENCH_CONTEXT);
  if (!result.ok) {
    const { kind, message } = result.error;
    throw new Error(`${channel} failed (${kind}): ${message}`);
  }
  return result.value as T;
}

export type SeededJournal = {
  warRoom: WarRoom;
  incident: Incident;
  /** Entries in the incident's journal, its opening entry included. */
  entries: number;
  seedMicros: number;
  databaseBytes: number;
};

function noteInputs(scope: string, from: number, to: number, notes: number) {
  const inputs: NewEntry[] = [];
  for (let index = from; index < to; index++) {
    inputs.push({
      scope,
      kind: ENTRY_KINDS.note,
      actor: noteActor(index),
      payload: { text: noteText(index, notes) },
    });
  }
  return inputs;
}

function databaseBytes(dataDir: string): number {
  const file = join(dataDir, DATABASE_FILE);
  return (
    statSync(file).size +
    (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)
  );
}

/**
 * Opens a War Room on `dataDir`, opens one incident through its contract
 * and fills the incident's journal to `entries` entries with the bulk
 * append path (chain, hash and search index included), `SEED_BATCH` per
 * transaction. The War Room is left open for the caller to measure.
 */
export async function seedJournal(
  dataDir: string,
  entries: number,
  title: string,
): Promise<SeededJournal> {
  const clock = steppingClock(SEED_START_MICROS);
  const warRoom = openWarRoom({ dataDir, clock });
  const started = nowMicros();
  const incident = await invokeValue<Incident>(warRoom, 'incident:create', {
    title,
    severity: 'high',
    category: 'network-security',
  });
  const writer = createJournalWriter(warRoom.deviceId, clock);
  // Opening writes its own entries (the opening and its checklists).
  const notes = entries - incident.entryCount;
  let reported = started;

  for (let from = 0; from < notes; from += SEED_BATCH) {
    const to = Math.min(notes, from + SEED_BATCH);
    appendEntries(warRoom.db, writer, noteInputs(incident.id, from, to, notes));
    if (nowMicros() - reported > 15_000_000) {
      reported = nowMicros();
      console.log(
        `  … ${formatCount(to + incident.entryCount)} of ` +
          `${formatCount(entries)} entries ` +
          `after ${formatSeconds(reported - started)}`,
      );
    }
    // Lets an interrupt be handled during a long seed.
    await yieldToEventLoop();
  }

  return {
    warRoom,
    incident,
    entries,
    seedMicros: nowMicros() - started,
    databaseBytes: databaseBytes(dataDir),
  };
}
