import type Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import {
  insertOldIncident,
  OLD_INCIDENT_ID,
  useDatabasesAtVersion,
} from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

function seedVersion4(db: Database.Database): void {
  insertOldIncident(db);
  db.prepare(
    `INSERT INTO admin_settings (key, value)
     VALUES ('base_url', 'https://admin.example.com')`,
  ).run();
}

function insertAction(db: Database.Database, id: string, state = 'queued') {
  db.prepare(
    `INSERT INTO outbox_actions (id, incident_id, kind, request, state,
       state_reason, created_at, created_micros, queued_by,
       fresh_since_micros, queued_offline, updated_at)
     VALUES (?, ?, 'lockdown', '{"kind":"lockdown","reason":"r"}', ?,
       'waiting', 't0', 1, 'ana', 1, 0, 't0')`,
  ).run(id, OLD_INCIDENT_ID, state);
}

it('adds the outbox to a version-4 database and keeps its data', () => {
  const db = openAtVersion(4);
  seedVersion4(db);

  migrate(db, 5);

  expect(schemaVersion(db)).toBe(5);
  expect(db.prepare('SELECT title FROM incidents').get()).toEqual({
    title: 'Old incident',
  });
  expect(db.prepare('SELECT value FROM admin_settings').get()).toEqual({
    value: 'https://admin.example.com',
  });
  insertAction(db, 'a1');
  expect(
    db.prepare('SELECT state, attempts, in_doubt FROM outbox_actions').get(),
  ).toEqual({ state: 'queued', attempts: 0, in_doubt: 0 });
  expect(() => insertAction(db, 'a1')).toThrow(/UNIQUE constraint/);
  db.close();
});

it('refuses states and answers that are not the outbox’s', () => {
  const db = openAtVersion(5);
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by, phase)
     VALUES (?, 'x', '', 'high', 'data-security', 'open', 't', 'ana',
       'containment')`,
  ).run(OLD_INCIDENT_ID);

  expect(() => insertAction(db, 'a2', 'done')).toThrow(/CHECK constraint/);
  insertAction(db, 'a3');
  expect(() =>
    db
      .prepare("UPDATE outbox_actions SET last_answer = 'oops' WHERE id = ?")
      .run('a3'),
  ).toThrow(/CHECK constraint/);
  expect(() =>
    db
      .prepare('UPDATE outbox_actions SET attempts = -1 WHERE id = ?')
      .run('a3'),
  ).toThrow(/CHECK constraint/);
  db.close();
});

it('finds the next due action from an index', () => {
  const db = openAtVersion(5);
  const detail = db
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM outbox_actions
        WHERE state = 'queued' ORDER BY next_attempt_micros`,
    )
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join('\n');

  expect(detail).toContain('outbox_by_state');
  db.close();
});
