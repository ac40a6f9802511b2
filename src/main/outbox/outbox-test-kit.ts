/**
 * For the outbox tests: a fresh database with one incident, the admin
 * simulator and a client on a manual clock (admin-client-test-kit.ts), an
 * outbox on them with a connection state the test sets, and `drain` to run
 * the dispatcher to quiet, moving the clock through every backoff.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ConnectionState } from '../../shared/admin-api-types';
import type { OutboxAction } from '../../shared/outbox-types';
import type { SimEffect } from '../../../tests/admin-sim/simulator';
import {
  closeRigs,
  startRig,
  type Rig,
  type RigOptions,
} from '../admin-api/admin-client-test-kit';
import { openDatabase, type Db } from '../db/open-database';
import { createJournalWriter } from '../journal/append-entries';
import { createLogger } from '../logger';
import { createOutbox, type Outbox, type OutboxDeps } from './outbox';
import { unsettledCount } from './outbox-store';

export const INCIDENT = '01JD0000000000000000000001';

export type OutboxRig = Rig & {
  db: Db;
  outbox: Outbox;
  connection: { state: ConnectionState };
  drain(until?: () => boolean, limitMs?: number): Promise<void>;
  close(): Promise<void>;
};

export function insertIncident(db: Db, id = INCIDENT): void {
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by, phase)
     VALUES (?, 'Admin account takeover', '', 'critical', 'data-security',
       'open', '2025-01-20T10:00:00.000000Z', 'ana', 'containment')`,
  ).run(id);
}

/** Seeded uniform [0, 1) (mulberry32), for jitter and mixes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nothing more will happen to it without the commander. */
export function isSettled(action: OutboxAction): boolean {
  if (action.state === 'unknown') return action.nextAttemptAt === null;
  return !['queued', 'sending'].includes(action.state);
}

export function allSettled(db: Db): boolean {
  return unsettledCount(db) === 0;
}

/**
 * Memory-backed when the machine has it: these tests fsync thousands of
 * journal entries, and what they prove does not depend on the disk.
 */
export function scratchDir(): { path: string; remove: () => void } {
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const path = mkdtempSync(join(root, 'war-room-outbox-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const realPause = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, ms));

export type OutboxRigOptions = RigOptions & {
  outbox?: Partial<OutboxDeps>;
  connection?: ConnectionState;
};

export async function startOutboxRig(
  options: OutboxRigOptions = {},
): Promise<OutboxRig> {
  const rig = await startRig({
    ...options,
    client: { timeoutMs: 2_000, ...options.client },
  });
  const dir = scratchDir();
  const db = openDatabase(join(dir.path, 'war-room.db'));
  insertIncident(db);
  const connection = { state: options.connection ?? 'online' };
  const outbox = createOutbox({
    db,
    writer: createJournalWriter('device-test', rig.clock),
    clock: rig.clock,
    timers: rig.timers,
    logger: createLogger(),
    link: { client: () => rig.client, connection: () => connection.state },
    random: seededRandom(7),
    backoff: { baseMs: 1_000, capMs: 60_000 },
    ...options.outbox,
  });

  /**
   * Runs until `until` holds (default: every action settled), moving the
   * clock to each sleep as it falls due; throws after `limitMs` of real
   * time, naming what still waits.
   */
  async function drain(
    until: () => boolean = () => allSettled(db),
    limitMs = 20_000,
  ): Promise<void> {
    const started = Date.now();
    while (!until()) {
      if (Date.now() - started > limitMs) {
        const waiting = outbox.list().filter((a) => !isSettled(a));
        throw new Error(`outbox did not settle: ${waiting.length} waiting`);
      }
      await realPause(1);
      const due = rig.timers.nextDueInMs();
      if (due !== null) await rig.timers.advance(due);
    }
  }

  return {
    ...rig,
    db,
    outbox,
    connection,
    drain,
    async close() {
      await outbox.stop();
      db.close();
      dir.remove();
    },
  };
}

/**
 * Opens outbox rigs for one test file and closes them, with the admin rigs
 * under them, after each test. With `discover`, the rig has read the
 * simulator's capabilities before the test sees it.
 */
export function useOutboxRigs() {
  const rigs: OutboxRig[] = [];
  afterEach(async () => {
    await Promise.all(rigs.splice(0).map((rig) => rig.close()));
    await closeRigs();
  });
  return async (
    options: OutboxRigOptions = {},
    setup = { discover: false },
  ): Promise<OutboxRig> => {
    const rig = await startOutboxRig(options);
    rigs.push(rig);
    if (setup.discover) await rig.run(rig.client.discover());
    return rig;
  };
}

/** Effects the simulator applied, per `Idempotency-Key`. */
export function effectsByKey(effects: SimEffect[]): Map<string, SimEffect[]> {
  const byKey = new Map<string, SimEffect[]>();
  for (const effect of effects) {
    const key = effect.idempotencyKey ?? '(none)';
    byKey.set(key, [...(byKey.get(key) ?? []), effect]);
  }
  return byKey;
}
