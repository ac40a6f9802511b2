/**
 * The review as the journal records it: read from the incident's review
 * entries on every request, so there is no second copy to fall out of step
 * with the journal. The reads use the (scope, kind) index, per incident.
 */
import type { JournalEntry } from '../../shared/journal-types';
import {
  FOLLOW_UP_STATUSES,
  isOutstanding,
  REVIEW_KINDS,
  REVIEW_SECTIONS,
  type FollowUp,
  type FollowUpListItem,
  type FollowUpStatus,
  type ReviewSection,
  type ReviewSectionState,
} from '../../shared/review-types';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import {
  ENTRY_COLUMNS,
  entryFromRow,
  type EntryRow,
} from '../journal/entry-rows';

const KINDS = Object.values(REVIEW_KINDS);

export const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

export function readReviewEntries(db: Db, incidentId: string): JournalEntry[] {
  const marks = KINDS.map(() => '?').join(', ');
  return statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE scope = ? AND kind IN (${marks}) ORDER BY scope_pos`,
  )
    .all(incidentId, ...KINDS)
    .map(entryFromRow);
}

function isSection(value: string): value is ReviewSection {
  return (REVIEW_SECTIONS as readonly string[]).includes(value);
}

/** Sections written so far, each with every version in journal order. */
export function sectionsFrom(entries: JournalEntry[]): ReviewSectionState[] {
  const sections = new Map<ReviewSection, ReviewSectionState>();
  for (const entry of entries) {
    if (entry.kind !== REVIEW_KINDS.sectionWritten) continue;
    const section = text(entry.payload.section);
    if (!isSection(section)) continue;
    const state = sections.get(section) ?? { section, text: '', versions: [] };
    state.versions.push({
      entryId: entry.id,
      text: text(entry.payload.text),
      reason: text(entry.payload.reason),
      actor: entry.actor,
      recordedAt: entry.recordedAt,
    });
    state.text = text(entry.payload.text);
    sections.set(section, state);
  }
  return [...sections.values()];
}

function statusOf(value: unknown): FollowUpStatus {
  const status = text(value);
  return (FOLLOW_UP_STATUSES as readonly string[]).includes(status)
    ? (status as FollowUpStatus)
    : 'open';
}

function applyFields(followUp: FollowUp, entry: JournalEntry): void {
  followUp.title = text(entry.payload.title);
  followUp.owner = text(entry.payload.owner);
  followUp.dueDate = text(entry.payload.dueDate);
  followUp.status = statusOf(entry.payload.status);
  followUp.updatedAt = entry.recordedAt;
}

function addedFollowUp(entry: JournalEntry): FollowUp {
  const followUp: FollowUp = {
    id: entry.id,
    incidentId: entry.scope,
    title: '',
    owner: '',
    dueDate: '',
    status: 'open',
    addedBy: entry.actor,
    addedAt: entry.recordedAt,
    updatedAt: entry.recordedAt,
    lastReason: '',
    overdue: false,
  };
  applyFields(followUp, entry);
  return followUp;
}

/**
 * Follow-ups in the order they were added, each at its latest state. One
 * is overdue while outstanding on a day after its due date (UTC dates:
 * due 2026-12-03 is overdue from 2026-12-04).
 */
export function followUpsFrom(
  entries: JournalEntry[],
  todayUtc: string,
): FollowUp[] {
  const byId = new Map<string, FollowUp>();
  for (const entry of entries) {
    if (entry.kind === REVIEW_KINDS.followUpAdded) {
      byId.set(entry.id, addedFollowUp(entry));
      continue;
    }
    if (entry.kind !== REVIEW_KINDS.followUpUpdated) continue;
    const followUp = byId.get(text(entry.payload.followUpId));
    if (!followUp) continue;
    applyFields(followUp, entry);
    followUp.lastReason = text(entry.payload.reason);
  }
  return [...byId.values()].map((followUp) => ({
    ...followUp,
    overdue: isOutstanding(followUp.status) && followUp.dueDate < todayUtc,
  }));
}

/**
 * Every incident's follow-ups, overdue first, then by due date. Read per
 * incident so each read uses the (scope, kind) index.
 */
export function listFollowUps(db: Db, todayUtc: string): FollowUpListItem[] {
  const incidents = statement<{ id: string; title: string }>(
    db,
    'SELECT id, title FROM incidents ORDER BY opened_at, id',
  ).all();
  const items = incidents.flatMap((incident) =>
    followUpsFrom(readReviewEntries(db, incident.id), todayUtc).map(
      (followUp) => ({ ...followUp, incidentTitle: incident.title }),
    ),
  );
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.id.localeCompare(b.id),
  );
}
