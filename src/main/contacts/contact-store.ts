/**
 * The contact directory. Every change is an entry in the organisation's
 * journal, written with its projection in the `contacts` table in one
 * transaction; the entry carries the whole contact, so the journal alone
 * can rebuild the directory.
 */
import { ulid } from 'ulid';
import { CONTACTS_ENTRY_KINDS } from '../../shared/contacts-entry-wording';
import type { Contact, ContactFields } from '../../shared/contacts-types';
import {
  ORGANISATION_SCOPE,
  type JournalEntry,
  type JsonObject,
} from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  appendEntries,
  appendEntry,
  type JournalWriter,
} from '../journal/append-entries';

type ContactRow = {
  id: string;
  name: string;
  organisation: string;
  roles: string;
  channels: string;
  on_call: number;
  time_zone: string;
  notes: string;
  updated_at: string;
  updated_by: string;
};

function contactFromRow(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    roles: JSON.parse(row.roles) as string[],
    channels: JSON.parse(row.channels) as Contact['channels'],
    onCall: row.on_call === 1,
    timeZone: row.time_zone,
    notes: row.notes,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function listContacts(db: Db): Contact[] {
  return statement<ContactRow>(
    db,
    'SELECT * FROM contacts ORDER BY name COLLATE NOCASE, id',
  )
    .all()
    .map(contactFromRow);
}

/** Case-insensitive search over name, organisation, roles and channels. */
export function searchContacts(
  contacts: readonly Contact[],
  filter: { query?: string; role?: string },
): Contact[] {
  const query = (filter.query ?? '').toLowerCase();
  return contacts.filter((contact) => {
    if (filter.role && !contact.roles.includes(filter.role)) return false;
    if (!query) return true;
    const haystack = [
      contact.name,
      contact.organisation,
      ...contact.roles,
      ...contact.channels.map((channel) => channel.value),
    ];
    return haystack.some((text) => text.toLowerCase().includes(query));
  });
}

function writeContact(
  db: Db,
  id: string,
  fields: ContactFields,
  at: string,
  by: string,
) {
  statement(
    db,
    `INSERT INTO contacts (id, name, organisation, roles, channels, on_call,
       time_zone, notes, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name,
       organisation = excluded.organisation, roles = excluded.roles,
       channels = excluded.channels, on_call = excluded.on_call,
       time_zone = excluded.time_zone, notes = excluded.notes,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(
    id,
    fields.name,
    fields.organisation,
    JSON.stringify(fields.roles),
    JSON.stringify(fields.channels),
    fields.onCall ? 1 : 0,
    fields.timeZone,
    fields.notes,
    at,
    by,
  );
}

function requireContact(db: Db, id: string): Contact {
  const row = statement<ContactRow>(
    db,
    'SELECT * FROM contacts WHERE id = ?',
  ).get(id);
  if (!row) throw new AppFailure('not-found', `id: no contact ${id}`);
  return contactFromRow(row);
}

const CONTACT_FIELD_NAMES = [
  'name',
  'organisation',
  'roles',
  'channels',
  'onCall',
  'timeZone',
  'notes',
] as const satisfies readonly (keyof ContactFields)[];

function changedFields(before: ContactFields, after: ContactFields): string[] {
  return CONTACT_FIELD_NAMES.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

/**
 * The entry carries the whole contact either way; `change` tells a new
 * contact from an edited one, and an edit names the fields it changed so
 * the record says what moved without diffing entries.
 */
function savedEntry(
  id: string,
  fields: ContactFields,
  actor: string,
  previous?: ContactFields,
) {
  const change: JsonObject = previous
    ? { change: 'updated', changedFields: changedFields(previous, fields) }
    : { change: 'created' };
  return {
    scope: ORGANISATION_SCOPE,
    kind: CONTACTS_ENTRY_KINDS.contactSaved,
    actor,
    payload: { id, ...change, ...fields },
  };
}

export function saveContact(
  db: Db,
  writer: JournalWriter,
  input: { id?: string; contact: ContactFields; actor: string },
): { contact: Contact; entry: JournalEntry } {
  const previous =
    input.id === undefined ? undefined : requireContact(db, input.id);
  const id = input.id ?? ulid();
  const entry = savedEntry(id, input.contact, input.actor, previous);

  const saved = appendEntry(db, writer, entry, (appended) =>
    writeContact(db, id, input.contact, appended.recordedAt, input.actor),
  );
  return { contact: requireContact(db, id), entry: saved };
}

export function removeContact(
  db: Db,
  writer: JournalWriter,
  input: { id: string; actor: string },
): JournalEntry {
  const contact = requireContact(db, input.id);
  return appendEntry(
    db,
    writer,
    {
      scope: ORGANISATION_SCOPE,
      kind: CONTACTS_ENTRY_KINDS.contactRemoved,
      actor: input.actor,
      payload: { id: contact.id, name: contact.name },
    },
    () => statement(db, 'DELETE FROM contacts WHERE id = ?').run(contact.id),
  );
}

/** Adds many contacts in one transaction: all of them or none. */
export function addContacts(
  db: Db,
  writer: JournalWriter,
  contacts: readonly ContactFields[],
  actor: string,
): JournalEntry[] {
  const ids = contacts.map(() => ulid());
  const inputs = contacts.map((fields, i) => savedEntry(ids[i], fields, actor));
  return appendEntries(db, writer, inputs, (entries) =>
    entries.forEach((entry, i) =>
      writeContact(db, ids[i], contacts[i], entry.recordedAt, actor),
    ),
  );
}
