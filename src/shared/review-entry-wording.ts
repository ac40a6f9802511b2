import type { JsonObject } from './journal-types';
import {
  FOLLOW_UP_STATUS_LABELS,
  REPORT_KINDS,
  REVIEW_KINDS,
  REVIEW_SECTION_LABELS,
} from './review-types';

function field(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function labelOf(labels: Record<string, string>, id: string): string {
  return Object.hasOwn(labels, id) ? labels[id] : id;
}

function withReason(text: string, reason: string): string {
  return reason ? `${text} (reason: ${reason})` : text;
}

function attendeeList(payload: JsonObject): string {
  const attendees = payload.attendees;
  if (!Array.isArray(attendees)) return '';
  return attendees.filter((name) => typeof name === 'string').join(', ');
}

function describeFollowUpUpdate(payload: JsonObject): string {
  const status = labelOf(FOLLOW_UP_STATUS_LABELS, field(payload, 'status'));
  return withReason(
    `Follow-up "${field(payload, 'title')}" (${field(payload, 'owner')}, ` +
      `due ${field(payload, 'dueDate')}) now ${status.toLowerCase()}`,
    field(payload, 'reason'),
  );
}

/** Wording for review and report entries; null for other kinds. */
export function describeReviewEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  switch (kind) {
    case REVIEW_KINDS.sectionWritten: {
      const label = labelOf(REVIEW_SECTION_LABELS, field(payload, 'section'));
      const verb = payload.amends ? 'amended' : 'written';
      return withReason(
        `Review ${label.toLowerCase()} ${verb}: ${field(payload, 'text')}`,
        field(payload, 'reason'),
      );
    }
    case REVIEW_KINDS.meetingRecorded:
      return withReason(
        `Review meeting ${field(payload, 'heldAt')} with ` +
          attendeeList(payload),
        field(payload, 'reason'),
      );
    case REVIEW_KINDS.followUpAdded:
      return (
        `Follow-up added: "${field(payload, 'title')}" for ` +
        `${field(payload, 'owner')}, due ${field(payload, 'dueDate')}`
      );
    case REVIEW_KINDS.followUpUpdated:
      return describeFollowUpUpdate(payload);
    case REPORT_KINDS.exported:
      return `Incident report written to ${field(payload, 'path')}`;
    default:
      return null;
  }
}
