/**
 * Who must be told about an incident, by when, and when the next update
 * and the regulator are due. Pure functions of stored times, the response
 * rules and `now`, like response-clock.ts, so the pane and the header
 * agree with the main process and a test moves time by passing `now`.
 *
 * The audiences and their order come from the response rules' escalation
 * (the same data the incident header uses); a notification is due by the
 * response deadline: detection plus the target of the severity in effect
 * now, so raising a severity can make a notification overdue at once.
 */
import type { IncidentCategory, Severity } from './incident-taxonomy';
import {
  MICROS_PER_MINUTE,
  escalationFor,
  severityAt,
  toEpochMicros,
  type SeverityHistoryEntry,
  type StoredTime,
} from './response-clock';
import { severityRule, type ResponseRules } from './response-rules';
import type {
  Contact,
  NotificationRecord,
  SentCommunication,
} from './contacts-types';

export type AudienceDue = {
  audience: string;
  label: string;
  dueMicros: number;
  notified: boolean;
  acknowledged: boolean;
  overdue: boolean;
  /** Contacts whose roles include this audience, on-call first. */
  contacts: Contact[];
};

export type EscalationInput = {
  detectedAt: StoredTime;
  severityHistory: readonly SeverityHistoryEntry[];
  notifications: readonly NotificationRecord[];
  contacts: readonly Contact[];
  now: StoredTime;
};

export type EscalationStatus = {
  severity: Severity;
  wording: string;
  audiences: AudienceDue[];
  overdueCount: number;
};

function membersOf(contacts: readonly Contact[], audience: string) {
  return contacts
    .filter((contact) => contact.roles.includes(audience))
    .sort((a, b) => Number(b.onCall) - Number(a.onCall));
}

export function computeEscalation(
  rules: ResponseRules,
  input: EscalationInput,
): EscalationStatus {
  const now = toEpochMicros(input.now, 'now');
  const severity = severityAt(input.severityHistory, now);
  const escalation = escalationFor(rules, severity);
  const target = severityRule(rules, severity).responseTargetMinutes;
  const due =
    toEpochMicros(input.detectedAt, 'detectedAt') + target * MICROS_PER_MINUTE;
  const audiences = escalation.audiences.map((audience): AudienceDue => {
    const told = input.notifications.filter((n) => n.audience === audience.id);
    const notified = told.length > 0;
    return {
      audience: audience.id,
      label: audience.label,
      dueMicros: due,
      notified,
      acknowledged: told.some((n) => n.acknowledgedAt !== null),
      overdue: !notified && now > due,
      contacts: membersOf(input.contacts, audience.id),
    };
  });
  return {
    severity,
    wording: escalation.wording,
    audiences,
    overdueCount: audiences.filter((a) => a.overdue).length,
  };
}

/**
 * Subtypes that put personal or customer data in someone else's hands. A
 * data-security incident with no subtype yet counts too: the clock is
 * better shown early than missed.
 */
const BREACH_SUBTYPES: ReadonlySet<string> = new Set([
  'data-exfiltration-attempts',
  'unauthorized-data-access',
  'backup-system-compromises',
  'cloud-service-breaches',
]);

export function isDataBreach(
  category: IncidentCategory,
  subtype: string | null,
): boolean {
  if (subtype !== null) return BREACH_SUBTYPES.has(subtype);
  return category === 'data-security';
}

export const DEFAULT_REGULATORY_HOURS = 72;

export type RegulatoryClock = {
  deadlineMicros: number;
  remainingMicros: number;
  overdue: boolean;
  /** Stopped: a regulatory notification was recorded. */
  notifiedAtMicros: number | null;
};

export function computeRegulatoryClock(input: {
  awareAt: StoredTime;
  hours: number;
  notifiedAt: StoredTime | null;
  now: StoredTime;
}): RegulatoryClock {
  const aware = toEpochMicros(input.awareAt, 'awareAt');
  const deadline = aware + input.hours * 60 * MICROS_PER_MINUTE;
  const stopped =
    input.notifiedAt === null
      ? null
      : toEpochMicros(input.notifiedAt, 'notifiedAt');
  const end = stopped ?? toEpochMicros(input.now, 'now');
  return {
    deadlineMicros: deadline,
    remainingMicros: deadline - end,
    overdue: end > deadline,
    notifiedAtMicros: stopped,
  };
}

/** Minutes between internal status updates, per severity. */
export const DEFAULT_UPDATE_CADENCE_MINUTES: Record<Severity, number> = {
  critical: 30,
  high: 60,
  medium: 240,
  low: 1440,
};

export type UpdateReminder = { dueMicros: number; overdue: boolean };

/** The next internal update is due one cadence after the last (or detection). */
export function nextInternalUpdate(input: {
  severity: Severity;
  detectedAt: StoredTime;
  lastUpdateAt: StoredTime | null;
  now: StoredTime;
  cadence?: Record<Severity, number>;
}): UpdateReminder {
  const minutes = (input.cadence ?? DEFAULT_UPDATE_CADENCE_MINUTES)[
    input.severity
  ];
  const from = toEpochMicros(
    input.lastUpdateAt ?? input.detectedAt,
    'lastUpdateAt',
  );
  const dueMicros = from + minutes * MICROS_PER_MINUTE;
  return { dueMicros, overdue: toEpochMicros(input.now, 'now') > dueMicros };
}

/**
 * Fills `{{name}}` placeholders. Unknown names stay as written, so the
 * commander sees what the template asked for instead of an empty gap.
 */
export function fillTemplate(
  body: string,
  values: Readonly<Record<string, string>>,
): string {
  return body.replace(/\{\{\s*([a-z][a-z0-9-]*)\s*\}\}/gi, (whole, name) =>
    Object.hasOwn(values, name) ? values[name as string] : whole,
  );
}

export type RegulatoryStatus = {
  regimeId: string;
  regimeLabel: string;
  hours: number;
  awareAt: string;
  clock: RegulatoryClock;
};

/** Everything the escalation part of the pane shows, in one read. */
export type EscalationOverview = {
  incidentId: string;
  nowMicros: number;
  escalation: EscalationStatus;
  notifications: NotificationRecord[];
  sent: SentCommunication[];
  /** Null when the incident is not a data breach. */
  regulatory: RegulatoryStatus | null;
  nextUpdate: UpdateReminder;
};
