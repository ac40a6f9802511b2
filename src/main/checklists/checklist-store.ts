import type {
  ChecklistItem,
  ChecklistState,
  PhaseBlockers,
} from '../../shared/incident-command-types';
import { PHASE_IDS, type PhaseId } from '../../shared/incident-lifecycle';
import type { JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntry, type JournalWriter } from '../journal/append-entries';

export const CHECKLIST_KINDS = {
  attached: 'checklist.attached',
  itemSet: 'checklist.item-set',
  itemAdded: 'checklist.item-added',
} as const;

/** One checklist line as a playbook defines it, flattened with its path. */
export type ChecklistLine = {
  id: string;
  parentId: string | null;
  depth: number;
  phase: PhaseId;
  title: string;
  notes: string;
  required: boolean;
};

/** A playbook ready to attach: its lines are copied into the journal. */
export type AttachablePlaybook = {
  id: string;
  title: string;
  lines: ChecklistLine[];
};

type ItemRow = {
  item_id: string;
  playbook_id: string;
  parent_id: string | null;
  depth: number;
  phase: PhaseId;
  title: string;
  notes: string;
  required: number;
  ad_hoc: number;
  state: ChecklistState;
  reason: string | null;
  updated_at: string | null;
  updated_by: string | null;
};

function itemFromRow(row: ItemRow): ChecklistItem {
  return {
    id: row.item_id,
    playbookId: row.playbook_id,
    parentId: row.parent_id,
    depth: row.depth,
    phase: row.phase,
    title: row.title,
    notes: row.notes,
    required: row.required === 1,
    adHoc: row.ad_hoc === 1,
    state: row.state,
    reason: row.reason,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function nextPosition(db: Db, incidentId: string): number {
  const row = statement<{ last: number | null }>(
    db,
    'SELECT max(position) AS last FROM checklist_items WHERE incident_id = ?',
  ).get(incidentId);
  return (row?.last ?? 0) + 1;
}

/** Projects lines into the checklist; already present ids are kept. */
export function insertChecklistLines(
  db: Db,
  incidentId: string,
  playbookId: string,
  lines: readonly ChecklistLine[],
  adHoc: boolean,
): void {
  const insert = statement(
    db,
    `INSERT OR IGNORE INTO checklist_items (incident_id, item_id, playbook_id,
       parent_id, depth, position, phase, title, notes, required, ad_hoc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let position = nextPosition(db, incidentId);
  for (const line of lines) {
    insert.run(
      incidentId,
      line.id,
      playbookId,
      line.parentId,
      line.depth,
      position,
      line.phase,
      line.title,
      line.notes,
      line.required ? 1 : 0,
      adHoc ? 1 : 0,
    );
    position += 1;
  }
}

/** The journal entry that attaches a playbook, as a new entry's input. */
export function attachmentEntry(
  incidentId: string,
  playbook: AttachablePlaybook,
  actor: string,
) {
  return {
    scope: incidentId,
    kind: CHECKLIST_KINDS.attached,
    actor,
    payload: {
      playbookId: playbook.id,
      title: playbook.title,
      items: playbook.lines.map((line) => ({ ...line })),
    },
  };
}

export function isAttached(db: Db, incidentId: string, playbookId: string) {
  return (
    statement(
      db,
      `SELECT 1 FROM checklist_items
        WHERE incident_id = ? AND playbook_id = ? LIMIT 1`,
    ).get(incidentId, playbookId) !== undefined
  );
}

export function attachPlaybook(
  db: Db,
  writer: JournalWriter,
  incidentId: string,
  playbook: AttachablePlaybook,
  actor: string,
): JournalEntry {
  if (isAttached(db, incidentId, playbook.id)) {
    throw new AppFailure(
      'invalid-input',
      `the playbook ${playbook.id} is already attached to this incident`,
    );
  }
  return appendEntry(
    db,
    writer,
    attachmentEntry(incidentId, playbook, actor),
    () =>
      insertChecklistLines(db, incidentId, playbook.id, playbook.lines, false),
  );
}

export function readChecklist(db: Db, incidentId: string): ChecklistItem[] {
  return statement<ItemRow>(
    db,
    `SELECT * FROM checklist_items WHERE incident_id = ? ORDER BY position`,
  )
    .all(incidentId)
    .map(itemFromRow);
}

export function findChecklistItem(
  db: Db,
  incidentId: string,
  itemId: string,
): ChecklistItem {
  const row = statement<ItemRow>(
    db,
    'SELECT * FROM checklist_items WHERE incident_id = ? AND item_id = ?',
  ).get(incidentId, itemId);
  if (!row) {
    throw new AppFailure(
      'not-found',
      `this incident's checklist has no item ${itemId}`,
    );
  }
  return itemFromRow(row);
}

export type ItemChange = {
  incidentId: string;
  itemId: string;
  state: ChecklistState;
  reason?: string;
  actor: string;
};

/**
 * Checks, unchecks or skips an item. Skipping needs a reason, because a
 * skipped required item no longer blocks the incident.
 */
export function setChecklistItem(
  db: Db,
  writer: JournalWriter,
  change: ItemChange,
): { entry: JournalEntry; item: ChecklistItem } {
  const existing = findChecklistItem(db, change.incidentId, change.itemId);
  if (change.state === 'skipped' && !change.reason) {
    throw new AppFailure('invalid-input', 'skipping an item needs a reason');
  }
  const entry = appendEntry(
    db,
    writer,
    {
      scope: change.incidentId,
      kind: CHECKLIST_KINDS.itemSet,
      actor: change.actor,
      payload: {
        itemId: change.itemId,
        title: existing.title,
        state: change.state,
        reason: change.reason ?? '',
      },
    },
    (entry) =>
      statement(
        db,
        `UPDATE checklist_items
            SET state = ?, reason = ?, updated_at = ?, updated_by = ?
          WHERE incident_id = ? AND item_id = ?`,
      ).run(
        change.state,
        change.reason ?? null,
        entry.recordedAt,
        entry.actor,
        change.incidentId,
        change.itemId,
      ),
  );
  return {
    entry,
    item: findChecklistItem(db, change.incidentId, change.itemId),
  };
}

export type NewChecklistItem = {
  incidentId: string;
  phase: PhaseId;
  title: string;
  parentId?: string;
  required?: boolean;
  actor: string;
};

const AD_HOC_PLAYBOOK = 'ad-hoc';

export function addChecklistItem(
  db: Db,
  writer: JournalWriter,
  item: NewChecklistItem,
): { entry: JournalEntry; item: ChecklistItem } {
  const parent = item.parentId
    ? findChecklistItem(db, item.incidentId, item.parentId)
    : null;
  const itemId = `${parent?.id ?? AD_HOC_PLAYBOOK}/${writer.nextId(Math.floor(writer.clock.nowMicros() / 1000)).toLowerCase()}`;
  const line: ChecklistLine = {
    id: itemId,
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    phase: parent?.phase ?? item.phase,
    title: item.title,
    notes: '',
    required: item.required ?? false,
  };
  const entry = appendEntry(
    db,
    writer,
    {
      scope: item.incidentId,
      kind: CHECKLIST_KINDS.itemAdded,
      actor: item.actor,
      payload: { item: { ...line } },
    },
    () =>
      insertChecklistLines(
        db,
        item.incidentId,
        parent?.playbookId ?? AD_HOC_PLAYBOOK,
        [line],
        true,
      ),
  );
  return { entry, item: findChecklistItem(db, item.incidentId, itemId) };
}

/**
 * Required items still open in each of the given phases; what stands in
 * the way of leaving those phases or closing the incident.
 */
export function openRequiredItems(
  db: Db,
  incidentId: string,
  phases: readonly PhaseId[],
): PhaseBlockers[] {
  const rows = statement<{ item_id: string; phase: PhaseId }>(
    db,
    `SELECT item_id, phase FROM checklist_items
      WHERE incident_id = ? AND required = 1 AND state = 'open'
      ORDER BY position`,
  ).all(incidentId);
  return phases
    .map((phase) => ({
      phase,
      itemIds: rows
        .filter((row) => row.phase === phase)
        .map((row) => row.item_id),
    }))
    .filter((blockers) => blockers.itemIds.length > 0);
}

/** Phases before `phase` in the plan's order, and `phase` itself. */
export function phasesThrough(phase: PhaseId): PhaseId[] {
  return PHASE_IDS.slice(0, PHASE_IDS.indexOf(phase) + 1);
}
