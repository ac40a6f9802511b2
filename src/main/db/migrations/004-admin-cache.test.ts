import type Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import {
  insertOldIncident,
  useDatabasesAtVersion,
} from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

function seedVersion3(db: Database.Database): void {
  insertOldIncident(db);
  db.prepare(
    `INSERT INTO vault_blobs (sha256, sha1, md5, size, stored_at)
     VALUES (?, ?, ?, 3, '2026-01-01T00:00:00.000000Z')`,
  ).run('a'.repeat(64), 'b'.repeat(40), 'c'.repeat(32));
}

function insertPull(db: Database.Database): number {
  return Number(
    db
      .prepare(
        `INSERT INTO admin_pulls (part, started_at, finished_at, ok)
         VALUES ('events', 't0', 't1', 1)`,
      )
      .run().lastInsertRowid,
  );
}

function insertEvent(db: Database.Database, id: string) {
  db.prepare(
    `INSERT INTO admin_security_events (id, occurred_at, event_type,
       severity, user_id, ip_address, description, details, first_seen_at)
     VALUES (?, '2025-01-20T10:00:00.000000Z', 'failed_login_attempt',
       'high', NULL, '203.0.113.45', 'Failed login', '{}', 't1')`,
  ).run(id);
}

it('adds the admin cache to a version-3 database and keeps its data', () => {
  const db = openAtVersion(3);
  seedVersion3(db);

  migrate(db, 4);

  expect(schemaVersion(db)).toBe(4);
  expect(db.prepare('SELECT title FROM incidents').get()).toEqual({
    title: 'Old incident',
  });
  expect(db.prepare('SELECT size FROM vault_blobs').get()).toEqual({
    size: 3,
  });
  expect(insertPull(db)).toBe(1);
  insertEvent(db, 'e1');
  expect(() => insertEvent(db, 'e1')).toThrow(/UNIQUE constraint/);
  db.close();
});

it('has no place for a token among the admin settings', () => {
  const db = openAtVersion(4);
  const save = db.prepare(
    'INSERT INTO admin_settings (key, value) VALUES (?, ?)',
  );

  save.run('base_url', 'https://admin.example.com');

  expect(() => save.run('token', 'secret')).toThrow(/CHECK constraint/);
  expect(() => save.run('admin_token', 'secret')).toThrow(/CHECK constraint/);
  db.close();
});

it('refuses malformed cache rows', () => {
  const db = openAtVersion(4);

  expect(() =>
    db
      .prepare(
        `INSERT INTO admin_snapshots (part, value, fetched_at)
         VALUES ('alerts', 'not json', 't')`,
      )
      .run(),
  ).toThrow(/CHECK constraint/);
  expect(() =>
    db
      .prepare(
        `INSERT INTO admin_security_events (id, occurred_at, event_type,
           severity, description, details, first_seen_at)
         VALUES ('x', 't', 'login', 'severe', '', '{}', 't')`,
      )
      .run(),
  ).toThrow(/CHECK constraint/);
  db.close();
});

it('answers the dashboard filters from indexes', () => {
  const db = openAtVersion(4);
  const plan = (column: string) =>
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM admin_security_events
          WHERE ${column} = ? ORDER BY occurred_at DESC LIMIT 50`,
      )
      .all('x')
      .map((row) => (row as { detail: string }).detail)
      .join('\n');

  expect(plan('event_type')).toContain('admin_events_by_type');
  expect(plan('severity')).toContain('admin_events_by_severity');
  expect(plan('user_id')).toContain('admin_events_by_user');
  expect(plan('ip_address')).toContain('admin_events_by_ip');
  db.close();
});
