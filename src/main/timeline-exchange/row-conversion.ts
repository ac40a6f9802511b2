import type { JsonObject, JsonValue } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import type {
  ImportFormat,
  ImportProblem,
} from '../../shared/timeline-exchange-types';
import type { ZonedTimestamp } from '../../shared/timestamps';
import { checkPayload } from '../journal/payload';
import {
  parseDateTime,
  parseEpoch,
  parseFileZone,
  type FileZone,
  type TimeResult,
} from './exchange-time';
import type { SourceRecord } from './source-readers';

/** What an imported row's entry says about the file it came from. */
export type RowSource = {
  name: string;
  sha256: string;
  format: ImportFormat;
  importId: string;
  evidenceId: string;
};

/** A row ready to append as a `timeline.imported` entry. */
export type ImportDraft = {
  line: number;
  occurredAt: ZonedTimestamp;
  payload: JsonObject;
  searchText: string;
  /** The row's size in the file, to keep batches bounded in memory. */
  chars: number;
};

export type ConversionOptions = {
  format: ImportFormat;
  /** The zone of zone-less times, when the person named one. */
  zone: FileZone | null;
  source: RowSource;
};

/** The admin API writes audit times as naive UTC (CONTRACT §3.6). */
const ADMIN_ZONE = parseFileZone('+00:00')!;

/** The search index gets the message and the fields' values, this much. */
const MAX_SEARCH_CHARS = 4096;

type Event = {
  time: TimeResult;
  /** The summary War Room writes for rows that have no message. */
  message?: string;
  timestampDesc?: string;
};

const problem = (line: number, message: string): ImportProblem => ({
  line,
  message,
});

function text(fields: JsonObject, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' ? value : null;
}

function present(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A Timesketch row's time: `datetime` if it has one, else `timestamp`. */
function timesketchTime(fields: JsonObject, zone: FileZone | null): TimeResult {
  const { datetime, timestamp } = fields;
  if (present(datetime)) {
    return typeof datetime === 'string'
      ? parseDateTime(datetime, zone)
      : { ok: false, problem: 'datetime must be text' };
  }
  if (present(timestamp)) {
    return typeof timestamp === 'number' || typeof timestamp === 'string'
      ? parseEpoch(String(timestamp))
      : { ok: false, problem: 'timestamp must be a number' };
  }
  return {
    ok: false,
    problem: 'the row has neither a datetime nor a timestamp',
  };
}

function timesketchEvent(fields: JsonObject, zone: FileZone | null): Event {
  if (typeof fields.message !== 'string') {
    const problemText =
      fields.message === undefined
        ? 'the row has no message'
        : 'message must be text';
    return { time: { ok: false, problem: problemText } };
  }
  const desc = fields.timestamp_desc;
  if (desc !== undefined && desc !== null && typeof desc !== 'string') {
    return { time: { ok: false, problem: 'timestamp_desc must be text' } };
  }
  return { time: timesketchTime(fields, zone) };
}

function adminTime(fields: JsonObject): TimeResult {
  const timestamp = text(fields, 'timestamp');
  return timestamp === null
    ? { ok: false, problem: 'the row has no timestamp' }
    : parseDateTime(timestamp, ADMIN_ZONE);
}

function joined(parts: (string | null | false)[]): string {
  return parts.filter(Boolean).join(' ');
}

/** `ip_allowlist_entry_added (success) on ip_allowlist da72… by user …`. */
function auditEvent(fields: JsonObject): Event {
  const action = text(fields, 'action');
  if (action === null) {
    return { time: { ok: false, problem: 'the row has no action' } };
  }
  const status = text(fields, 'status');
  const resource = text(fields, 'resource_type');
  const message = text(fields, 'message');
  const summary = joined([
    `Audit: ${action}`,
    status && `(${status})`,
    resource && `on ${resource}`,
    text(fields, 'resource_id'),
    text(fields, 'user_id') && `by user ${text(fields, 'user_id')}`,
    text(fields, 'ip_address') && `from ${text(fields, 'ip_address')}`,
  ]);
  return {
    time: adminTime(fields),
    message: message ? `${summary}: ${message}` : summary,
    timestampDesc: 'Audit log time',
  };
}

function detailUser(fields: JsonObject): string | null {
  const details = fields.details;
  if (!details || typeof details !== 'object' || Array.isArray(details)) {
    return null;
  }
  return text(details, 'username');
}

/** `failed_login_attempt (medium) from 203.0.113.45 for …: description`. */
function securityEvent(fields: JsonObject): Event {
  const eventType = text(fields, 'event_type');
  if (eventType === null) {
    return { time: { ok: false, problem: 'the row has no event_type' } };
  }
  const user = detailUser(fields) ?? text(fields, 'user_id');
  const summary = joined([
    `Security event ${eventType}`,
    text(fields, 'severity') && `(${text(fields, 'severity')})`,
    text(fields, 'ip_address') && `from ${text(fields, 'ip_address')}`,
    user && `for ${user}`,
  ]);
  const description = text(fields, 'description');
  return {
    time: adminTime(fields),
    message: description ? `${summary}: ${description}` : summary,
    timestampDesc: 'Security event time',
  };
}

function eventOf(
  format: ImportFormat,
  fields: JsonObject,
  zone: FileZone | null,
): Event {
  switch (format) {
    case 'timesketch-csv':
    case 'timesketch-jsonl':
      return timesketchEvent(fields, zone);
    case 'admin-audit-json':
      return auditEvent(fields);
    case 'admin-events-json':
      return securityEvent(fields);
  }
}

/** Appends a value's text pieces for the search index, up to a limit. */
function collectText(
  value: JsonValue,
  into: string[],
  budget: { left: number },
) {
  if (budget.left <= 0 || value === null) return;
  if (typeof value === 'object') {
    const items = Array.isArray(value) ? value : Object.values(value);
    for (const item of items) collectText(item, into, budget);
    return;
  }
  const piece = String(value);
  into.push(piece.slice(0, budget.left));
  budget.left -= piece.length + 1;
}

/** Fields the search index leaves out: the message, and the times. */
const UNSEARCHED = new Set(['message', 'datetime', 'timestamp']);

/** The message, then the values of the other fields, cut at a limit. */
function searchTextOf(message: string, fields: JsonObject): string {
  const pieces = [message];
  const budget = { left: MAX_SEARCH_CHARS };
  for (const [key, value] of Object.entries(fields)) {
    if (!UNSEARCHED.has(key)) collectText(value, pieces, budget);
  }
  return pieces.join(' ');
}

function payloadOf(
  record: SourceRecord,
  event: Event,
  options: ConversionOptions,
): JsonObject {
  return {
    fields: record.fields,
    ...(record.numbers.length > 0 && { numbers: record.numbers }),
    ...(event.message !== undefined && { message: event.message }),
    ...(event.timestampDesc !== undefined && {
      timestampDesc: event.timestampDesc,
    }),
    source: {
      ...options.source,
      line: record.line,
      ...(options.zone && { zone: options.zone.name }),
    },
  };
}

/** Payload problems read `payload.fields.x …`; the person knows `x`. */
function payloadProblem(error: unknown): string {
  if (!(error instanceof AppFailure)) throw error;
  return error.message.replace(/^payload\.fields\.?/, 'field ');
}

/**
 * Turns one row into an entry to append, or the reason it cannot be.
 * Deterministic: the check pass and the append pass, reading the same
 * bytes, reach the same answer for every row.
 */
export function convertRecord(
  record: SourceRecord,
  options: ConversionOptions,
): ImportDraft | ImportProblem {
  const event = eventOf(options.format, record.fields, options.zone);
  if (!event.time.ok) return problem(record.line, event.time.problem);

  const payload = payloadOf(record, event, options);
  try {
    checkPayload(payload);
  } catch (error) {
    return problem(record.line, payloadProblem(error));
  }
  const message = event.message ?? (record.fields.message as string);
  return {
    line: record.line,
    occurredAt: event.time.time,
    payload,
    searchText: searchTextOf(message, record.fields),
    chars: record.chars,
  };
}

export function isDraft(
  item: ImportDraft | ImportProblem,
): item is ImportDraft {
  return 'occurredAt' in item;
}
