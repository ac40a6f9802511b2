/**
 * The outbox survives being killed. A child process dispatches queued
 * actions against the simulator (with server errors and resets after the
 * server acted); the test SIGKILLs it at random moments, restarts it, and
 * finally lets one run to the end. The simulator's record of applied
 * effects must show every action applied exactly once, and the journal
 * must still verify.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { ActionRequest } from '../../shared/outbox-types';
import {
  startAdminSimulator,
  type AdminSimulator,
} from '../../../tests/admin-sim/simulator';
import { systemClock } from '../clock';
import { openDatabase } from '../db/open-database';
import { createJournalWriter } from '../journal/append-entries';
import { verifyChains } from '../journal/verify-chains';
import { createLogger } from '../logger';
import { systemTimers } from '../timers';
import { createOutbox } from './outbox';
import {
  effectsByKey,
  INCIDENT,
  insertIncident,
  scratchDir,
  seededRandom,
} from './outbox-test-kit';

const worker = fileURLToPath(new URL('./dispatch-worker.ts', import.meta.url));

const ACTIONS = 60;
const KILLS = 12;

let sim: AdminSimulator | null = null;
const dir = scratchDir();
afterEach(async () => {
  await sim?.close();
  dir.remove();
});

type Run = { child: ChildProcess; ready: Promise<void>; done: Promise<string> };

function startWorker(dataDir: string, platform: AdminSimulator): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, dataDir, platform.url],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WAR_ROOM_ADMIN_TOKEN: platform.token },
    },
  );
  let out = '';
  let errors = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    if (out.includes('ready')) markReady();
  });
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code, signal) => {
      markReady();
      if (signal === 'SIGKILL' || code === 0) resolve(out);
      else reject(new Error(`worker exited ${code}: ${errors}`));
    }),
  );
  return { child, ready, done };
}

function lockout(n: number): ActionRequest {
  return {
    kind: 'lockout-create',
    reason: `Crash-test lockout number ${n}`,
    message: `Locked for the crash test (${n}); ask the commander`,
    durationHours: null,
    allowReadOnly: false,
  };
}

function allowlist(n: number): ActionRequest {
  return {
    kind: 'allowlist-add',
    reason: `Responder laptop ${n}`,
    address: `100.65.0.${n + 1}`,
    description: null,
    expiresAt: null,
  };
}

/** Queues the actions the workers will send (no platform needed). */
function queueActions(dataDir: string): string[] {
  const db = openDatabase(join(dataDir, 'war-room.db'));
  insertIncident(db);
  const outbox = createOutbox({
    db,
    writer: createJournalWriter('device-crash-test', systemClock),
    clock: systemClock,
    timers: systemTimers,
    logger: createLogger(),
    link: { client: () => null, connection: () => 'not-configured' },
  });
  const meta = { incidentId: INCIDENT, actor: 'ana' };
  const ids = Array.from(
    { length: ACTIONS },
    (_, n) => outbox.queue(n % 2 === 0 ? lockout(n) : allowlist(n), meta).id,
  );
  db.close();
  return ids;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('applies every action exactly once across SIGKILLs', async () => {
  sim = await startAdminSimulator({
    preset: 'designed',
    clock: { frozen: true },
    seed: 5,
  });
  sim.control.inject({ kind: 'error-rate', rate: 0.3 });
  sim.control.inject({ kind: 'reset-after', chance: 0.1 });
  // A little latency on each request widens the window for a kill.
  sim.control.inject({ kind: 'latency', ms: 4 });
  const ids = queueActions(dir.path);
  const random = seededRandom(17);

  let killedMidway = 0;
  for (let kill = 0; kill < KILLS; kill += 1) {
    const run = startWorker(dir.path, sim);
    await run.ready;
    await pause(20 + Math.floor(random() * 250));
    const finished = run.child.exitCode !== null;
    run.child.kill('SIGKILL');
    const out = await run.done;
    if (!finished && !out.includes('settled')) killedMidway += 1;
  }
  const last = startWorker(dir.path, sim);
  expect(await last.done).toContain('settled');

  const db = openDatabase(join(dir.path, 'war-room.db'));
  const states = db
    .prepare('SELECT state, count(*) AS n FROM outbox_actions GROUP BY state')
    .all();
  const recovered = db
    .prepare(
      `SELECT count(*) AS n FROM journal_entries
        WHERE kind = 'action.state-changed'
          AND json_extract(payload, '$.from') = 'sending'`,
    )
    .get() as { n: number };
  const report = await verifyChains(db, systemClock);
  db.close();
  const byKey = effectsByKey(sim.control.effects());
  const counts = ids.map((id) => byKey.get(id)?.length ?? 0);
  const summary = {
    actions: ids.length,
    kills: KILLS,
    killedMidway,
    caughtOnTheWire: recovered.n,
    appliedOnce: counts.filter((n) => n === 1).length,
    appliedTwiceOrMore: counts.filter((n) => n > 1).length,
    neverApplied: counts.filter((n) => n === 0).length,
    effects: sim.control.effects().length,
    requests: sim.requests.all().length,
  };
  process.stdout.write(`outbox crash test: ${JSON.stringify(summary)}\n`);

  expect(states).toEqual([{ state: 'confirmed', n: ACTIONS }]);
  expect(summary).toMatchObject({
    appliedOnce: ACTIONS,
    appliedTwiceOrMore: 0,
    neverApplied: 0,
    effects: ACTIONS,
  });
  expect(killedMidway).toBeGreaterThanOrEqual(KILLS / 2);
  expect(report.ok).toBe(true);
}, 60_000);
