import type { JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import {
  REVIEW_KINDS,
  REVIEW_SECTIONS,
  type FollowUpStatus,
  type ReviewMeeting,
  type ReviewSection,
  type ReviewState,
} from '../../shared/review-types';
import { parseZonedTimestamp } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { requireIncident } from '../incidents/incident-store';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import {
  followUpsFrom,
  readReviewEntries,
  sectionsFrom,
  text,
} from './review-projection';

type Actor = { incidentId: string; actor: string };

export type SectionEdit = Actor & {
  section: ReviewSection;
  text: string;
  reason?: string;
};

/**
 * Writes a section's new text as a new entry naming the one it amends;
 * the earlier versions stay in the journal and in the section's history.
 * Refuses text identical to the current version, which would add nothing.
 */
export function writeSection(
  db: Db,
  writer: JournalWriter,
  edit: SectionEdit,
): JournalEntry {
  requireIncident(db, edit.incidentId);
  const current = sectionsFrom(readReviewEntries(db, edit.incidentId)).find(
    (state) => state.section === edit.section,
  );
  const latest = current?.versions.at(-1) ?? null;
  if ((latest?.text ?? '') === edit.text) {
    throw new AppFailure(
      'invalid-input',
      `the ${edit.section} already reads exactly this; nothing to amend`,
    );
  }
  return appendEntry(db, writer, {
    scope: edit.incidentId,
    kind: REVIEW_KINDS.sectionWritten,
    actor: edit.actor,
    payload: {
      section: edit.section,
      text: edit.text,
      amends: latest?.entryId ?? null,
      reason: edit.reason ?? '',
    },
  });
}

export type MeetingRecord = Actor & {
  heldAt: string;
  attendees: string[];
  reason?: string;
};

export function recordMeeting(
  db: Db,
  writer: JournalWriter,
  record: MeetingRecord,
): JournalEntry {
  requireIncident(db, record.incidentId);
  const heldAt = parseZonedTimestamp(record.heldAt);
  if (!heldAt) {
    throw new AppFailure('invalid-input', 'heldAt is not a zoned time');
  }
  const previous = readMeeting(readReviewEntries(db, record.incidentId));
  return appendEntry(db, writer, {
    scope: record.incidentId,
    kind: REVIEW_KINDS.meetingRecorded,
    actor: record.actor,
    payload: {
      heldAt: heldAt.utc,
      offset: heldAt.offset,
      attendees: [...record.attendees],
      amends: previous?.entryId ?? null,
      reason: record.reason ?? '',
    },
  });
}

/** The latest meeting record, and how often it was amended. */
export function readMeeting(entries: JournalEntry[]): ReviewMeeting | null {
  const records = entries.filter(
    (entry) => entry.kind === REVIEW_KINDS.meetingRecorded,
  );
  const latest = records.at(-1);
  if (!latest) return null;
  const attendees = latest.payload.attendees;
  return {
    entryId: latest.id,
    heldAt: text(latest.payload.heldAt),
    offset: text(latest.payload.offset),
    attendees: Array.isArray(attendees)
      ? attendees.filter((name): name is string => typeof name === 'string')
      : [],
    actor: latest.actor,
    recordedAt: latest.recordedAt,
    amendments: records.length - 1,
  };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as `YYYY-MM-DD`; refuses 2026-02-30. */
export function checkDueDate(value: string): string {
  const match = DATE_PATTERN.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new AppFailure('invalid-input', `dueDate ${value} is not a date`);
  }
  if (date.toISOString().slice(0, 10) !== value) {
    throw new AppFailure('invalid-input', `dueDate ${value} is not a date`);
  }
  return value;
}

export type NewFollowUp = Actor & {
  title: string;
  owner: string;
  dueDate: string;
};

export function addFollowUp(
  db: Db,
  writer: JournalWriter,
  input: NewFollowUp,
): JournalEntry {
  requireIncident(db, input.incidentId);
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: REVIEW_KINDS.followUpAdded,
    actor: input.actor,
    payload: {
      title: input.title,
      owner: input.owner,
      dueDate: checkDueDate(input.dueDate),
      status: 'open',
    },
  });
}

export type FollowUpChange = Actor & {
  followUpId: string;
  title?: string;
  owner?: string;
  dueDate?: string;
  status?: FollowUpStatus;
  reason?: string;
};

/**
 * Records a follow-up's new state in full, naming the entry it amends, so
 * each entry reads on its own and the latest one is the follow-up.
 */
export function updateFollowUp(
  db: Db,
  writer: JournalWriter,
  change: FollowUpChange,
): JournalEntry {
  requireIncident(db, change.incidentId);
  const entries = readReviewEntries(db, change.incidentId);
  const current = followUpsFrom(entries, '0000-00-00').find(
    (followUp) => followUp.id === change.followUpId,
  );
  if (!current) {
    throw new AppFailure(
      'not-found',
      `incident ${change.incidentId} has no follow-up ${change.followUpId}`,
    );
  }
  const next = {
    title: change.title ?? current.title,
    owner: change.owner ?? current.owner,
    dueDate: checkDueDate(change.dueDate ?? current.dueDate),
    status: change.status ?? current.status,
  };
  const unchanged = (Object.keys(next) as (keyof typeof next)[]).every(
    (key) => next[key] === current[key],
  );
  if (unchanged) {
    throw new AppFailure('invalid-input', 'the follow-up would not change');
  }
  return appendEntry(db, writer, {
    scope: change.incidentId,
    kind: REVIEW_KINDS.followUpUpdated,
    actor: change.actor,
    payload: {
      followUpId: current.id,
      ...next,
      amends: lastEntryOf(entries, current.id),
      reason: change.reason ?? '',
    },
  });
}

function lastEntryOf(entries: JournalEntry[], followUpId: string): string {
  const updates = entries.filter(
    (entry) =>
      entry.kind === REVIEW_KINDS.followUpUpdated &&
      entry.payload.followUpId === followUpId,
  );
  return updates.at(-1)?.id ?? followUpId;
}

/** Everything the Review pane shows for one incident. */
export function readReview(
  db: Db,
  incidentId: string,
  todayUtc: string,
): ReviewState {
  requireIncident(db, incidentId);
  const entries = readReviewEntries(db, incidentId);
  const sections = sectionsFrom(entries);
  return {
    incidentId,
    sections: REVIEW_SECTIONS.map(
      (section) =>
        sections.find((state) => state.section === section) ?? {
          section,
          text: '',
          versions: [],
        },
    ),
    meeting: readMeeting(entries),
    followUps: followUpsFrom(entries, todayUtc),
  };
}
