import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import type {
  AdminStatus,
  DashboardSnapshot,
  EventPage,
  FailedLoginAnalysis,
} from '../../shared/admin-api-types';
import type { EvidenceItem } from '../../shared/evidence-types';
import type { EntryHistory, Incident } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import { manualClock } from '../clock';
import { openVault } from '../evidence/evidence-vault';
import {
  createFakeAdminClient,
  FAKE_BASE_URL,
  makeEvent,
  makeFailedLogin,
  sampleAlert,
  type FakeAdminClient,
} from '../test-support/fake-admin-client';
import {
  invokeOk,
  openTestWarRoom,
  TEST_START_MICROS,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let fake: FakeAdminClient;
let incident: Incident;
afterEach(() => warRoom.close());

async function open(configured = true) {
  const clock = manualClock(TEST_START_MICROS);
  fake = createFakeAdminClient(clock);
  ({ warRoom } = openTestWarRoom(undefined, {
    clock,
    admin: {
      environment: configured
        ? { baseUrl: FAKE_BASE_URL, token: 'token-1' }
        : {},
      createClient: () => fake,
    },
  }));
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Admin accounts under attack',
    severity: 'high',
    category: 'data-security',
  });
}

async function failure(channel: string, input: unknown) {
  const result = await warRoom.invoke(channel, input, testContext);
  if (result.ok) throw new Error(`${channel} did not fail`);
  return result.error;
}

it('pins a cached alert at the time the platform evaluated it', async () => {
  await open();
  await invokeOk(warRoom, 'admin:sync-now', {});
  const appended: string[] = [];
  warRoom.events.subscribe((name, payload) => {
    if (name === 'journal:appended') appended.push(JSON.stringify(payload));
  });

  const entry = await invokeOk<JournalEntry>(warRoom, 'dashboard:pin', {
    incidentId: incident.id,
    source: 'alert',
    id: sampleAlert.id,
    note: 'matches the help-desk calls',
  });

  expect(entry).toMatchObject({
    kind: 'admin.alert-pinned',
    scope: incident.id,
    actor: 'tester',
    occurredAt: sampleAlert.evaluatedAt,
    timeSource: 'imported',
    payload: {
      source: 'admin-api',
      baseUrl: FAKE_BASE_URL,
      recordType: 'alert',
      id: sampleAlert.id,
      fetchedAt: '2026-12-03T16:00:00.000000Z',
      record: sampleAlert,
      note: 'matches the help-desk calls',
    },
  });
  expect(appended).toHaveLength(1);
  const history = await invokeOk<EntryHistory>(warRoom, 'journal:history', {
    entryId: entry.id,
  });
  expect(history.original.hash).toBe(entry.hash);
});

it('pins a cached event, keeping fractions as text', async () => {
  await open();
  const event = makeFailedLogin(7, '203.0.113.45', 'ops@example.com');
  event.details.score = 0.75;
  fake.data.events = [event];
  await invokeOk(warRoom, 'admin:sync-now', {});

  const entry = await invokeOk<JournalEntry>(warRoom, 'dashboard:pin', {
    incidentId: incident.id,
    source: 'event',
    id: event.id,
  });

  expect(entry).toMatchObject({
    kind: 'admin.event-pinned',
    occurredAt: event.occurredAt,
    timeSource: 'imported',
    payload: {
      recordType: 'event',
      id: event.id,
      record: { ...event, details: { ...event.details, score: '0.75' } },
    },
  });
  const page = await invokeOk<{ rows: { text: string }[] }>(
    warRoom,
    'timeline:page',
    { incidentId: incident.id, order: 'newest-first', offset: 0, limit: 1 },
  );
  expect(page.rows[0].text).toBe(
    'Platform event failed_login_attempt (high) from 203.0.113.45: event 7',
  );
});

it('refuses to pin what is not in the cache', async () => {
  await open();

  const error = await failure('dashboard:pin', {
    incidentId: incident.id,
    source: 'alert',
    id: 'high_failed_logins',
  });
  const unknownIncident = await failure('dashboard:pin', {
    incidentId: '01JD0000000000000000000009',
    source: 'event',
    id: 'x',
  });

  expect(error).toEqual({
    kind: 'not-found',
    message:
      'the alert high_failed_logins is not among the latest alerts ' +
      'fetched (none fetched yet)',
  });
  expect(unknownIncident.kind).toBe('not-found');
});

it('pins a change of connection, seen on this device', async () => {
  await open();
  await invokeOk(warRoom, 'admin:sync-now', {});
  fake.failAll = 'offline';
  const status = await invokeOk<AdminStatus>(warRoom, 'admin:sync-now', {});
  const transition = status.recentTransitions[0];

  const entry = await invokeOk<JournalEntry>(warRoom, 'admin:pin-transition', {
    incidentId: incident.id,
    transitionId: transition.id,
  });
  const missing = await failure('admin:pin-transition', {
    incidentId: incident.id,
    transitionId: 'no-such-transition',
  });

  expect(transition).toMatchObject({ to: 'offline', notable: true });
  expect(entry).toMatchObject({
    kind: 'admin.connection-changed',
    occurredAt: transition.at,
    timeSource: 'device-clock',
    payload: { transitionId: transition.id, from: 'online', to: 'offline' },
  });
  expect(missing.kind).toBe('not-found');
});

it('pulls the audit log for a window into the evidence log', async () => {
  await open();
  await invokeOk(warRoom, 'admin:discover', {});
  const body = '[{"id":"a1","action":"emergency_lockdown"}]';
  fake.data.audit = {
    rows: [
      {
        id: 'a1',
        userId: null,
        action: 'emergency_lockdown',
        status: 'success',
        resourceType: 'system',
        resourceId: null,
        ipAddress: null,
        occurredAt: '2025-01-20T10:31:27.650118Z',
        details: null,
        message: null,
      },
    ],
    pages: [
      { endpoint: 'GET /api/admin/audit/logs/?skip=0', status: 200, body },
    ],
    complete: true,
  };

  const item = await invokeOk<EvidenceItem>(warRoom, 'admin:audit-pull', {
    incidentId: incident.id,
    start: '2025-01-20T00:00:00Z',
    end: '2025-01-21T01:00:00+01:00',
  });

  expect(item).toMatchObject({
    name: 'audit-logs-20250120T000000Z-20250121T000000Z.json',
    type: 'api-response',
    source: 'api-response',
    originalPath: `${FAKE_BASE_URL}/api/admin/audit/logs/?skip=0`,
    sourceHost: 'admin.example.com',
    tags: ['admin-api', 'audit-log'],
  });
  const stored = JSON.parse(
    readFileSync(
      openVault(warRoom.dataDir).blobPath(item.hashes.sha256),
      'utf8',
    ),
  ) as { pages: { body: string }[]; rowCount: number };
  expect(stored.pages[0].body).toBe(body);
  expect(stored.rowCount).toBe(1);
  const history = await invokeOk<EntryHistory>(warRoom, 'journal:history', {
    entryId: item.entryId,
  });
  expect(history.original.payload.capture).toEqual({
    endpoint: 'GET /api/admin/audit/logs/?skip=0',
    status: 200,
    statuses: [200],
    retrievedAt: '2026-12-03T16:00:00.000000Z',
    pages: 1,
    rows: 1,
    complete: true,
    windowStart: '2025-01-20T00:00:00.000000Z',
    windowEnd: '2025-01-21T00:00:00.000000Z',
  });
});

it('saves nothing when the audit pull cannot be made', async () => {
  await open();
  const window = {
    incidentId: incident.id,
    start: '2025-01-21T00:00:00Z',
    end: '2025-01-20T00:00:00Z',
  };

  const backwards = await failure('admin:audit-pull', window);
  const undiscovered = await failure('admin:audit-pull', {
    ...window,
    end: '2025-01-22T00:00:00Z',
  });
  await invokeOk(warRoom, 'admin:discover', {});
  fake.failAll = 'offline';
  const offline = await failure('admin:audit-pull', {
    ...window,
    end: '2025-01-22T00:00:00Z',
  });

  expect(backwards.kind).toBe('invalid-input');
  expect(backwards.message).toContain('must be after start');
  expect(undiscovered.kind).toBe('not-found');
  expect(offline.kind).toBe('unavailable');
  expect(offline.message).toContain('(offline)');
  expect(
    await invokeOk(warRoom, 'evidence:list', { incidentId: incident.id }),
  ).toEqual([]);
});

it('needs a configured platform for an audit pull', async () => {
  await open(false);

  const error = await failure('admin:audit-pull', {
    incidentId: incident.id,
    start: '2025-01-20T00:00:00Z',
    end: '2025-01-21T00:00:00Z',
  });

  expect(error.kind).toBe('invalid-input');
  expect(error.message).toContain('not configured');
});

it('serves the dashboard from the cache, events a page at a time', async () => {
  await open();
  const before = await invokeOk<DashboardSnapshot>(
    warRoom,
    'dashboard:snapshot',
    {},
  );
  fake.data.events = Array.from({ length: 30 }, (_, i) =>
    makeEvent(29 - i, { severity: i % 3 === 0 ? 'critical' : 'low' }),
  );
  await invokeOk(warRoom, 'admin:sync-now', {});

  const after = await invokeOk<DashboardSnapshot>(
    warRoom,
    'dashboard:snapshot',
    {},
  );
  const page = await invokeOk<EventPage>(warRoom, 'dashboard:events', {
    offset: 2,
    limit: 3,
    severity: 'critical',
  });

  expect(before).toEqual({
    alerts: null,
    health: null,
    metrics: null,
    events: {
      cached: 0,
      newestAt: null,
      lastPullAt: null,
      possibleGap: false,
      lastGap: null,
    },
  });
  expect(after.alerts?.value).toEqual([sampleAlert]);
  expect(after.metrics?.fetchedAt).toBe('2026-12-03T16:00:00.000000Z');
  expect(after.events.cached).toBe(30);
  expect(page.total).toBe(10);
  expect(page.rows.map((row) => row.id)).toEqual([
    makeEvent(23).id,
    makeEvent(20).id,
    makeEvent(17).id,
  ]);
});

it('analyses cached failed logins with the thresholds shown', async () => {
  await open();
  fake.data.events = [
    makeFailedLogin(2, '203.0.113.45', 'a@example.com'),
    makeFailedLogin(1, '203.0.113.45', 'b@example.com'),
  ];
  await invokeOk(warRoom, 'admin:sync-now', {});

  const analysis = await invokeOk<FailedLoginAnalysis>(
    warRoom,
    'dashboard:failed-logins',
    { windowHours: 6 },
  );

  expect(analysis).toMatchObject({
    windowHours: 6,
    total: 2,
    byIp: [{ ip: '203.0.113.45', attempts: 2, users: 2 }],
    flags: [],
    thresholds: {
      credentialStuffingUsersPerIp: 6,
      distributedAttackIpsPerUser: 6,
    },
  });
});

it('refuses bad input with the field named, and changes nothing', async () => {
  await open();

  const url = await failure('admin:configure', {
    baseUrl: 'https://user:pw@admin.example.com',
  });
  const limit = await failure('dashboard:events', { offset: 0, limit: 0 });
  const status = await invokeOk<AdminStatus>(warRoom, 'admin:status', {});

  expect(url.kind).toBe('invalid-input');
  expect(url.message).toContain('baseUrl');
  expect(limit.kind).toBe('invalid-input');
  expect(limit.message).toContain('limit');
  expect(status.baseUrl).toBe(FAKE_BASE_URL);
});
