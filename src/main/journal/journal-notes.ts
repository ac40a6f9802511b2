import { ENTRY_KINDS, type JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import { parseZonedTimestamp } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { appendEntry, type JournalWriter } from './append-entries';
import { findEntry } from './timeline-queries';

export type NewNote = {
  incidentId: string;
  text: string;
  occurredAt?: string;
  actor: string;
};

export function addNote(
  db: Db,
  writer: JournalWriter,
  note: NewNote,
): JournalEntry {
  const occurredAt = note.occurredAt
    ? (parseZonedTimestamp(note.occurredAt) ?? undefined)
    : undefined;
  return appendEntry(db, writer, {
    scope: note.incidentId,
    kind: ENTRY_KINDS.note,
    actor: note.actor,
    payload: { text: note.text },
    occurredAt,
  });
}

export type Amendment = {
  incidentId: string;
  entryId: string;
  text: string;
  reason?: string;
  actor: string;
};

function checkAmendTarget(db: Db, amendment: Amendment): JournalEntry {
  const target = findEntry(db, amendment.entryId);
  if (!target || target.scope !== amendment.incidentId) {
    throw new AppFailure(
      'not-found',
      `incident ${amendment.incidentId} has no entry ${amendment.entryId}`,
    );
  }
  if (target.kind === ENTRY_KINDS.amend) {
    throw new AppFailure(
      'invalid-input',
      'an amendment cannot itself be amended; amend the original entry again',
    );
  }
  return target;
}

/**
 * Corrects an entry without touching it: the amend entry points at its
 * target and carries the corrected text. The search index, a projection,
 * is switched to the corrected text in the same transaction, so searches
 * find what the timeline shows; the amend entry itself is indexed too.
 */
export function amendEntry(
  db: Db,
  writer: JournalWriter,
  amendment: Amendment,
): JournalEntry {
  const target = checkAmendTarget(db, amendment);
  return appendEntry(
    db,
    writer,
    {
      scope: amendment.incidentId,
      kind: ENTRY_KINDS.amend,
      actor: amendment.actor,
      payload: {
        target: target.id,
        text: amendment.text,
        reason: amendment.reason ?? '',
      },
      targetId: target.id,
    },
    () => {
      statement(
        db,
        `UPDATE journal_search SET text = ?
          WHERE rowid = (SELECT seq FROM journal_entries WHERE id = ?)`,
      ).run(amendment.text, target.id);
    },
  );
}
