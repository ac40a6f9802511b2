import { ENTRY_KINDS, type TimeSource } from '../../../shared/journal-types';

const KIND_LABELS: Record<string, string> = {
  [ENTRY_KINDS.incidentOpened]: 'Opened',
  [ENTRY_KINDS.note]: 'Note',
  [ENTRY_KINDS.amend]: 'Amendment',
  'incident.severity-changed': 'Severity',
  'incident.detection-recorded': 'Detection',
  'incident.milestone-set': 'Milestone',
  'incident.phase-advanced': 'Phase',
  'incident.role-assigned': 'Role',
  'incident.closed': 'Closed',
  'checklist.attached': 'Playbook',
  'checklist.item-set': 'Checklist',
  'checklist.item-added': 'Item added',
  'evidence.added': 'Evidence',
  'evidence.custody': 'Custody',
  'evidence.linked': 'Evidence link',
  'evidence.verified': 'Integrity',
  'evidence.bundle-exported': 'Bundle',
  'admin.alert-pinned': 'Platform alert',
  'admin.event-pinned': 'Platform event',
  'admin.connection-changed': 'Admin API',
  'timeline.imported': 'Imported',
  'timeline.import-completed': 'Import',
  'timeline.exported': 'Export',
  'review.section-written': 'Review',
  'review.meeting-recorded': 'Review meeting',
  'review.follow-up-added': 'Follow-up',
  'review.follow-up-updated': 'Follow-up',
  'report.exported': 'Report',
  'controls.manual-action': 'Manual action',
  'controls.two-person-rule-set': 'Two-person rule',
  'controls.second-person-added': 'Second person',
  'action.requested': 'Action requested',
  'action.sent': 'Action sent',
  'action.answered': 'Platform answer',
  'action.read-back': 'Platform checked',
  'action.state-changed': 'Action',
};

/** Kinds added later without a label are shown by their id. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** Corrections are themselves part of the record, so they are not amended. */
export function isAmendable(kind: string): boolean {
  // Review entries are amended in the Review pane, which keeps each version.
  return kind !== ENTRY_KINDS.amend && !kind.startsWith('review.');
}

const TIME_SOURCE_LABELS: Record<TimeSource, string> = {
  'device-clock': 'this device’s clock',
  'user-entered': 'entered by hand',
  imported: 'imported from a source',
};

export function timeSourceLabel(source: TimeSource): string {
  return TIME_SOURCE_LABELS[source] ?? source;
}
