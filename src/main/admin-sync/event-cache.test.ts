import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import type { SecurityEvent } from '../../shared/admin-api-types';
import { openTestWarRoom } from '../test-support/temp-war-room';
import { makeEvent, makeFailedLogin } from '../test-support/fake-admin-client';
import type { WarRoom } from '../war-room';
import { clearAdminCache } from './admin-cache';
import { storeEvents } from './event-cache';
import { readEventPage, summariseEventCache } from './event-queries';

const times = {
  startedAt: '2026-12-03T16:00:00.000000Z',
  finishedAt: '2026-12-03T16:00:01.000000Z',
};

let opened: WarRoom[] = [];
afterEach(() => {
  for (const warRoom of opened) warRoom.close();
  opened = [];
});

function freshDb() {
  const { warRoom } = openTestWarRoom();
  opened.push(warRoom);
  return warRoom.db;
}

/** Events `from` … `to - 1`, newest first, as the platform answers. */
function range(from: number, to: number): SecurityEvent[] {
  const rows: SecurityEvent[] = [];
  for (let n = to - 1; n >= from; n -= 1) rows.push(makeEvent(n));
  return rows;
}

function pullLog(db: WarRoom['db']) {
  return db
    .prepare(
      `SELECT part, received, new_rows AS newRows, possible_gap AS gap
         FROM admin_pulls ORDER BY id`,
    )
    .all();
}

it('caches each event once however often it is pulled', () => {
  const db = freshDb();

  storeEvents(db, 'events', range(0, 50), times, 200);
  const again = storeEvents(db, 'events', range(0, 60), times, 200);

  expect(again).toEqual({ received: 60, newRows: 10, gap: null });
  expect(summariseEventCache(db).cached).toBe(60);
  expect(pullLog(db)).toEqual([
    { part: 'events', received: 50, newRows: 50, gap: 0 },
    { part: 'events', received: 60, newRows: 10, gap: 0 },
  ]);
});

it('flags a possible gap when a full pull brings only unseen rows', () => {
  const db = freshDb();
  storeEvents(db, 'events', range(0, 200), times, 200);

  const outcome = storeEvents(db, 'events', range(500, 700), times, 200);

  expect(outcome.gap).toEqual({
    start: makeEvent(199).occurredAt,
    end: makeEvent(500).occurredAt,
  });
  const summary = summariseEventCache(db);
  expect(summary.possibleGap).toBe(true);
  expect(summary.lastGap).toEqual({
    ...outcome.gap,
    foundAt: times.finishedAt,
  });
});

it('sees no gap on a first pull, an overlapping pull or a short pull', () => {
  const db = freshDb();

  const first = storeEvents(db, 'events', range(0, 200), times, 200);
  const overlapping = storeEvents(db, 'events', range(150, 350), times, 200);
  const short = storeEvents(db, 'events', range(900, 1000), times, 200);

  expect([first.gap, overlapping.gap, short.gap]).toEqual([null, null, null]);
  expect(summariseEventCache(db).possibleGap).toBe(false);
});

it('keeps failed logins apart with the account they tried', () => {
  const db = freshDb();
  const rows = [
    makeFailedLogin(3, '203.0.113.45', 'ops.admin@example.com'),
    makeEvent(2, {
      eventType: 'failed_login_attempt',
      userId: 'user-7',
      details: { failure_reason: 'failed_2fa' },
    }),
    makeEvent(1),
  ];

  const outcome = storeEvents(db, 'failed-logins', rows, times, 200);

  expect(outcome.newRows).toBe(2);
  expect(
    db
      .prepare(
        `SELECT account, failure_reason AS reason FROM admin_failed_logins
          ORDER BY occurred_at DESC`,
      )
      .all(),
  ).toEqual([
    { account: 'ops.admin@example.com', reason: 'failed_password' },
    { account: 'user-7', reason: 'failed_2fa' },
  ]);
});

it('pages and filters the cache newest first', () => {
  const db = freshDb();
  storeEvents(
    db,
    'events',
    [
      makeEvent(4, { severity: 'critical', ipAddress: '192.0.2.1' }),
      makeEvent(3, { severity: 'critical' }),
      makeEvent(2, { eventType: 'cors_violation', userId: 'u1' }),
      makeEvent(1, { severity: 'critical', ipAddress: '192.0.2.1' }),
    ],
    times,
    200,
  );

  const critical = readEventPage(
    db,
    { severity: 'critical' },
    { offset: 1, limit: 1 },
  );
  const fromIp = readEventPage(
    db,
    { severity: 'critical', ip: '192.0.2.1' },
    { offset: 0, limit: 10 },
  );
  const byUser = readEventPage(db, { user: 'u1' }, { offset: 0, limit: 10 });

  expect(critical.total).toBe(3);
  expect(critical.rows.map((row) => row.id)).toEqual([makeEvent(3).id]);
  expect(fromIp.rows.map((row) => row.id)).toEqual([
    makeEvent(4).id,
    makeEvent(1).id,
  ]);
  expect(byUser.rows).toEqual([
    makeEvent(2, { eventType: 'cors_violation', userId: 'u1' }),
  ]);
});

it('empties the cache when asked', () => {
  const db = freshDb();
  storeEvents(db, 'events', range(0, 5), times, 200);

  clearAdminCache(db);

  expect(summariseEventCache(db)).toEqual({
    cached: 0,
    newestAt: null,
    lastPullAt: null,
    possibleGap: false,
    lastGap: null,
  });
});

it('never flags a gap when a pull overlaps what is cached', () => {
  const db = freshDb();
  let pulled = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 5_000 }),
      fc.integer({ min: 1, max: 200 }),
      (start, length) => {
        pulled += 1;
        if (pulled === 1) storeEvents(db, 'events', range(0, 1), times, 200);
        const rows = [...range(start + 1, start + length), makeEvent(0)];
        return storeEvents(db, 'events', rows, times, 200).gap === null;
      },
    ),
    { numRuns: 50 },
  );
});
