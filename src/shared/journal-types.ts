import {
  MILESTONE_LABELS,
  RESOLUTION_LABELS,
  ROLE_DEFINITIONS,
  type Role,
} from './incident-lifecycle';
import { describeTimelineEntry } from './timeline-exchange-types';
import { describeReviewEntry } from './review-entry-wording';
import { describeOutboxEntry } from './outbox-entry-wording';
import { describeControlsEntry } from './controls-entry-wording';
import {
  CONTACTS_ENTRY_KINDS,
  describeContactsEntry,
} from './contacts-entry-wording';

/**
 * The journal entry as every process sees it. The payload is JSON that holds
 * only strings, safe integers, booleans, null, arrays and objects: no
 * floating-point numbers, so its RFC 8785 canonical form is trivial to
 * reproduce in any language when someone re-checks a hash by hand.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/** Where an entry's `occurredAt` came from. */
export const TIME_SOURCES = [
  'device-clock',
  'user-entered',
  'imported',
] as const;
export type TimeSource = (typeof TIME_SOURCES)[number];

/** The scope of the organisation journal (contacts, settings). */
export const ORGANISATION_SCOPE = 'organisation';

export const ENTRY_KINDS = {
  incidentOpened: 'incident.opened',
  note: 'note',
  amend: 'amend',
  reviewSectionWritten: 'review.section-written',
  reviewMeetingRecorded: 'review.meeting-recorded',
  reviewFollowUpAdded: 'review.follow-up-added',
  reviewFollowUpUpdated: 'review.follow-up-updated',
  reportExported: 'report.exported',
  actionRequested: 'action.requested',
  actionSent: 'action.sent',
  actionAnswered: 'action.answered',
  actionReadBack: 'action.read-back',
  actionStateChanged: 'action.state-changed',
  ...CONTACTS_ENTRY_KINDS,
} as const;

export type JournalEntry = {
  id: string;
  /** An incident id, or `organisation` for entries that belong to none. */
  scope: string;
  deviceId: string;
  /** 1-based position in this scope's chain for this device. */
  chainSeq: number;
  kind: string;
  actor: string;
  occurredAt: string;
  occurredOffset: string;
  timeSource: TimeSource;
  recordedAt: string;
  payload: JsonObject;
  prevHash: string;
  hash: string;
};

/** A journal entry as the timeline shows it. */
export type TimelineRow = JournalEntry & {
  /** 1-based position of the entry in its scope, in recorded order. */
  position: number;
  /** Display text, with the latest amendment applied. */
  text: string;
  /** Number of amend entries that correct this entry. */
  amendmentCount: number;
  /**
   * For search results: `text` with hits wrapped in U+0002 … U+0003 markers,
   * which cannot occur in stored text.
   */
  highlighted?: string;
};

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export type ChainProblemKind = 'altered' | 'missing' | 'reordered' | 'foreign';

export type ChainProblem = {
  incident: string;
  entry: string;
  kind: ChainProblemKind;
  detail: string;
};

export type VerifyReport = {
  ok: boolean;
  chains: number;
  entries: number;
  problems: ChainProblem[];
  verifiedAt: string;
};

function textField(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

/**
 * The human text of an entry: what the timeline shows and what full-text
 * search indexes. Kinds without their own wording fall back to the kind.
 */
export function describeEntry(kind: string, payload: JsonObject): string {
  switch (kind) {
    case ENTRY_KINDS.note:
      return textField(payload, 'text');
    case ENTRY_KINDS.amend: {
      const reason = textField(payload, 'reason');
      const suffix = reason ? ` (reason: ${reason})` : '';
      return `Amended entry: ${textField(payload, 'text')}${suffix}`;
    }
    case ENTRY_KINDS.incidentOpened: {
      const title = textField(payload, 'title');
      const severity = textField(payload, 'severity');
      const description = textField(payload, 'description');
      const head = `Incident opened: ${title} (${severity})`;
      return description ? `${head}. ${description}` : head;
    }
    default:
      return (
        describeCommandEntry(kind, payload) ??
        describeEvidenceEntry(kind, payload) ??
        describeAdminEntry(kind, payload) ??
        describeTimelineEntry(kind, payload) ??
        describeReviewEntry(kind, payload) ??
        describeOutboxEntry(kind, payload) ??
        describeControlsEntry(kind, payload) ??
        describeContactsEntry(kind, payload) ??
        (textField(payload, 'text') || kind)
      );
  }
}

/** `detection-and-analysis` → `Detection and analysis`. */
function phaseLabel(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function labelOf(labels: Record<string, string>, id: string): string {
  return Object.hasOwn(labels, id) ? labels[id] : id;
}

function withReason(text: string, reason: string): string {
  return reason ? `${text} (reason: ${reason})` : text;
}

/** Wording for incident-command entries; null for other kinds. */
function describeCommandEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  const field = (key: string) => textField(payload, key);
  switch (kind) {
    case 'incident.severity-changed':
      return withReason(
        `Severity changed from ${field('previous')} to ${field('severity')}`,
        field('reason'),
      );
    case 'incident.detection-recorded':
      return `Detection recorded: ${field('detectedAt')} by ${field('detectionMethod')}`;
    case 'incident.milestone-set': {
      const note = field('note') ? `: ${field('note')}` : '';
      const milestone = labelOf(MILESTONE_LABELS, field('milestone'));
      return `Milestone ${milestone} at ${field('at')}${note}`;
    }
    case 'incident.phase-advanced':
      return withReason(
        `Phase moved from ${phaseLabel(field('previous'))} to ` +
          phaseLabel(field('phase')),
        field('overrideReason'),
      );
    case 'incident.role-assigned': {
      const role = field('role');
      const label = Object.hasOwn(ROLE_DEFINITIONS, role)
        ? ROLE_DEFINITIONS[role as Role].label
        : role;
      return `${field('person')} assigned as ${label}`;
    }
    case 'incident.closed':
      return withReason(
        `Incident closed as ${labelOf(RESOLUTION_LABELS, field('resolution')).toLowerCase()}`,
        field('overrideReason'),
      );
    case 'checklist.attached':
      return `Checklist attached: ${field('title')}`;
    case 'checklist.item-set':
      return withReason(
        `Checklist item ${field('title') || field('itemId')} marked ` +
          field('state'),
        field('reason'),
      );
    case 'checklist.item-added': {
      const item = payload.item;
      const title =
        item && typeof item === 'object' && !Array.isArray(item)
          ? textField(item, 'title')
          : '';
      return `Checklist item added: ${title}`;
    }
    default:
      return null;
  }
}

function personName(value: JsonValue | undefined): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  return textField(value, 'name');
}

/** `12345` → `12.1 KiB`; exact bytes below a kibibyte. */
function sizeLabel(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Wording for evidence entries; null for other kinds. */
function describeEvidenceEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  const field = (key: string) => textField(payload, key);
  switch (kind) {
    case 'evidence.added': {
      const size = typeof payload.size === 'number' ? payload.size : 0;
      const description = field('description')
        ? `: ${field('description')}`
        : '';
      return (
        `Evidence added: ${field('name')} (${field('type')}, ` +
        `${sizeLabel(size)}, SHA-256 ${field('sha256').slice(0, 12)}…)` +
        description
      );
    }
    case 'evidence.custody': {
      const recipient = personName(payload.recipient);
      const to = recipient ? ` to ${recipient}` : '';
      const purpose = field('purpose') ? ` for ${field('purpose')}` : '';
      return (
        `Evidence ${field('name')} ${field('action')}${to} by ` +
        `${personName(payload.handler)}${purpose}`
      );
    }
    case 'evidence.linked':
      return `Evidence ${field('name')} linked to timeline entries`;
    case 'evidence.verified': {
      const problems = Array.isArray(payload.problems)
        ? payload.problems.length
        : 0;
      const items = typeof payload.items === 'number' ? payload.items : 0;
      return problems === 0
        ? `Evidence verified: ${items} item(s) intact`
        : `EVIDENCE INTEGRITY FAILURE: ${problems} of ${items} item(s) ` +
            'altered or missing in the vault';
    }
    case 'evidence.bundle-exported':
      return `Evidence bundle exported to ${field('dir')}`;
    default:
      return null;
  }
}

function objectField(payload: JsonObject, key: string): JsonObject {
  const value = payload[key];
  return value && typeof value === 'object' && !Array.isArray(value)
    ? value
    : {};
}

function withNote(text: string, note: string): string {
  return note ? `${text} (note: ${note})` : text;
}

/** A connection state as the timeline says it. */
const CONNECTION_WORDING: Record<string, string> = {
  online: 'online',
  degraded: 'degraded',
  offline: 'offline',
  unauthorised: 'refusing this console',
  'not-configured': 'not configured',
};

/** Wording for admin-API entries; null for other kinds. */
function describeAdminEntry(kind: string, payload: JsonObject): string | null {
  const record = objectField(payload, 'record');
  const field = (key: string) => textField(record, key);
  const note = textField(payload, 'note');
  switch (kind) {
    case 'admin.alert-pinned':
      return withNote(
        `Platform alert ${field('title')} (${field('severity')}): ` +
          field('message'),
        note,
      );
    case 'admin.event-pinned': {
      const ip = field('ipAddress') ? ` from ${field('ipAddress')}` : '';
      const user = field('userId') ? ` for ${field('userId')}` : '';
      return withNote(
        `Platform event ${field('eventType')} (${field('severity')})` +
          `${ip}${user}: ${field('description')}`,
        note,
      );
    }
    case 'admin.connection-changed': {
      const to = textField(payload, 'to');
      const back =
        to === 'online' &&
        ['offline', 'unauthorised'].includes(textField(payload, 'from'));
      const state = back ? 'back online' : labelOf(CONNECTION_WORDING, to);
      return `Admin API ${state}: ${textField(payload, 'reason')}`;
    }
    default:
      return null;
  }
}
