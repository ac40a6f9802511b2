/**
 * The poller, the cache and the handlers against the real admin client
 * and the platform simulator, over HTTP on loopback.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startAdminSimulator,
  type AdminSimulator,
  type SimulatorOptions,
} from '../../../tests/admin-sim/simulator';
import type {
  AdminStatus,
  DashboardSnapshot,
  EventPage,
} from '../../shared/admin-api-types';
import type { EvidenceItem } from '../../shared/evidence-types';
import type { Incident } from '../../shared/ipc-contract';
import { settle } from '../admin-api/admin-client-test-kit';
import { manualClock } from '../clock';
import { openVault } from '../evidence/evidence-vault';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import type { ManualTimers } from '../timers';
import type { WarRoom } from '../war-room';

/**
 * Lets background polling run for `ms` of the manual clock: each time
 * everything is waiting on a timer, moves to the next wake-up.
 */
async function runFor(timers: ManualTimers, ms: number): Promise<void> {
  let left = ms;
  while (left > 0) {
    await timers.sleeping();
    const step = Math.min(timers.nextDueInMs() ?? left, left);
    await timers.advance(step);
    left -= step;
  }
}

/** 2025-01-20T10:40:00Z, where the simulator's clock starts. */
const SIM_START_MICROS = Date.UTC(2025, 0, 20, 10, 40) * 1000;

let sim: AdminSimulator | null = null;
let warRoom: WarRoom | null = null;
afterEach(async () => {
  warRoom?.close();
  warRoom = null;
  await sim?.close();
  sim = null;
});

async function openAgainst(options: SimulatorOptions) {
  sim = await startAdminSimulator({ clock: { frozen: true }, ...options });
  const clock = manualClock(SIM_START_MICROS);
  const opened = openTestWarRoom(undefined, {
    clock,
    admin: { environment: { baseUrl: sim.url, token: sim.token } },
  });
  warRoom = opened.warRoom;
  const room = opened.warRoom;
  const timers: ManualTimers = opened.timers;
  /** Invokes, moving the manual clock through any retry waits. */
  const call = <T>(channel: string, input: unknown = {}) =>
    settle(timers, invokeOk<T>(room, channel, input));
  return { sim, warRoom: room, clock, timers, call };
}

describe.each(['reference', 'plan'] as const)('the %s profile', (profile) => {
  it('caches everything its designed routes offer and is online', async () => {
    const { call } = await openAgainst({ profile, preset: 'designed' });

    const status = await call<AdminStatus>('admin:sync-now');
    const snapshot = await call<DashboardSnapshot>('dashboard:snapshot');

    expect(status.connection).toBe('online');
    expect(status.capabilitiesCheckedAt).not.toBeNull();
    // Probing the plan's routes spends budget, so pulls may wait for it.
    expect(snapshot.alerts?.fetchedAt).toMatch(/^2025-01-20T10:4/);
    expect(snapshot.health?.value.overallStatus).toBe('healthy');
    expect(snapshot.metrics?.value.ipAllowlistEntries).toBeGreaterThan(0);
    expect(snapshot.events).toMatchObject({
      cached: 9,
      newestAt: '2025-01-20T10:33:58.412907Z',
      possibleGap: false,
    });
  });
});

it('offers only the identity heartbeat where the routes are not deployed', async () => {
  const { call } = await openAgainst({ profile: 'reference' });

  const status = await call<AdminStatus>('admin:sync-now');
  const snapshot = await call<DashboardSnapshot>('dashboard:snapshot');

  const available = status.capabilities
    .filter((view) => view.available)
    .map((view) => view.capability);
  expect(available).toContain('identity');
  expect(available).not.toContain('alerts');
  expect(status.connection).toBe('online');
  expect(snapshot.alerts).toBeNull();
  expect(snapshot.events.cached).toBe(0);
});

it('is degraded while the platform reports its health degraded', async () => {
  const { call } = await openAgainst({
    profile: 'reference',
    preset: 'designed',
    routes: { 'security.health': 'broken' },
  });

  const status = await call<AdminStatus>('admin:sync-now');

  expect(status.connection).toBe('degraded');
  expect(status.lastError).toContain('session_management unhealthy');
});

it('is unauthorised with a token the platform refuses', async () => {
  sim = await startAdminSimulator({
    preset: 'designed',
    clock: { frozen: true },
  });
  const opened = openTestWarRoom(undefined, {
    clock: manualClock(SIM_START_MICROS),
    admin: { environment: { baseUrl: sim.url, token: 'not-the-token' } },
  });
  warRoom = opened.warRoom;

  const status = await settle(
    opened.timers,
    invokeOk<AdminStatus>(opened.warRoom, 'admin:sync-now', {}),
  );

  expect(status.connection).toBe('unauthorised');
  expect(JSON.stringify(status)).not.toContain(sim.token);
});

it('keeps the cache while the platform is down and refreshes when back', async () => {
  const {
    sim: platform,
    clock,
    call,
  } = await openAgainst({
    profile: 'reference',
    preset: 'designed',
  });
  await call('admin:sync-now');
  const before = await call<DashboardSnapshot>('dashboard:snapshot');

  await platform.control.down();
  clock.advanceMicros(5 * 60_000_000);
  const down = await call<AdminStatus>('admin:sync-now');
  const whileDown = await call<DashboardSnapshot>('dashboard:snapshot');
  await platform.control.up();
  clock.advanceMicros(60_000_000);
  const up = await call<AdminStatus>('admin:sync-now');
  const after = await call<DashboardSnapshot>('dashboard:snapshot');

  expect(down.connection).toBe('offline');
  expect(down.recentTransitions[0]).toMatchObject({
    from: 'online',
    to: 'offline',
    notable: true,
  });
  expect(whileDown).toEqual(before);
  expect(up.connection).toBe('online');
  expect(up.recentTransitions[0]).toMatchObject({
    to: 'online',
    notable: true,
  });
  expect(after.alerts?.fetchedAt).toMatch(/^2025-01-20T10:46:/);
  expect(after.events.cached).toBe(before.events.cached);
});

it('polls in the background and stops when War Room closes', async () => {
  const {
    sim: platform,
    warRoom: room,
    timers,
  } = await openAgainst({
    profile: 'plan',
  });

  room.startAdminSync();
  await runFor(timers, 2 * 60_000);
  room.close();
  warRoom = null;
  // A request already on the wire when War Room closed still arrives.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const polled = platform.requests.all().length;
  await timers.advance(10 * 60_000);
  await new Promise((resolve) => setTimeout(resolve, 100));

  expect(polled).toBeGreaterThanOrEqual(10);
  expect(platform.requests.all().length).toBe(polled);
  expect(timers.pending()).toBe(0);
});

it('pulls the audit log for a window into the evidence log', async () => {
  const { warRoom: room, call } = await openAgainst({ profile: 'plan' });
  const incident = await invokeOk<Incident>(room, 'incident:create', {
    title: 'Suspicious admin logins',
    severity: 'high',
    category: 'data-security',
  });
  await call('admin:discover');

  const item = await call<EvidenceItem>('admin:audit-pull', {
    incidentId: incident.id,
    start: '2025-01-20T00:00:00Z',
    end: '2025-01-21T00:00:00Z',
  });
  const events = await call<EventPage>('dashboard:events', {
    offset: 0,
    limit: 5,
  });

  const stored = JSON.parse(
    readFileSync(openVault(room.dataDir).blobPath(item.hashes.sha256), 'utf8'),
  ) as { rowCount: number; pages: { status: number; body: string }[] };
  expect(item.name).toBe('audit-logs-20250120T000000Z-20250121T000000Z.json');
  expect(stored.rowCount).toBeGreaterThan(0);
  expect(stored.pages[0].status).toBe(200);
  expect(JSON.parse(stored.pages[0].body)).toBeInstanceOf(Array);
  expect(events.total).toBe(0);
});
