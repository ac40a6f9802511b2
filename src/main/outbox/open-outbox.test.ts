/**
 * The outbox as a War Room runs it: on the admin sync's client and
 * connection state, started with the sync, woken when the platform
 * comes back.
 */
import { afterEach, expect, it } from 'vitest';
import {
  startAdminSimulator,
  type AdminSimulator,
} from '../../../tests/admin-sim/simulator';
import type { Incident } from '../../shared/ipc-contract';
import { manualClock } from '../clock';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../test-support/temp-war-room';
import type { ManualTimers } from '../timers';
import type { WarRoom } from '../war-room';

let sim: AdminSimulator | null = null;
let warRoom: WarRoom | null = null;
const dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(async () => {
  warRoom?.close();
  warRoom = null;
  await sim?.close();
  sim = null;
  for (const dir of dirs.splice(0)) dir.remove();
});

/** 2025-01-20T10:40:00Z, where the simulator's clock starts. */
const SIM_START_MICROS = Date.UTC(2025, 0, 20, 10, 40) * 1000;

/** Moves the clock to each wake-up until `done` holds. */
async function runUntil(timers: ManualTimers, done: () => boolean) {
  for (let round = 0; round < 200 && !done(); round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const due = timers.nextDueInMs();
    if (due !== null) await timers.advance(due);
  }
}

async function open() {
  sim = await startAdminSimulator({
    preset: 'designed',
    clock: { frozen: true },
  });
  const dir = makeTempDir();
  dirs.push(dir);
  const opened = openTestWarRoom(dir.path, {
    clock: manualClock(SIM_START_MICROS),
    admin: { environment: { baseUrl: sim.url, token: sim.token } },
  });
  warRoom = opened.warRoom;
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Admin token leaked',
    severity: 'critical',
    category: 'data-security',
  });
  const { clock, timers } = opened;
  return { room: opened.warRoom, timers, clock, incident };
}

it('sends what was queued before the first sync once the platform answers', async () => {
  const { room, timers, incident } = await open();
  const announced: string[] = [];
  room.events.subscribe((name, payload) => {
    if (name === 'journal:appended') {
      announced.push((payload as { kind: string }).kind);
    }
  });
  const action = room.outbox.queue(
    { kind: 'lockdown', reason: 'Admin token leaked in a paste' },
    { incidentId: incident.id, actor: 'ana' },
  );

  room.startAdminSync();
  await runUntil(
    timers,
    () => room.outbox.get(action.id)?.state === 'confirmed',
  );

  const posts = sim!.requests
    .writes()
    .filter((r) => r.path === '/api/admin/security/emergency-lockdown');
  expect(posts).toHaveLength(1);
  expect(posts[0].headers['idempotency-key']).toBe(action.id);
  expect(posts[0].headers['idempotency-key']).not.toBe(sim!.token);
  expect(room.outbox.get(action.id)?.state).toBe('confirmed');
  expect(room.outbox.waitingCount(incident.id)).toBe(0);
  // Each outbox entry reaches the timeline and the chain check like any.
  expect(announced).toEqual(
    expect.arrayContaining([
      'action.requested',
      'action.sent',
      'action.answered',
    ]),
  );
});

it('holds actions while the platform is down and sends them when it is back', async () => {
  const { room, timers, clock, incident } = await open();
  let connection = 'connecting';
  room.events.subscribe((name, payload) => {
    if (name === 'admin:status-changed') {
      connection = (payload as { connection: string }).connection;
    }
  });
  room.startAdminSync();
  await runUntil(timers, () => connection === 'online');
  await sim!.control.down();
  await runUntil(timers, () => connection === 'offline');

  const action = room.outbox.queue(
    { kind: 'lockdown', reason: 'Admin token leaked in a paste' },
    { incidentId: incident.id, actor: 'ana' },
  );
  const queuedAt = clock.nowMicros();
  await runUntil(timers, () => clock.nowMicros() - queuedAt > 5 * 60e6);
  expect(room.outbox.get(action.id)?.state).toBe('queued');
  expect(action.queuedOffline).toBe(true);
  expect(sim!.requests.writes()).toEqual([]);

  await sim!.control.up();
  await runUntil(
    timers,
    () => room.outbox.get(action.id)?.state === 'confirmed',
  );
  expect(room.outbox.get(action.id)).toMatchObject({
    state: 'confirmed',
    attempts: 1,
  });
  expect(sim!.requests.writes()).toHaveLength(1);
});
