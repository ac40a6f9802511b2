import { afterEach, expect, it } from 'vitest';
import type { SecurityEvent } from '../../shared/admin-api-types';
import { formatEpochMicros } from '../../shared/timestamps';
import {
  openTestWarRoom,
  TEST_START_MICROS,
} from '../test-support/temp-war-room';
import { makeFailedLogin } from '../test-support/fake-admin-client';
import type { WarRoom } from '../war-room';
import { storeEvents } from './event-cache';
import {
  analyseFailedLogins,
  CREDENTIAL_STUFFING_USERS_PER_IP,
  DISTRIBUTED_ATTACK_IPS_PER_USER,
} from './failed-login-analysis';

const HOUR = 3_600_000_000;
/** 2026-12-03T16:00Z, the start of the test clock's hour. */
const NOW = TEST_START_MICROS + 30 * 60_000_000;

let warRoom: WarRoom;
afterEach(() => warRoom.close());

let sequence = 0;

/** A failed login `hoursAgo` before NOW. */
function attempt(ip: string, user: string, hoursAgo = 0): SecurityEvent {
  sequence += 1;
  return {
    ...makeFailedLogin(sequence, ip, user),
    id: `login-${sequence}`,
    occurredAt: formatEpochMicros(NOW - hoursAgo * HOUR - sequence),
  };
}

function cache(rows: SecurityEvent[]) {
  ({ warRoom } = openTestWarRoom());
  storeEvents(
    warRoom.db,
    'failed-logins',
    rows,
    {
      startedAt: formatEpochMicros(NOW),
      finishedAt: formatEpochMicros(NOW),
    },
    200,
  );
  return warRoom.db;
}

function users(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user${i}@example.com`);
}

function ips(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `198.51.100.${i + 1}`);
}

it('counts failed logins by address, by account and per hour', () => {
  const db = cache([
    attempt('203.0.113.45', 'a@example.com'),
    attempt('203.0.113.45', 'b@example.com'),
    attempt('203.0.113.45', 'a@example.com', 2),
    attempt('192.0.2.9', 'a@example.com', 2),
    attempt('192.0.2.9', 'c@example.com', 30),
  ]);

  const analysis = analyseFailedLogins(db, NOW, 3);

  expect(analysis.total).toBe(4);
  expect(analysis.byIp).toEqual([
    { ip: '203.0.113.45', attempts: 3, users: 2 },
    { ip: '192.0.2.9', attempts: 1, users: 1 },
  ]);
  expect(analysis.byUser).toEqual([
    { user: 'a@example.com', attempts: 3, ips: 2 },
    { user: 'b@example.com', attempts: 1, ips: 1 },
  ]);
  expect(analysis.overTime).toEqual([
    { hourStart: '2026-12-03T14:00:00.000000Z', attempts: 2 },
    { hourStart: '2026-12-03T15:00:00.000000Z', attempts: 0 },
    { hourStart: '2026-12-03T16:00:00.000000Z', attempts: 2 },
  ]);
  expect(analysis.flags).toEqual([]);
});

it('flags one address against many accounts at the threshold, not below', () => {
  const n = CREDENTIAL_STUFFING_USERS_PER_IP;
  const db = cache([
    ...users(n).map((user) => attempt('203.0.113.45', user)),
    ...users(n - 1).map((user) => attempt('203.0.113.77', user)),
  ]);

  const analysis = analyseFailedLogins(db, NOW);

  expect(analysis.flags).toEqual([
    {
      pattern: 'credential-stuffing',
      subject: '203.0.113.45',
      count: n,
      threshold: n,
    },
  ]);
  expect(analysis.thresholds.credentialStuffingUsersPerIp).toBe(n);
});

it('flags one account attacked from many addresses', () => {
  const m = DISTRIBUTED_ATTACK_IPS_PER_USER;
  const db = cache([
    ...ips(m).map((ip) => attempt(ip, 'sec.lead@example.com')),
    ...ips(m - 1).map((ip) => attempt(ip, 'ops@example.com')),
  ]);

  const analysis = analyseFailedLogins(db, NOW);

  expect(analysis.flags).toEqual([
    {
      pattern: 'distributed-attack',
      subject: 'sec.lead@example.com',
      count: m,
      threshold: m,
    },
  ]);
  expect(analysis.windowHours).toBe(24);
  expect(analysis.overTime).toHaveLength(24);
});

it('leaves attempts older than the window out of every figure', () => {
  const db = cache(
    users(CREDENTIAL_STUFFING_USERS_PER_IP).map((user) =>
      attempt('203.0.113.45', user, 5),
    ),
  );

  const analysis = analyseFailedLogins(db, NOW, 2);

  expect(analysis).toMatchObject({ total: 0, byIp: [], flags: [] });
  expect(analyseFailedLogins(db, NOW, 6).flags).toHaveLength(1);
});
