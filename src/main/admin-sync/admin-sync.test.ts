import { afterEach, expect, it } from 'vitest';
import type {
  AdminStatus,
  DashboardSnapshot,
} from '../../shared/admin-api-types';
import type { EventName } from '../../shared/channel-names';
import { manualClock } from '../clock';
import {
  createFakeAdminClient,
  degradedHealth,
  FAKE_BASE_URL,
  healthyHealth,
  makeEvent,
  type FakeAdminClient,
} from '../test-support/fake-admin-client';
import {
  invokeOk,
  openTestWarRoom,
  TEST_START_MICROS,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import type { AdminEnvironment } from './admin-config';
import type { AdminClientConfig } from './admin-sync';

const TOKEN = 'secret-token-value';
const CONFIGURED: AdminEnvironment = { baseUrl: FAKE_BASE_URL, token: TOKEN };

let warRoom: WarRoom | null = null;
afterEach(() => warRoom?.close());

/**
 * A War Room whose admin client is a fake. The first fake is made at once
 * (tests prepare its data before configuring); a reconnection makes
 * another that shares its data, as a new client sees the same platform.
 */
function openWithFake(
  environment: AdminEnvironment = CONFIGURED,
  dataDir?: string,
) {
  const clock = manualClock(TEST_START_MICROS);
  const fake = createFakeAdminClient(clock);
  const fakes: FakeAdminClient[] = [];
  const configs: AdminClientConfig[] = [];
  const opened = openTestWarRoom(dataDir, {
    clock,
    admin: {
      environment,
      createClient: (config) => {
        configs.push(config);
        const client = fakes.length === 0 ? fake : createFakeAdminClient(clock);
        client.data = fake.data;
        fakes.push(client);
        return client;
      },
    },
  });
  warRoom = opened.warRoom;
  const pushed: { name: EventName; payload: unknown }[] = [];
  opened.warRoom.events.subscribe((name, payload) =>
    pushed.push({ name, payload }),
  );
  return { ...opened, fake, fakes, configs, pushed };
}

const status = (room: WarRoom) =>
  invokeOk<AdminStatus>(room, 'admin:status', {});
const snapshot = (room: WarRoom) =>
  invokeOk<DashboardSnapshot>(room, 'dashboard:snapshot', {});

/** Events `from` … `to - 1`, newest first. */
function events(from: number, to: number) {
  return Array.from({ length: to - from }, (_, i) => makeEvent(to - 1 - i));
}

function counts(fake: FakeAdminClient) {
  return {
    discover: fake.callCount('discover'),
    alerts: fake.callCount('alerts'),
    events: fake.callCount('events'),
    failedLogins: fake.callCount('events:failed_login'),
    health: fake.callCount('health'),
    metrics: fake.callCount('metrics'),
  };
}

it('pulls each part at its own interval once started', async () => {
  const { warRoom, timers, fake } = openWithFake();

  warRoom.startAdminSync();
  await timers.advance(0);
  const first = counts(fake);
  await timers.advance(5 * 60_000);

  expect(first).toEqual({
    discover: 1,
    alerts: 1,
    events: 1,
    failedLogins: 1,
    health: 1,
    metrics: 1,
  });
  expect(counts(fake)).toEqual({
    discover: 1,
    alerts: 11,
    events: 11,
    failedLogins: 6,
    health: 6,
    metrics: 6,
  });
  expect((await status(warRoom)).connection).toBe('online');
});

it('runs one cycle at a time however many ask at once', async () => {
  const { warRoom, timers, fake } = openWithFake();
  let open = () => {};
  fake.gate = new Promise((resolve) => (open = resolve));

  warRoom.startAdminSync();
  const asked = [
    invokeOk(warRoom, 'admin:sync-now', {}),
    invokeOk(warRoom, 'admin:sync-now', {}),
    invokeOk(warRoom, 'admin:discover', {}),
  ];
  await timers.advance(0);
  const whileWaiting = [...fake.calls];
  open();
  fake.gate = null;
  await Promise.all(asked);

  expect(whileWaiting).toEqual(['discover']);
  expect(fake.maxConcurrent).toBe(1);
  expect(fake.callCount('alerts')).toBeLessThanOrEqual(2);
});

it('keeps polling within the request budget', async () => {
  const { warRoom, timers, fakes, configs } = openWithFake();
  await invokeOk(warRoom, 'admin:configure', {
    baseUrl: FAKE_BASE_URL,
    pollBudgetPerMinute: 3,
  });
  const client = fakes.at(-1)!;
  const afterConfigure = client.calls.length;

  warRoom.startAdminSync();
  await timers.advance(20 * 60_000);
  const made = client.calls.length - afterConfigure;

  expect(fakes).toHaveLength(2);
  expect(configs.at(-1)?.pollBudgetPerMinute).toBe(3);
  // Every part is due at most once at the start, then 3 a minute.
  expect(made).toBeLessThanOrEqual(20 * 3 + 6);
  expect(made).toBeGreaterThanOrEqual(20 * 3 - 6);
});

it('stops polling and waiting when War Room closes', async () => {
  const { warRoom: room, timers, fake } = openWithFake();
  room.startAdminSync();
  await timers.advance(60_000);
  const before = fake.calls.length;

  room.close();
  await timers.advance(10 * 60_000);

  expect(fake.calls.length).toBe(before);
  expect(fake.closed).toBe(true);
  expect(timers.pending()).toBe(0);
});

it('caches events once and flags a gap when a pull may have skipped some', async () => {
  const { warRoom, fake } = openWithFake();
  fake.data.events = events(0, 200);
  await invokeOk(warRoom, 'admin:sync-now', {});
  await invokeOk(warRoom, 'admin:sync-now', {});
  const repeated = await snapshot(warRoom);

  fake.data.events = events(1_000, 1_200);
  await invokeOk(warRoom, 'admin:sync-now', {});
  const skipped = await snapshot(warRoom);

  expect(repeated.events).toMatchObject({ cached: 200, possibleGap: false });
  expect(skipped.events).toMatchObject({
    cached: 400,
    possibleGap: true,
    lastGap: {
      start: makeEvent(199).occurredAt,
      end: makeEvent(1_000).occurredAt,
    },
  });
});

it('goes offline, keeps the cache, backs off, and comes back', async () => {
  const { warRoom, timers, fake, pushed } = openWithFake();
  warRoom.startAdminSync();
  await timers.advance(0);
  const cachedAlerts = (await snapshot(warRoom)).alerts;

  fake.failAll = 'offline';
  await timers.advance(30_000);
  const down = await status(warRoom);
  await timers.advance(20 * 60_000);
  const waits = timers.requested().filter((ms) => ms >= 30_000);
  fake.failAll = null;
  await timers.advance(5 * 60_000);
  const up = await status(warRoom);

  expect(down.connection).toBe('offline');
  expect(down.recentTransitions[0]).toMatchObject({
    from: 'online',
    to: 'offline',
    notable: true,
  });
  expect((await snapshot(warRoom)).alerts?.fetchedAt).not.toBe(
    cachedAlerts?.fetchedAt,
  );
  expect(cachedAlerts).not.toBeNull();
  expect(waits).toEqual(
    expect.arrayContaining([60_000, 120_000, 240_000, 300_000]),
  );
  expect(Math.max(...waits)).toBe(300_000);
  expect(up.connection).toBe('online');
  expect(up.recentTransitions[0]).toMatchObject({
    from: 'offline',
    to: 'online',
    notable: true,
  });
  expect(
    pushed.filter((event) => event.name === 'admin:status-changed').length,
  ).toBeGreaterThanOrEqual(2);
});

it('keeps the last data while offline, with the time it was fetched', async () => {
  const { warRoom, clock, fake } = openWithFake();
  await invokeOk(warRoom, 'admin:sync-now', {});
  const fetched = await snapshot(warRoom);

  fake.failAll = 'offline';
  clock.advanceMicros(10 * 60_000_000);
  await invokeOk(warRoom, 'admin:sync-now', {});

  expect((await status(warRoom)).connection).toBe('offline');
  expect(await snapshot(warRoom)).toEqual(fetched);
  expect(fetched.alerts?.fetchedAt).toBe('2026-12-03T16:00:00.000000Z');
});

it('is unauthorised when the token is refused, degraded on bad health', async () => {
  const { warRoom, fake } = openWithFake();

  fake.failAll = 'unauthorised';
  const refused = await invokeOk<AdminStatus>(warRoom, 'admin:sync-now', {});
  fake.failAll = null;
  fake.data.health = degradedHealth;
  const unhealthy = await invokeOk<AdminStatus>(warRoom, 'admin:sync-now', {});
  fake.data.health = healthyHealth;
  fake.failures.set('metrics', 'server-error');
  const failing = await invokeOk<AdminStatus>(warRoom, 'admin:sync-now', {});

  expect(refused.connection).toBe('unauthorised');
  expect(refused.lastError).toContain('unauthorised');
  expect(unhealthy.connection).toBe('degraded');
  expect(unhealthy.lastError).toContain('session_management unhealthy');
  expect(failing.connection).toBe('degraded');
  expect(failing.lastError).toBe('GET /fake/metrics: fake server-error');
});

it('waits as long as the platform asks after a 429', async () => {
  const { warRoom, timers, fake } = openWithFake();
  fake.failures.set('alerts', 'rate-limited');
  warRoom.startAdminSync();
  await timers.advance(0);
  const first = fake.callCount('alerts');

  await timers.advance(59_000);
  const early = fake.callCount('alerts');
  await timers.advance(1_000);

  expect((await status(warRoom)).connection).toBe('degraded');
  expect(early).toBe(first);
  expect(fake.callCount('alerts')).toBe(first + 1);
});

it('waits for configuration, then keeps the token out of the status', async () => {
  const { warRoom, timers, fake, configs } = openWithFake({});
  warRoom.startAdminSync();
  await timers.advance(5 * 60_000);
  const unconfigured = await status(warRoom);
  const callsBefore = fake.calls.length;

  const urlOnly = await invokeOk<AdminStatus>(warRoom, 'admin:configure', {
    baseUrl: `${FAKE_BASE_URL}/`,
  });
  const configured = await invokeOk<AdminStatus>(warRoom, 'admin:configure', {
    baseUrl: FAKE_BASE_URL,
    token: TOKEN,
  });

  expect(unconfigured).toMatchObject({
    connection: 'not-configured',
    tokenSource: 'none',
    baseUrl: null,
  });
  expect(callsBefore).toBe(0);
  expect(configs).toHaveLength(1);
  expect(fake.calls.length).toBeGreaterThan(0);
  expect(urlOnly.connection).toBe('not-configured');
  expect(urlOnly.lastError).toContain('no token');
  expect(configured).toMatchObject({
    connection: 'online',
    baseUrl: FAKE_BASE_URL,
    tokenSource: 'session',
  });
  expect(configs[0].token()).toBe(TOKEN);
  expect(JSON.stringify(configured)).not.toContain(TOKEN);
  expect(
    JSON.stringify(warRoom.db.prepare('SELECT * FROM admin_settings').all()),
  ).not.toContain(TOKEN);
});

it('empties the cache when pointed at another platform', async () => {
  const { warRoom, fake } = openWithFake();
  fake.data.events = events(0, 5);
  await invokeOk(warRoom, 'admin:sync-now', {});
  fake.data.events = [];

  await invokeOk(warRoom, 'admin:configure', {
    baseUrl: 'https://other.example.com',
  });

  expect((await snapshot(warRoom)).events.cached).toBe(0);
});

it('keeps the cache across restarts, unless the platform changed', async () => {
  const first = openWithFake();
  first.fake.data.events = events(0, 5);
  await invokeOk(first.warRoom, 'admin:sync-now', {});
  first.warRoom.close();

  const same = openWithFake(CONFIGURED, first.dataDir);
  const kept = await snapshot(same.warRoom);
  same.warRoom.close();
  const other = openWithFake(
    { baseUrl: 'https://other.example.com', token: TOKEN },
    first.dataDir,
  );
  const emptied = await snapshot(other.warRoom);

  expect(kept.events.cached).toBe(5);
  expect(emptied.events.cached).toBe(0);
  expect((await status(other.warRoom)).baseUrl).toBe(
    'https://other.example.com',
  );
});

it('stops a cycle at the first request nobody answers', async () => {
  const { warRoom, fake, timers } = openWithFake();
  await invokeOk(warRoom, 'admin:sync-now', {});
  warRoom.startAdminSync();
  fake.failAll = 'offline';
  const before = fake.calls.length;

  await timers.advance(30_000);

  expect(fake.calls.slice(before)).toEqual(['alerts']);
  expect(
    warRoom.db
      .prepare(
        `SELECT part, ok, error_kind AS kind FROM admin_pulls
          ORDER BY id DESC LIMIT 1`,
      )
      .get(),
  ).toEqual({ part: 'alerts', ok: 0, kind: 'offline' });
});
