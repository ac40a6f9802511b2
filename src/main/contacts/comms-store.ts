/**
 * Templates, resources and regulatory regimes (organisation journal plus
 * projection tables), and the per-incident notification log and sent
 * communications, which are incident journal entries read back here.
 */
import { CONTACTS_ENTRY_KINDS as KINDS } from '../../shared/contacts-entry-wording';
import type {
  CommTemplate,
  NotificationRecord,
  RegulatoryRegime,
  Resource,
  SentCommunication,
} from '../../shared/contacts-types';
import {
  ORGANISATION_SCOPE,
  type JournalEntry,
} from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  ENTRY_COLUMNS,
  entryFromRow,
  type EntryRow,
} from '../journal/entry-rows';
import {
  appendEntry,
  type JournalWriter,
  type NewEntry,
} from '../journal/append-entries';
import {
  SEED_CONTACTS,
  SEED_REGIMES,
  SEED_RESOURCES,
  SEED_TEMPLATES,
  type SeedTemplate,
} from './contact-seed';
import { addContacts } from './contact-store';

const SYSTEM_ACTOR = 'war-room';

function organisationEntry(kind: string, actor: string, payload: object) {
  return {
    scope: ORGANISATION_SCOPE,
    kind,
    actor,
    payload: payload as NewEntry['payload'],
  };
}

function writeTemplate(db: Db, t: SeedTemplate, at: string, by: string) {
  statement(
    db,
    `INSERT INTO comm_templates (id, label, audience, body, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET label = excluded.label,
       audience = excluded.audience, body = excluded.body,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(t.id, t.label, t.audience, t.body, at, by);
}

function writeResource(db: Db, r: Resource) {
  statement(
    db,
    `INSERT INTO resources (id, label, target, grouping, notes)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET label = excluded.label,
       target = excluded.target, grouping = excluded.grouping,
       notes = excluded.notes`,
  ).run(r.id, r.label, r.target, r.group, r.notes);
}

function writeRegime(db: Db, r: RegulatoryRegime) {
  statement(
    db,
    `INSERT INTO regulatory_regimes (id, label, hours) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET label = excluded.label,
       hours = excluded.hours`,
  ).run(r.id, r.label, r.hours);
}

const isEmpty = (db: Db, table: string) =>
  statement<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).get()!
    .n === 0;

/**
 * Seeds each empty part once, on first run. The contacts come from the
 * plan only if the organisation journal has never held a contact change,
 * so a directory emptied on purpose stays empty.
 */
export function seedDefaults(db: Db, writer: JournalWriter): void {
  const everSaved = statement(
    db,
    `SELECT 1 FROM journal_entries WHERE scope = ? AND kind LIKE 'contacts.%'
      LIMIT 1`,
  ).get(ORGANISATION_SCOPE);
  if (!everSaved) addContacts(db, writer, SEED_CONTACTS, SYSTEM_ACTOR);
  if (isEmpty(db, 'comm_templates')) {
    for (const t of SEED_TEMPLATES) saveTemplate(db, writer, t, SYSTEM_ACTOR);
  }
  if (isEmpty(db, 'resources')) {
    for (const r of SEED_RESOURCES) saveResource(db, writer, r, SYSTEM_ACTOR);
  }
  if (isEmpty(db, 'regulatory_regimes')) {
    for (const r of SEED_REGIMES) setRegime(db, writer, r, SYSTEM_ACTOR);
  }
}

export function listTemplates(db: Db): CommTemplate[] {
  return statement<{
    id: string;
    label: string;
    audience: string;
    body: string;
    updated_at: string;
    updated_by: string;
  }>(db, 'SELECT * FROM comm_templates ORDER BY rowid')
    .all()
    .map((row) => ({
      id: row.id,
      label: row.label,
      audience: row.audience,
      body: row.body,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }));
}

export function requireTemplate(db: Db, id: string): CommTemplate {
  const found = listTemplates(db).find((t) => t.id === id);
  if (!found)
    throw new AppFailure('not-found', `templateId: no template ${id}`);
  return found;
}

export function saveTemplate(
  db: Db,
  writer: JournalWriter,
  template: SeedTemplate,
  actor: string,
): JournalEntry {
  const entry = organisationEntry(KINDS.templateSaved, actor, template);
  return appendEntry(db, writer, entry, (saved) =>
    writeTemplate(db, template, saved.recordedAt, actor),
  );
}

export function listResources(db: Db): Resource[] {
  return statement<Resource & { grouping: string }>(
    db,
    'SELECT id, label, target, grouping, notes FROM resources ORDER BY rowid',
  )
    .all()
    .map(({ grouping, ...rest }) => ({ ...rest, group: grouping }));
}

export function saveResource(
  db: Db,
  writer: JournalWriter,
  resource: Resource,
  actor: string,
): JournalEntry {
  const entry = organisationEntry(KINDS.resourceSaved, actor, resource);
  return appendEntry(db, writer, entry, () => writeResource(db, resource));
}

/** Removes a resource from the list; the entry keeps what it was. */
export function removeResource(
  db: Db,
  writer: JournalWriter,
  id: string,
  actor: string,
): JournalEntry {
  const resource = listResources(db).find((r) => r.id === id);
  if (!resource) throw new AppFailure('not-found', `id: no resource ${id}`);
  const entry = organisationEntry(KINDS.resourceRemoved, actor, resource);
  return appendEntry(db, writer, entry, () => {
    statement(db, 'DELETE FROM resources WHERE id = ?').run(id);
  });
}

export function listRegimes(db: Db): RegulatoryRegime[] {
  return statement<RegulatoryRegime>(
    db,
    'SELECT id, label, hours FROM regulatory_regimes ORDER BY rowid',
  ).all();
}

export function setRegime(
  db: Db,
  writer: JournalWriter,
  regime: RegulatoryRegime,
  actor: string,
): JournalEntry {
  const entry = organisationEntry(KINDS.regimeSet, actor, regime);
  return appendEntry(db, writer, entry, () => writeRegime(db, regime));
}

function incidentEntries(db: Db, incidentId: string, kinds: string[]) {
  const marks = kinds.map(() => '?').join(', ');
  return statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND kind IN (${marks}) ORDER BY scope_pos`,
  )
    .all(incidentId, ...kinds)
    .map(entryFromRow);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The notification log, oldest first, with acknowledgements applied. */
export function readNotifications(
  db: Db,
  incidentId: string,
): NotificationRecord[] {
  const entries = incidentEntries(db, incidentId, [
    KINDS.notified,
    KINDS.acknowledged,
  ]);
  const acks = new Map<string, string>();
  for (const e of entries) {
    if (e.kind === KINDS.acknowledged) {
      acks.set(text(e.payload.notificationId), e.occurredAt);
    }
  }
  return entries
    .filter((e) => e.kind === KINDS.notified)
    .map((e) => ({
      entryId: e.id,
      audience: text(e.payload.audience),
      contactName: text(e.payload.contactName),
      channel: text(e.payload.channel) as NotificationRecord['channel'],
      notifiedBy: e.actor,
      notifiedAt: e.occurredAt,
      acknowledgedAt:
        e.payload.acknowledged === true
          ? e.occurredAt
          : (acks.get(e.id) ?? null),
    }));
}

export function recordNotification(
  db: Db,
  writer: JournalWriter,
  input: {
    incidentId: string;
    audience: string;
    contactName: string;
    channel: string;
    acknowledged: boolean;
    actor: string;
  },
): JournalEntry {
  const { incidentId, actor, ...payload } = input;
  return appendEntry(db, writer, {
    scope: incidentId,
    kind: KINDS.notified,
    actor,
    payload,
  });
}

export function acknowledgeNotification(
  db: Db,
  writer: JournalWriter,
  input: { incidentId: string; notificationId: string; actor: string },
): JournalEntry {
  const found = readNotifications(db, input.incidentId).find(
    (n) => n.entryId === input.notificationId,
  );
  if (!found) {
    throw new AppFailure(
      'not-found',
      `notificationId: no notification ${input.notificationId} in this incident`,
    );
  }
  if (found.acknowledgedAt !== null) {
    throw new AppFailure(
      'invalid-input',
      'notificationId: already acknowledged',
    );
  }
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: KINDS.acknowledged,
    actor: input.actor,
    payload: { notificationId: found.entryId, contactName: found.contactName },
  });
}

export function readSent(db: Db, incidentId: string): SentCommunication[] {
  return incidentEntries(db, incidentId, [KINDS.sent]).map((e) => ({
    entryId: e.id,
    templateId: text(e.payload.templateId),
    audience: text(e.payload.audience),
    channel: text(e.payload.channel),
    sentBy: e.actor,
    sentAt: e.occurredAt,
  }));
}

/** The body is journaled whole: what was said is part of the record. */
export function recordSent(
  db: Db,
  writer: JournalWriter,
  input: {
    incidentId: string;
    templateId: string;
    audience: string;
    channel: string;
    body: string;
    actor: string;
  },
): JournalEntry {
  const { incidentId, actor, ...payload } = input;
  return appendEntry(db, writer, {
    scope: incidentId,
    kind: KINDS.sent,
    actor,
    payload,
  });
}
