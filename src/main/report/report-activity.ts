import type { JsonObject, TimelineRow } from '../../shared/journal-types';
import { formatUtc } from '../../shared/metrics-types';
import {
  heading,
  paragraph,
  table,
  type Block,
  type Cell,
  type ReportSection,
} from './report-blocks';
import { REPORT_TIMELINE_LIMIT, type ReportData } from './report-data';

function timelineRow(entry: TimelineRow): Cell[] {
  const amended = entry.amendmentCount > 0 ? ' (amended)' : '';
  return [
    formatUtc(entry.occurredAt),
    entry.kind,
    entry.actor,
    `${entry.text}${amended}`,
  ];
}

/** The journal in order of when things happened, in UTC. */
export function timelineSection(data: ReportData): ReportSection {
  const rows = data.entries
    .filter((entry) => entry.kind !== 'amend')
    .toSorted(
      (a, b) =>
        a.occurredAt.localeCompare(b.occurredAt) || a.position - b.position,
    );
  const cut = data.entryCount > REPORT_TIMELINE_LIMIT;
  const blocks: Block[] = [
    paragraph(
      'Every journal entry by the time it happened, in UTC. Corrections ' +
        'are shown in place of the text they correct; the corrections ' +
        'themselves are in the journal.',
    ),
    ...(cut
      ? [
          paragraph(
            `Only the first ${REPORT_TIMELINE_LIMIT} of ${data.entryCount} ` +
              'entries are listed; the full journal is in the evidence ' +
              'bundle and the timeline export.',
          ),
        ]
      : []),
    table(
      ['When (UTC)', 'Kind', 'By', 'What'],
      rows.map(timelineRow),
      'No entries.',
    ),
  ];
  return { id: 'timeline', title: 'Timeline (UTC)', blocks };
}

const COMMAND_ACTIONS = [
  'incident.detection-recorded',
  'incident.severity-changed',
  'incident.phase-advanced',
  'incident.role-assigned',
  'incident.closed',
];

/** Actions sent to the platform, whatever their kinds are named. */
export function isPlatformAction(kind: string): boolean {
  return /^(outbox|controls?|actions?)\./.test(kind);
}

/** Emergency actions: the plan's lockdown and other emergency controls. */
export function isEmergencyAction(entry: TimelineRow): boolean {
  const words = `${entry.kind} ${String(entry.payload.action ?? '')} ${String(
    entry.payload.control ?? '',
  )}`;
  return isPlatformAction(entry.kind) && /emergency|lockdown/i.test(words);
}

const ANSWER_FIELDS = [
  'answer',
  'response',
  'outcome',
  'result',
  'status',
  'httpStatus',
];

/** What the platform answered, from whichever answer fields are there. */
export function platformAnswer(payload: JsonObject): string {
  const parts = ANSWER_FIELDS.flatMap((name) => {
    const value = payload[name];
    if (value === undefined || value === null || value === '') return [];
    const shown =
      typeof value === 'object' ? JSON.stringify(value) : String(value);
    return [`${name}: ${shown}`];
  });
  return parts.length > 0 ? parts.join('; ') : '—';
}

function actionRow(entry: TimelineRow): Cell[] {
  return [formatUtc(entry.occurredAt), entry.actor, entry.text];
}

function platformRow(entry: TimelineRow): Cell[] {
  return [...actionRow(entry), platformAnswer(entry.payload)];
}

export function actionsSection(data: ReportData): ReportSection {
  const decisions = data.entries.filter((entry) =>
    COMMAND_ACTIONS.includes(entry.kind),
  );
  const platform = data.entries.filter((entry) => isPlatformAction(entry.kind));
  const emergency = platform.filter(isEmergencyAction);
  const head = ['When (UTC)', 'By', 'Action'];
  const blocks: Block[] = [
    heading('Command decisions'),
    table(head, decisions.map(actionRow), 'No command decisions recorded.'),
    heading('Emergency actions'),
    table(
      [...head, 'Platform answer'],
      emergency.map(platformRow),
      'No emergency actions were taken through War Room.',
    ),
    heading('Actions sent to the platform'),
    table(
      [...head, 'Platform answer'],
      platform.map(platformRow),
      'No actions were sent to the platform through War Room.',
    ),
  ];
  return { id: 'actions', title: 'Actions taken', blocks };
}

/** Notifications, whatever their kinds are named. */
export function isNotification(kind: string): boolean {
  return /^(contacts?|notifications?)\.|notif/.test(kind);
}

export function notificationsSection(data: ReportData): ReportSection {
  const sent = data.entries.filter((entry) => isNotification(entry.kind));
  return {
    id: 'notifications',
    title: 'Notifications',
    blocks: [
      table(
        ['When (UTC)', 'By', 'Notification'],
        sent.map(actionRow),
        'No notifications were recorded in the journal.',
      ),
    ],
  };
}
