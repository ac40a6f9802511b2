import { EVIDENCE_ENTRY_KINDS } from '../../../shared/evidence-types';
import type { JsonObject } from '../../../shared/journal-types';
import { EVIDENCE_DIR, INCIDENT_FILE, MANIFEST_FILE } from './bag-layout';
import { sameJson } from './bag-json';
import { BagProblem, plural } from './bag-problem';
import type { IncidentIndex, IndexedItem } from './incident-index';
import type { BagEntry } from './journal-lines';

/*
 * The journal is the authority on what evidence a bag holds: each
 * `evidence.added` entry must have exactly one item in the index and one
 * file, both as it registered them, and the index nothing more.
 */

/** A journal line that passed the chain walk, with where it stands. */
export type JournalRecord = { where: string; entry: BagEntry };

/** A payload file as the manifest lists it, with its size on disk. */
export type PayloadFile = { sha256: string; size: number };

/** The index fields an `evidence.added` entry registers: field, payload key. */
const REGISTERED_FIELDS = [
  ['id', 'evidenceId'],
  ['name', 'name'],
  ['sha256', 'sha256'],
  ['sha1', 'sha1'],
  ['md5', 'md5'],
  ['size', 'size'],
] as const;

/** The first index field that differs from its registration, if any. */
export function unregisteredField(
  indexed: Record<string, unknown>,
  registered: JsonObject,
): string | undefined {
  return REGISTERED_FIELDS.find(
    ([field, key]) => !sameJson(indexed[field], registered[key]),
  )?.[0];
}

/** The first entry of each id, as both verifiers look entries up. */
export function entriesById(
  records: readonly JournalRecord[],
): Map<string, JournalRecord> {
  const byId = new Map<string, JournalRecord>();
  for (const record of records) {
    if (!byId.has(record.entry.id)) byId.set(record.entry.id, record);
  }
  return byId;
}

function registrationOf(
  item: IndexedItem,
  byId: ReadonlyMap<string, JournalRecord>,
): BagEntry {
  const entry = byId.get(item.entryId)?.entry;
  if (!entry) {
    throw new BagProblem(
      item.bagPath,
      'missing',
      `the journal holds no entry ${item.entryId} registering evidence ` +
        `item ${item.id}`,
    );
  }
  if (
    entry.kind !== EVIDENCE_ENTRY_KINDS.added ||
    entry.payload.evidenceId !== item.id
  ) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      `journal entry ${entry.id} does not register evidence item ${item.id}`,
    );
  }
  return entry;
}

/** The item's file, listed in the manifest with the index's SHA-256. */
function listedFileOf(
  item: IndexedItem,
  payload: ReadonlyMap<string, PayloadFile>,
): PayloadFile {
  const file = payload.get(item.bagPath);
  if (file === undefined) {
    throw new BagProblem(
      item.bagPath,
      'missing',
      `evidence item ${item.id} is not listed in ${MANIFEST_FILE}`,
    );
  }
  if (file.sha256 !== item.sha256) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      `its SHA-256 differs from the one ${INCIDENT_FILE} records for ` +
        `evidence item ${item.id}`,
    );
  }
  return file;
}

function checkRegisteredContent(
  item: IndexedItem,
  file: PayloadFile,
  registration: BagEntry,
): void {
  const { sha256, size } = registration.payload;
  if (!sameJson(sha256, file.sha256)) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      'its SHA-256 differs from the one registered in journal entry ' +
        registration.id,
    );
  }
  if (!sameJson(size, file.size)) {
    throw new BagProblem(
      item.bagPath,
      'altered',
      `it holds ${plural(file.size, 'byte')}, not the size registered in ` +
        `journal entry ${registration.id}`,
    );
  }
}

function checkIndexedItem(
  item: IndexedItem,
  payload: ReadonlyMap<string, PayloadFile>,
  byId: ReadonlyMap<string, JournalRecord>,
): void {
  const file = listedFileOf(item, payload);
  const registration = registrationOf(item, byId);
  checkRegisteredContent(item, file, registration);
  const field = unregisteredField(item, registration.payload);
  if (field !== undefined) {
    throw new BagProblem(
      INCIDENT_FILE,
      'altered',
      `the ${field} of evidence item ${item.id} is not the one journal ` +
        `entry ${registration.id} registered`,
    );
  }
}

/** The evidence id an `evidence.*` entry is about; refused if it has none. */
export function evidenceIdOf(record: JournalRecord): string {
  const { evidenceId } = record.entry.payload;
  if (typeof evidenceId !== 'string') {
    throw new BagProblem(
      record.where,
      'malformed',
      'the payload has no evidenceId string',
    );
  }
  return evidenceId;
}

function checkEveryRegistrationIndexed(
  records: readonly JournalRecord[],
  evidence: readonly IndexedItem[],
): void {
  const indexed = new Set(evidence.map((item) => item.entryId));
  for (const record of records) {
    if (record.entry.kind !== EVIDENCE_ENTRY_KINDS.added) continue;
    const evidenceId = evidenceIdOf(record);
    if (!indexed.has(record.entry.id)) {
      throw new BagProblem(
        record.where,
        'missing',
        `evidence item ${evidenceId} that this entry registered is not in ` +
          INCIDENT_FILE,
      );
    }
  }
}

/**
 * Checks the evidence three ways: each index item against its file and
 * the entry that registered it, each registration against the index, and
 * each file under `data/evidence/` against the index. Returns the count.
 */
export function checkEvidence(
  incident: IncidentIndex,
  payload: ReadonlyMap<string, PayloadFile>,
  records: readonly JournalRecord[],
): number {
  const byId = entriesById(records);
  for (const item of incident.evidence) {
    checkIndexedItem(item, payload, byId);
  }
  checkEveryRegistrationIndexed(records, incident.evidence);
  const indexed = new Set(incident.evidence.map((item) => item.bagPath));
  const stray = [...payload.keys()].find(
    (path) => path.startsWith(`${EVIDENCE_DIR}/`) && !indexed.has(path),
  );
  if (stray) {
    throw new BagProblem(
      stray,
      'extra',
      `not the file of any evidence item in ${INCIDENT_FILE}`,
    );
  }
  return incident.evidence.length;
}
