import { expect, it } from 'vitest';
import { useDatabasesAtVersion } from '../../test-support/migration-fixtures';
import { migrate, schemaVersion } from '../migrate';

const openAtVersion = useDatabasesAtVersion();

it('adds incident command to a version-1 database and keeps its incidents', () => {
  const db = openAtVersion(1);
  db.prepare(
    `INSERT INTO incidents (id, title, description, severity, category,
       status, opened_at, opened_by)
     VALUES ('01JD0000000000000000000001', 'Old incident', '', 'high',
       'data-security', 'open', '2026-01-01T00:00:00.000000Z', 'ana')`,
  ).run();

  migrate(db, 2);

  expect(schemaVersion(db)).toBe(2);
  expect(
    db.prepare('SELECT title, phase, resolution FROM incidents').get(),
  ).toEqual({
    title: 'Old incident',
    phase: 'detection-and-analysis',
    resolution: null,
  });
  db.prepare(
    `INSERT INTO checklist_items (incident_id, item_id, playbook_id, depth,
       position, phase, title, notes, required, ad_hoc)
     VALUES ('01JD0000000000000000000001', 'general/logged', 'general', 0, 1,
       'detection-and-analysis', 'Incident detected and logged', '', 1, 0)`,
  ).run();
  expect(() =>
    db.prepare("UPDATE checklist_items SET state = 'maybe'").run(),
  ).toThrow(/CHECK constraint/);
  db.close();
});
