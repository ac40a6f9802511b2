import type {
  ConnectionTransition,
  SecurityAlert,
  SecurityEvent,
} from '../../shared/admin-api-types';
import type {
  JournalEntry,
  JsonObject,
  JsonValue,
} from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import { parseZonedTimestamp } from '../../shared/timestamps';
import type { Db } from '../db/open-database';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import { readSnapshot } from './admin-cache';
import { findCachedEvent } from './event-queries';

export const ADMIN_ENTRY_KINDS = {
  alertPinned: 'admin.alert-pinned',
  eventPinned: 'admin.event-pinned',
  connectionChanged: 'admin.connection-changed',
} as const;

/** The source every pinned record names, beside the platform's URL. */
const SOURCE = 'admin-api';

/**
 * A record as a journal payload holds it. Payloads take no fractions or
 * huge numbers (their canonical form must be the same in any language),
 * so such numbers are kept as their decimal text; nothing is dropped but
 * `undefined`, which JSON cannot say either.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : String(value);
  }
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.map(([k, v]) => [k, toJsonValue(v)]));
  }
  return String(value);
}

function zoned(utc: string) {
  const time = parseZonedTimestamp(utc);
  if (time === null) {
    throw new AppFailure('internal', `the cached time ${utc} is not valid`);
  }
  return time;
}

export type PinInput = {
  incidentId: string;
  id: string;
  note: string;
  actor: string;
  baseUrl: string | null;
};

function pinPayload(
  input: PinInput,
  recordType: 'alert' | 'event',
  record: SecurityAlert | SecurityEvent,
  fetchedAt: string,
): JsonObject {
  return {
    source: SOURCE,
    baseUrl: input.baseUrl,
    recordType,
    id: input.id,
    fetchedAt,
    record: toJsonValue(record),
    note: input.note,
  };
}

/**
 * Pins one of the cached alerts on the incident's timeline at the time
 * the platform evaluated it. Alerts are recomputed on every request, so
 * only the latest set fetched can be pinned.
 */
export function pinAlert(
  db: Db,
  writer: JournalWriter,
  input: PinInput,
): JournalEntry {
  const cached = readSnapshot(db, 'alerts');
  const alert = cached?.value.find((candidate) => candidate.id === input.id);
  if (!cached || !alert) {
    throw new AppFailure(
      'not-found',
      `the alert ${input.id} is not among the latest alerts fetched` +
        (cached ? ` (at ${cached.fetchedAt})` : ' (none fetched yet)'),
    );
  }
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: ADMIN_ENTRY_KINDS.alertPinned,
    actor: input.actor,
    occurredAt: zoned(alert.evaluatedAt),
    timeSource: 'imported',
    payload: pinPayload(input, 'alert', alert, cached.fetchedAt),
  });
}

/** Pins a cached security event at the time the platform says it happened. */
export function pinEvent(
  db: Db,
  writer: JournalWriter,
  input: PinInput,
): JournalEntry {
  const cached = findCachedEvent(db, input.id);
  if (!cached) {
    throw new AppFailure(
      'not-found',
      `the security event ${input.id} is not in the cache`,
    );
  }
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: ADMIN_ENTRY_KINDS.eventPinned,
    actor: input.actor,
    occurredAt: zoned(cached.event.occurredAt),
    timeSource: 'imported',
    payload: pinPayload(input, 'event', cached.event, cached.firstSeenAt),
  });
}

/**
 * Pins a change of the connection to the platform (unreachable, refused,
 * back online) at the time this device saw it.
 */
export function pinTransition(
  db: Db,
  writer: JournalWriter,
  input: {
    incidentId: string;
    transition: ConnectionTransition;
    actor: string;
    baseUrl: string | null;
  },
): JournalEntry {
  const { transition } = input;
  return appendEntry(db, writer, {
    scope: input.incidentId,
    kind: ADMIN_ENTRY_KINDS.connectionChanged,
    actor: input.actor,
    occurredAt: zoned(transition.at),
    timeSource: 'device-clock',
    payload: {
      source: SOURCE,
      baseUrl: input.baseUrl,
      transitionId: transition.id,
      from: transition.from,
      to: transition.to,
      reason: transition.reason,
    },
  });
}
