/**
 * The columns of War Room's Timesketch exports. Timesketch needs `message`,
 * `datetime` (ISO 8601 with an offset), `timestamp_desc` and `timestamp`
 * (microseconds since the epoch); every other field of an event is a
 * column of its own (a top-level key in JSONL). War Room's own record of
 * the journal entry that held the event follows in `war_room_*` columns.
 */
export const CORE_COLUMNS = [
  'message',
  'datetime',
  'timestamp_desc',
  'timestamp',
] as const;

export const BOOKKEEPING_COLUMNS = [
  'war_room_entry_id',
  'war_room_incident_id',
  'war_room_kind',
  'war_room_actor',
  'war_room_time_source',
  'war_room_recorded_at',
  'war_room_target_id',
  'war_room_hash',
  'war_room_payload',
  'war_room_source_name',
  'war_room_source_sha256',
  'war_room_source_line',
  'war_room_export',
] as const;

export type BookkeepingColumn = (typeof BOOKKEEPING_COLUMNS)[number];

/**
 * Names starting with this describe a journal entry, not an event: each
 * War Room that exports an event writes its own, and drops those of the
 * War Room the event came from (its journal entry keeps them).
 */
export const BOOKKEEPING_PREFIX = 'war_room_';

/**
 * The value of `war_room_export` on every row War Room writes. A CSV is
 * read as War Room's own, and its formula guards removed, only row by row:
 * its header must start with the core columns and end with the bookkeeping
 * columns, in this order, and the row's `war_room_export` cell must hold
 * this marker. Any other file, or a row added by hand without the marker,
 * keeps its apostrophes.
 */
export const EXPORT_MARKER = 'war-room-timeline/1';

/** What `timestamp_desc` says when the event gives none. */
export const DEFAULT_TIMESTAMP_DESC = 'Event time';

/** Columns of the DFIR-IRIS timeline CSV import, all required, in order. */
export const IRIS_COLUMNS = [
  'event_date',
  'event_tz',
  'event_title',
  'event_category',
  'event_content',
  'event_raw',
  'event_source',
  'event_assets',
  'event_iocs',
  'event_tags',
] as const;

/** Columns of the plain CSV of the journal. */
export const PLAIN_COLUMNS = [
  'occurred_at',
  'occurred_at_utc',
  'time_source',
  'recorded_at',
  'kind',
  'actor',
  'text',
  'entry_id',
  'target_id',
  'hash',
  'payload',
] as const;

export function isWarRoomHeader(header: readonly string[]): boolean {
  const tail = header.slice(header.length - BOOKKEEPING_COLUMNS.length);
  return (
    header.length >= CORE_COLUMNS.length + BOOKKEEPING_COLUMNS.length &&
    CORE_COLUMNS.every((name, index) => header[index] === name) &&
    BOOKKEEPING_COLUMNS.every((name, index) => tail[index] === name)
  );
}
