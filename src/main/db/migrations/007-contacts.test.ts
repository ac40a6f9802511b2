import { expect, it } from 'vitest';
import { useDatabasesAtVersion } from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

it('adds the contact tables to a version-6 database, keeping data', () => {
  const db = openAtVersion(6);
  db.prepare(
    `INSERT INTO controls_settings (key, value, updated_at, updated_by)
     VALUES ('two_person_rule', '1', 't', 'ana')`,
  ).run();

  migrate(db, 7);

  expect(schemaVersion(db)).toBe(7);
  expect(db.prepare('SELECT value FROM controls_settings').get()).toEqual({
    value: '1',
  });
  expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({
    n: 0,
  });
  db.close();
});

it('refuses roles and channels that are not JSON arrays', () => {
  const db = openAtVersion(7);
  const insert = db.prepare(
    `INSERT INTO contacts (id, name, organisation, roles, channels, on_call,
       time_zone, notes, updated_at, updated_by)
     VALUES (?, 'Bea', '', ?, '[]', 0, '', '', 't', 'ana')`,
  );

  insert.run('a', '["security-team"]');

  expect(() => insert.run('b', '"security-team"')).toThrow(/CHECK/);
  db.close();
});
