import {
  describeEntry,
  type JournalEntry,
  type JsonObject,
  type JsonValue,
  type TimeSource,
} from '../../shared/journal-types';
import { TIMELINE_KINDS } from '../../shared/timeline-exchange-types';
import { formatWithOffset, parseStoredUtc } from '../../shared/timestamps';
import { canonicalJson } from '../journal/entry-hash';
import {
  BOOKKEEPING_PREFIX,
  CORE_COLUMNS,
  DEFAULT_TIMESTAMP_DESC,
  EXPORT_MARKER,
  type BookkeepingColumn,
} from './exchange-columns';
import { guardCell } from './formula-guard';
import { defineKey, pointerStep, stringifyLossless } from './lossless-json';

/** A journal entry to export, with the entry it amends if it is one. */
export type ExportedEntry = { entry: JournalEntry; targetId: string | null };

type CellValue = string | number | null;

/**
 * An event as Timesketch carries it: the four core fields, the event's
 * other fields, and War Room's record of the journal entry that held it.
 */
export type TimesketchRow = {
  message: string;
  datetime: string;
  timestampDesc: string;
  timestamp: number;
  extras: JsonObject;
  /** Pointers (from the row's top level) of numbers kept as text. */
  numbers: Set<string>;
  bookkeeping: Record<BookkeepingColumn, CellValue>;
};

const TIME_DESCRIPTIONS: Record<TimeSource, string> = {
  'device-clock': 'Recorded by War Room',
  'user-entered': 'Occurred (entered by hand)',
  imported: 'Occurred (as its source gave it)',
};

const CORE = new Set<string>(CORE_COLUMNS);

function objectOf(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? value
    : {};
}

function stringOf(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** `/timestamp/0` → `timestamp`, the top-level key a pointer starts in. */
function firstKey(pointer: string): string {
  const end = pointer.indexOf('/', 1);
  const step = end === -1 ? pointer.slice(1) : pointer.slice(1, end);
  return step.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * The event's own fields besides the core ones. The admin API's rows have
 * fields named like Timesketch's (`timestamp`, `message`) that mean
 * something else; those are written as `original_<name>`. Fields named
 * `war_room_*` recorded another War Room's entry and are left out.
 */
export function importedExtras(payload: JsonObject) {
  const fields = objectOf(payload.fields);
  const admin = stringOf(objectOf(payload.source).format)?.startsWith('admin-');
  const renamed = new Map<string, string>();
  const extras: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith(BOOKKEEPING_PREFIX)) continue;
    if (CORE.has(key) && !admin) continue;
    const name = CORE.has(key) ? `original_${key}` : key;
    renamed.set(key, name);
    defineKey(extras, name, value);
  }
  const numbers = new Set<string>();
  for (const pointer of Array.isArray(payload.numbers) ? payload.numbers : []) {
    if (typeof pointer !== 'string') continue;
    const key = firstKey(pointer);
    const name = renamed.get(key);
    if (name === undefined) continue;
    numbers.add(pointerStep(name) + pointer.slice(pointerStep(key).length));
  }
  return { extras, numbers };
}

function importedCore(entry: JournalEntry) {
  const fields = objectOf(entry.payload.fields);
  return {
    message: stringOf(entry.payload.message) ?? stringOf(fields.message) ?? '',
    timestampDesc:
      stringOf(entry.payload.timestampDesc) ??
      stringOf(fields.timestamp_desc) ??
      DEFAULT_TIMESTAMP_DESC,
  };
}

function bookkeepingOf(
  item: ExportedEntry,
  imported: boolean,
): Record<BookkeepingColumn, CellValue> {
  const { entry } = item;
  const source = objectOf(entry.payload.source);
  const line = source.line;
  return {
    war_room_entry_id: entry.id,
    war_room_incident_id: entry.scope,
    war_room_kind: entry.kind,
    war_room_actor: entry.actor,
    war_room_time_source: entry.timeSource,
    war_room_recorded_at: entry.recordedAt,
    war_room_target_id: item.targetId,
    war_room_hash: entry.hash,
    war_room_payload: imported ? null : canonicalJson(entry.payload),
    war_room_source_name: imported ? stringOf(source.name) : null,
    war_room_source_sha256: imported ? stringOf(source.sha256) : null,
    war_room_source_line: imported && typeof line === 'number' ? line : null,
    war_room_export: EXPORT_MARKER,
  };
}

/**
 * The Timesketch row of any entry. An imported event gets its own fields
 * back; an entry War Room wrote gets its wording as the message and its
 * whole payload in `war_room_payload`. The time is always the entry's
 * `occurredAt` in its original offset, to the microsecond.
 */
export function timesketchRow(item: ExportedEntry): TimesketchRow {
  const { entry } = item;
  const imported = entry.kind === TIMELINE_KINDS.imported;
  const core = imported
    ? importedCore(entry)
    : {
        message: describeEntry(entry.kind, entry.payload),
        timestampDesc: TIME_DESCRIPTIONS[entry.timeSource] ?? entry.timeSource,
      };
  const { extras, numbers } = imported
    ? importedExtras(entry.payload)
    : { extras: {}, numbers: new Set<string>() };
  return {
    ...core,
    datetime: formatWithOffset(entry.occurredAt, entry.occurredOffset),
    timestamp: parseStoredUtc(entry.occurredAt),
    extras,
    numbers,
    bookkeeping: bookkeepingOf(item, imported),
  };
}

/** One JSONL line, with the event's fields at the top level. */
export function jsonlLine(row: TimesketchRow): string {
  const line: JsonObject = {
    message: row.message,
    datetime: row.datetime,
    timestamp_desc: row.timestampDesc,
    timestamp: row.timestamp,
  };
  for (const [key, value] of Object.entries(row.extras)) {
    defineKey(line, key, value);
  }
  for (const [key, value] of Object.entries(row.bookkeeping)) {
    if (value !== null) line[key] = value;
  }
  return stringifyLossless(line, row.numbers);
}

/** A value as a CSV cell: text guarded, numbers and booleans as they are. */
function cellOf(
  value: JsonValue | undefined,
  pointer: string,
  numbers: ReadonlySet<string>,
): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') {
    return numbers.has(pointer) ? value : guardCell(value);
  }
  if (typeof value === 'object') {
    return guardCell(stringifyLossless(value, numbers, pointer));
  }
  return String(value);
}

function bookkeepingCell(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : guardCell(value);
}

/** Cells of a Timesketch CSV row, for the header's extra columns. */
export function timesketchCells(
  row: TimesketchRow,
  extraColumns: readonly string[],
): string[] {
  return [
    guardCell(row.message),
    guardCell(row.datetime),
    guardCell(row.timestampDesc),
    String(row.timestamp),
    ...extraColumns.map((name) =>
      Object.hasOwn(row.extras, name)
        ? cellOf(row.extras[name], pointerStep(name), row.numbers)
        : '',
    ),
    ...Object.values(row.bookkeeping).map(bookkeepingCell),
  ];
}

/** The event's title for DFIR-IRIS: its first line, at least two characters. */
function irisTitle(message: string, kind: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0].trim();
  const title = firstLine.length >= 2 ? firstLine : `${kind}: ${firstLine}`;
  return title.length > 200 ? `${title.slice(0, 200)}…` : title;
}

/**
 * A DFIR-IRIS timeline CSV row. IRIS takes the date as the wall-clock
 * time in `event_tz`; assets and IOCs must already exist in the IRIS case,
 * so they are left empty; `event_raw` holds the whole Timesketch row as
 * JSON, so nothing is lost. The date and the offset are War Room's own
 * fixed formats, never text from elsewhere, and IRIS must read them as
 * they are, so like `timestamp` they are not guarded.
 */
export function irisCells(row: TimesketchRow): string[] {
  const kind = String(row.bookkeeping.war_room_kind);
  const text = [
    irisTitle(row.message, kind),
    '',
    row.message,
    jsonlLine(row),
    'War Room',
    '',
    '',
    `war-room|${kind}`,
  ].map(guardCell);
  return [row.datetime.slice(0, 26), row.datetime.slice(26), ...text];
}

/** A row of the plain CSV: the journal entry as stored, worded. */
export function plainCells(item: ExportedEntry, row: TimesketchRow): string[] {
  const { entry } = item;
  return [
    row.datetime,
    entry.occurredAt,
    entry.timeSource,
    entry.recordedAt,
    entry.kind,
    entry.actor,
    row.message,
    entry.id,
    item.targetId ?? '',
    entry.hash,
    canonicalJson(entry.payload),
  ].map(guardCell);
}
