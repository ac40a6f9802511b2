import type { Incident } from '../../shared/ipc-contract';
import { ENTRY_KINDS, type JournalEntry } from '../../shared/journal-types';
import {
  INCIDENT_CATEGORIES,
  isSubtypeOf,
  type DetectionMethod,
  type IncidentCategory,
  type Severity,
} from '../../shared/incident-taxonomy';
import { AppFailure } from '../../shared/result';
import {
  parseZonedTimestamp,
  type ZonedTimestamp,
} from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  attachmentEntry,
  insertChecklistLines,
  type AttachablePlaybook,
} from '../checklists/checklist-store';
import { appendEntries, type JournalWriter } from '../journal/append-entries';

export type NewIncident = {
  title: string;
  severity: Severity;
  category: IncidentCategory;
  subtype?: string;
  description?: string;
  detectedAt?: string;
  detectionMethod?: DetectionMethod;
  actor: string;
  /** Playbooks whose checklists the incident starts with. */
  checklists?: AttachablePlaybook[];
};

type IncidentRow = {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  category: IncidentCategory;
  subtype: string | null;
  detected_at: string | null;
  detection_method: DetectionMethod | null;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  entry_count: number;
};

const INCIDENT_SELECT = `
  SELECT i.*,
    (SELECT coalesce(max(scope_pos), 0) FROM journal_entries
      WHERE scope = i.id) AS entry_count
  FROM incidents i`;

function incidentFromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    severity: row.severity,
    category: row.category,
    subtype: row.subtype,
    detectedAt: row.detected_at,
    detectionMethod: row.detection_method,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    entryCount: row.entry_count,
  };
}

function checkSubtype(category: IncidentCategory, subtype?: string): void {
  if (subtype === undefined || isSubtypeOf(category, subtype)) return;
  const known = Object.keys(INCIDENT_CATEGORIES[category].subtypes).join(', ');
  throw new AppFailure(
    'invalid-input',
    `subtype "${subtype}" is not one of ${category}'s: ${known}`,
  );
}

/**
 * Opens an incident: a new ULID becomes the incident's id and the scope of
 * its journal, whose first entry, `incident.opened`, carries everything the
 * commander entered; a `checklist.attached` entry follows for each playbook
 * it starts with. The `incidents` row and the checklist are projections,
 * written in the same transaction.
 */
export function createIncident(
  db: Db,
  writer: JournalWriter,
  input: NewIncident,
): Incident {
  checkSubtype(input.category, input.subtype);
  const detectedAt: ZonedTimestamp | null = input.detectedAt
    ? parseZonedTimestamp(input.detectedAt)
    : null;

  const nowMillis = Math.floor(writer.clock.nowMicros() / 1000);
  const incidentId = writer.nextId(nowMillis);
  const payload = {
    title: input.title,
    severity: input.severity,
    category: input.category,
    subtype: input.subtype ?? null,
    description: input.description ?? '',
    detectedAt: detectedAt?.utc ?? null,
    detectedAtOffset: detectedAt?.offset ?? null,
    detectionMethod: input.detectionMethod ?? null,
  };

  const opened = {
    scope: incidentId,
    kind: ENTRY_KINDS.incidentOpened,
    actor: input.actor,
    payload,
  };
  const checklists = input.checklists ?? [];
  appendEntries(
    db,
    writer,
    [
      opened,
      ...checklists.map((playbook) =>
        attachmentEntry(incidentId, playbook, input.actor),
      ),
    ],
    ([openedEntry]) => {
      insertIncidentRow(db, incidentId, payload, openedEntry);
      for (const playbook of checklists) {
        insertChecklistLines(
          db,
          incidentId,
          playbook.id,
          playbook.lines,
          false,
        );
      }
    },
  );
  return getIncident(db, incidentId);
}

function insertIncidentRow(
  db: Db,
  incidentId: string,
  payload: {
    title: string;
    severity: Severity;
    category: IncidentCategory;
    subtype: string | null;
    description: string;
    detectedAt: string | null;
    detectionMethod: DetectionMethod | null;
  },
  entry: JournalEntry,
): void {
  statement(
    db,
    `INSERT INTO incidents (id, title, description, severity, category,
       subtype, detected_at, detection_method, status, opened_at, opened_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(
    incidentId,
    payload.title,
    payload.description,
    payload.severity,
    payload.category,
    payload.subtype,
    payload.detectedAt,
    payload.detectionMethod,
    entry.recordedAt,
    entry.actor,
  );
}

export function listIncidents(db: Db): Incident[] {
  return statement<IncidentRow>(
    db,
    `${INCIDENT_SELECT} ORDER BY i.opened_at DESC, i.id DESC`,
  )
    .all()
    .map(incidentFromRow);
}

export function findIncident(db: Db, incidentId: string): Incident | null {
  const row = statement<IncidentRow>(
    db,
    `${INCIDENT_SELECT} WHERE i.id = ?`,
  ).get(incidentId);
  return row ? incidentFromRow(row) : null;
}

/** Like findIncident, but an unknown id is a `not-found` failure. */
export function getIncident(db: Db, incidentId: string): Incident {
  const incident = findIncident(db, incidentId);
  if (!incident) {
    throw new AppFailure('not-found', `no incident has the id ${incidentId}`);
  }
  return incident;
}

/**
 * Fails with `not-found` unless the incident exists. Cheaper than
 * getIncident, which also counts entries; used on every note and page.
 */
export function requireIncident(db: Db, incidentId: string): void {
  const found = statement(db, 'SELECT 1 FROM incidents WHERE id = ?').get(
    incidentId,
  );
  if (!found) {
    throw new AppFailure('not-found', `no incident has the id ${incidentId}`);
  }
}
