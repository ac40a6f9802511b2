/**
 * The post-incident review: what the plan's last phase asks the team to
 * write down, the review meeting, and the follow-up actions it agreed.
 * Every edit is a journal entry that names the entry it amends, so the
 * review's history stays readable and nothing written is ever lost.
 */

export const REVIEW_SECTIONS = [
  'summary',
  'impact',
  'root-cause',
  'contributing-factors',
  'went-well',
  'went-badly',
  'lessons-learned',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

export const REVIEW_SECTION_LABELS: Record<ReviewSection, string> = {
  summary: 'Summary',
  impact: 'Impact',
  'root-cause': 'Root cause',
  'contributing-factors': 'Contributing factors',
  'went-well': 'What went well',
  'went-badly': 'What went badly',
  'lessons-learned': 'Lessons learned',
};

export const FOLLOW_UP_STATUSES = [
  'open',
  'in-progress',
  'done',
  'cancelled',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** A follow-up still to be done; only these can be overdue. */
export function isOutstanding(status: FollowUpStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

/** Journal entry kinds of the review. */
export const REVIEW_KINDS = {
  sectionWritten: 'review.section-written',
  meetingRecorded: 'review.meeting-recorded',
  followUpAdded: 'review.follow-up-added',
  followUpUpdated: 'review.follow-up-updated',
} as const;

/** One version of a section, as one journal entry wrote it. */
export type SectionVersion = {
  entryId: string;
  text: string;
  /** Why it was changed; empty for the first version. */
  reason: string;
  actor: string;
  recordedAt: string;
};

export type ReviewSectionState = {
  section: ReviewSection;
  /** The latest text; empty while nothing was written. */
  text: string;
  /** Every version, oldest first; the last one is `text`. */
  versions: SectionVersion[];
};

export type ReviewMeeting = {
  entryId: string;
  /** Stored UTC, and the offset it was entered in. */
  heldAt: string;
  offset: string;
  attendees: string[];
  actor: string;
  recordedAt: string;
  /** How many times the meeting record was amended. */
  amendments: number;
};

export type FollowUp = {
  /** The id of the entry that added it; later updates name it. */
  id: string;
  incidentId: string;
  title: string;
  owner: string;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string;
  status: FollowUpStatus;
  addedBy: string;
  addedAt: string;
  updatedAt: string;
  /** Why it was last changed; empty until it is. */
  lastReason: string;
  /** Outstanding and due before today (UTC). */
  overdue: boolean;
};

export type ReviewState = {
  incidentId: string;
  sections: ReviewSectionState[];
  meeting: ReviewMeeting | null;
  followUps: FollowUp[];
};

/** A follow-up in the list across incidents. */
export type FollowUpListItem = FollowUp & { incidentTitle: string };

export const REPORT_FORMATS = ['md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report can be written as; PDF only where there is a printer. */
export const REPORT_EXPORT_FORMATS = [...REPORT_FORMATS, 'pdf'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** Journal entry kinds of the incident report. */
export const REPORT_KINDS = { exported: 'report.exported' } as const;

export type ReportExportSummary = {
  path: string;
  format: ReportExportFormat;
  bytes: number;
  sha256: string;
};
