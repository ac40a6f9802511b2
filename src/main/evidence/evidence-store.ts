import {
  EVIDENCE_ENTRY_KINDS,
  type CustodyAction,
  type CustodyEvent,
  type CustodyPerson,
  type EvidenceDetail,
  type EvidenceHashes,
  type EvidenceItem,
  type EvidenceSource,
  type EvidenceType,
  type IntegrityState,
} from '../../shared/evidence-types';
import type { JournalEntry, JsonObject } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type { ZonedTimestamp } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntries, type JournalWriter } from '../journal/append-entries';

/** What an intake knows about an item before it is registered. */
export type NewEvidence = {
  incidentId: string;
  name: string;
  originalPath: string;
  source: EvidenceSource;
  linkTarget: string | null;
  size: number;
  hashes: EvidenceHashes;
  sourceHost: string;
  originalModifiedAt: string | null;
  acquiredBy: string;
  type: EvidenceType;
  description: string;
  tags: string[];
  linkedEntries: string[];
  /** For captured API responses: the endpoint, status and time. */
  capture?: JsonObject;
};

type ItemRow = {
  id: string;
  incident_id: string;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  name: string;
  original_path: string;
  source: EvidenceSource;
  link_target: string | null;
  source_host: string;
  original_modified_at: string | null;
  acquired_at: string;
  acquired_by: string;
  type: EvidenceType;
  description: string;
  tags: string;
  linked_entries: string;
  custody_state: CustodyAction;
  custodian: string;
  integrity: IntegrityState;
  integrity_checked_at: string | null;
  entry_id: string;
};

const SELECT_ITEMS = `
  SELECT e.*, b.sha1, b.md5, b.size
    FROM evidence_items e JOIN vault_blobs b ON b.sha256 = e.sha256`;

function toItem(row: ItemRow): EvidenceItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    name: row.name,
    originalPath: row.original_path,
    source: row.source,
    linkTarget: row.link_target,
    size: row.size,
    hashes: { sha256: row.sha256, sha1: row.sha1, md5: row.md5 },
    sourceHost: row.source_host,
    originalModifiedAt: row.original_modified_at,
    acquiredAt: row.acquired_at,
    acquiredBy: row.acquired_by,
    type: row.type,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    linkedEntries: JSON.parse(row.linked_entries) as string[],
    custodyState: row.custody_state,
    custodian: row.custodian,
    integrity: row.integrity,
    integrityCheckedAt: row.integrity_checked_at,
    entryId: row.entry_id,
  };
}

export function listEvidence(db: Db, incidentId: string): EvidenceItem[] {
  return statement<ItemRow>(
    db,
    `${SELECT_ITEMS} WHERE e.incident_id = ? ORDER BY e.acquired_at, e.id`,
  )
    .all(incidentId)
    .map(toItem);
}

export function findEvidence(db: Db, evidenceId: string): EvidenceItem | null {
  const row = statement<ItemRow>(db, `${SELECT_ITEMS} WHERE e.id = ?`).get(
    evidenceId,
  );
  return row ? toItem(row) : null;
}

export function requireEvidence(db: Db, evidenceId: string): EvidenceItem {
  const item = findEvidence(db, evidenceId);
  if (!item) {
    throw new AppFailure(
      'not-found',
      `there is no evidence item ${evidenceId}`,
    );
  }
  return item;
}

/** The linked entries must be entries of the item's own incident. */
export function checkLinkedEntries(
  db: Db,
  incidentId: string,
  entryIds: string[],
) {
  for (const entryId of entryIds) {
    const row = statement<{ scope: string }>(
      db,
      'SELECT scope FROM journal_entries WHERE id = ?',
    ).get(entryId);
    if (row?.scope !== incidentId) {
      throw new AppFailure(
        'not-found',
        `there is no timeline entry ${entryId} in this incident`,
      );
    }
  }
}

function addedPayload(evidenceId: string, item: NewEvidence): JsonObject {
  return {
    evidenceId,
    name: item.name,
    originalPath: item.originalPath,
    source: item.source,
    linkTarget: item.linkTarget,
    size: item.size,
    sha256: item.hashes.sha256,
    sha1: item.hashes.sha1,
    md5: item.hashes.md5,
    sourceHost: item.sourceHost,
    originalModifiedAt: item.originalModifiedAt,
    type: item.type,
    description: item.description,
    tags: item.tags,
    linkedEntries: item.linkedEntries,
    ...(item.capture ? { capture: item.capture } : {}),
  };
}

function projectItem(db: Db, entry: JournalEntry, item: NewEvidence): void {
  statement(
    db,
    `INSERT OR IGNORE INTO vault_blobs (sha256, sha1, md5, size, stored_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(
    item.hashes.sha256,
    item.hashes.sha1,
    item.hashes.md5,
    item.size,
    entry.recordedAt,
  );
  statement(
    db,
    `INSERT INTO evidence_items (id, incident_id, sha256, name,
       original_path, source, link_target, source_host, original_modified_at,
       acquired_at, acquired_by, type, description, tags, linked_entries,
       custodian, entry_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.payload.evidenceId as string,
    item.incidentId,
    item.hashes.sha256,
    item.name,
    item.originalPath,
    item.source,
    item.linkTarget,
    item.sourceHost,
    item.originalModifiedAt,
    entry.occurredAt,
    item.acquiredBy,
    item.type,
    item.description,
    JSON.stringify(item.tags),
    JSON.stringify(item.linkedEntries),
    item.acquiredBy,
    entry.id,
  );
  statement(
    db,
    `INSERT INTO evidence_custody (entry_id, evidence_id, action)
     VALUES (?, ?, 'collected')`,
  ).run(entry.id, entry.payload.evidenceId as string);
}

/**
 * Registers content already complete in the vault: the `evidence.added`
 * entry (which is also the item's `collected` custody event) and the item's
 * projection, in one transaction. Throws and writes nothing if the incident
 * or a linked entry does not exist.
 */
export function registerEvidence(
  db: Db,
  writer: JournalWriter,
  evidenceId: string,
  item: NewEvidence,
): EvidenceItem {
  appendEntries(
    db,
    writer,
    [
      {
        scope: item.incidentId,
        kind: EVIDENCE_ENTRY_KINDS.added,
        actor: item.acquiredBy,
        payload: addedPayload(evidenceId, item),
      },
    ],
    ([added]) => {
      checkLinkedEntries(db, item.incidentId, item.linkedEntries);
      projectItem(db, added, item);
    },
  );
  return findEvidence(db, evidenceId)!;
}

export type NewCustodyEvent = {
  evidenceId: string;
  action: Exclude<CustodyAction, 'collected'>;
  actor: string;
  handler: CustodyPerson;
  recipient?: CustodyPerson;
  occurredAt?: ZonedTimestamp;
  location: string;
  storageLocation: string;
  tool: string;
  purpose: string;
  notes: string;
};

function checkCustodyEvent(item: EvidenceItem, event: NewCustodyEvent) {
  if (item.custodyState === 'released') {
    throw new AppFailure(
      'blocked',
      `${item.name} was released; no further custody can be recorded`,
    );
  }
  if (event.action === 'transferred' && !event.recipient) {
    throw new AppFailure(
      'invalid-input',
      'recipient: a transfer needs the person who received the evidence',
    );
  }
  if (event.action !== 'transferred' && event.recipient) {
    throw new AppFailure(
      'invalid-input',
      `recipient: only a transfer has a recipient, not ${event.action}`,
    );
  }
}

/** Who holds the item after an event: the recipient of a transfer. */
function custodianAfter(item: EvidenceItem, event: NewCustodyEvent): string {
  if (event.recipient) return event.recipient.name;
  if (event.action === 'released') return '';
  return item.custodian;
}

function custodyPayload(event: NewCustodyEvent): JsonObject {
  return {
    evidenceId: event.evidenceId,
    action: event.action,
    handler: event.handler,
    recipient: event.recipient ?? null,
    location: event.location,
    storageLocation: event.storageLocation,
    tool: event.tool,
    purpose: event.purpose,
    notes: event.notes,
  };
}

/** Appends a custody event and moves the item's custody state with it. */
export function recordCustody(
  db: Db,
  writer: JournalWriter,
  event: NewCustodyEvent,
): JournalEntry {
  const item = requireEvidence(db, event.evidenceId);
  checkCustodyEvent(item, event);

  const [entry] = appendEntries(
    db,
    writer,
    [
      {
        scope: item.incidentId,
        kind: EVIDENCE_ENTRY_KINDS.custody,
        actor: event.actor,
        payload: { ...custodyPayload(event), name: item.name },
        occurredAt: event.occurredAt,
      },
    ],
    ([appended]) => {
      statement(
        db,
        `INSERT INTO evidence_custody (entry_id, evidence_id, action)
         VALUES (?, ?, ?)`,
      ).run(appended.id, item.id, event.action);
      statement(
        db,
        `UPDATE evidence_items SET custody_state = ?, custodian = ?
          WHERE id = ?`,
      ).run(event.action, custodianAfter(item, event), item.id);
    },
  );
  return entry;
}

/** Links an item to timeline entries of its incident, as a journal entry. */
export function linkEvidence(
  db: Db,
  writer: JournalWriter,
  input: { evidenceId: string; entryIds: string[]; actor: string },
): JournalEntry {
  const item = requireEvidence(db, input.evidenceId);
  const linked = [...new Set([...item.linkedEntries, ...input.entryIds])];

  const [entry] = appendEntries(
    db,
    writer,
    [
      {
        scope: item.incidentId,
        kind: EVIDENCE_ENTRY_KINDS.linked,
        actor: input.actor,
        payload: {
          evidenceId: item.id,
          name: item.name,
          entryIds: input.entryIds,
        },
      },
    ],
    () => {
      checkLinkedEntries(db, item.incidentId, input.entryIds);
      statement(
        db,
        'UPDATE evidence_items SET linked_entries = ? WHERE id = ?',
      ).run(JSON.stringify(linked), item.id);
    },
  );
  return entry;
}

type CustodyRow = {
  entry_id: string;
  action: CustodyAction;
  actor: string;
  occurred_at: string;
  occurred_offset: string;
  payload: string;
};

function personOf(value: unknown): CustodyPerson | null {
  if (!value || typeof value !== 'object') return null;
  const person = value as Partial<CustodyPerson>;
  return {
    name: person.name ?? '',
    role: person.role ?? '',
    contact: person.contact ?? '',
  };
}

function toCustodyEvent(evidenceId: string, row: CustodyRow): CustodyEvent {
  const payload = JSON.parse(row.payload) as JsonObject;
  const text = (key: string) =>
    typeof payload[key] === 'string' ? payload[key] : '';
  const collected = row.action === 'collected';
  return {
    entryId: row.entry_id,
    evidenceId,
    action: row.action,
    occurredAt: row.occurred_at,
    occurredOffset: row.occurred_offset,
    recordedBy: row.actor,
    handler: collected
      ? { name: row.actor, role: '', contact: '' }
      : (personOf(payload.handler) ?? { name: '', role: '', contact: '' }),
    recipient: personOf(payload.recipient),
    location: text('location'),
    storageLocation: collected ? 'War Room vault' : text('storageLocation'),
    tool: collected ? 'War Room intake' : text('tool'),
    purpose: text('purpose'),
    notes: collected ? text('description') : text('notes'),
  };
}

export function readCustody(db: Db, evidenceId: string): CustodyEvent[] {
  return statement<CustodyRow>(
    db,
    `SELECT c.entry_id, c.action, j.actor, j.occurred_at, j.occurred_offset,
            j.payload
       FROM evidence_custody c JOIN journal_entries j ON j.id = c.entry_id
      WHERE c.evidence_id = ?
      ORDER BY j.occurred_at, j.id`,
  )
    .all(evidenceId)
    .map((row) => toCustodyEvent(evidenceId, row));
}

export function readEvidenceDetail(db: Db, evidenceId: string): EvidenceDetail {
  return {
    item: requireEvidence(db, evidenceId),
    custody: readCustody(db, evidenceId),
  };
}
