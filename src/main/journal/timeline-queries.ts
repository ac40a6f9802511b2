import {
  describeEntry,
  ENTRY_KINDS,
  type JournalEntry,
  type TimelineRow,
} from '../../shared/journal-types';
import type {
  EntryHistory,
  TimelineFacets,
  TimelinePage,
} from '../../shared/ipc-contract';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { ENTRY_COLUMNS, entryFromRow, type EntryRow } from './entry-rows';
import { isFtsSyntaxError, toFtsQuery } from './search-query';

/** Search results stop counting here; the cost of a page must not grow. */
export const SEARCH_COUNT_CAP = 10_000;

export type TimelineQuery = {
  scope: string;
  order: 'oldest-first' | 'newest-first';
  kinds?: string[];
  actors?: string[];
  search?: string;
  offset: number;
  limit: number;
};

type RowWithExtras = EntryRow & {
  amend_payload: string | null;
  amendment_count: number;
  highlighted?: string;
};

const AMEND_COLUMNS = `
  (SELECT a.payload FROM journal_entries a
    WHERE a.target_id = e.id ORDER BY a.seq DESC LIMIT 1) AS amend_payload,
  (SELECT count(*) FROM journal_entries a
    WHERE a.target_id = e.id) AS amendment_count`;

function prefixed(columns: string): string {
  return columns
    .split(',')
    .map((column) => `e.${column.trim()}`)
    .join(', ');
}

const E_COLUMNS = prefixed(ENTRY_COLUMNS);

function toTimelineRow(row: RowWithExtras): TimelineRow {
  const entry = entryFromRow(row);
  const amended = row.amend_payload
    ? (JSON.parse(row.amend_payload) as { text?: unknown })
    : null;
  const text =
    amended && typeof amended.text === 'string'
      ? amended.text
      : describeEntry(entry.kind, entry.payload);
  return {
    ...entry,
    position: row.scope_pos,
    text,
    amendmentCount: row.amendment_count,
    ...(row.highlighted === undefined ? {} : { highlighted: row.highlighted }),
  };
}

/**
 * The unfiltered timeline reads a position range straight off the
 * (scope, scope_pos) index, so any page costs the same at a million
 * entries as at ten.
 */
function unfilteredPage(db: Db, query: TimelineQuery): TimelinePage {
  const total =
    statement<{ last: number | null }>(
      db,
      'SELECT max(scope_pos) AS last FROM journal_entries WHERE scope = ?',
    ).get(query.scope)?.last ?? 0;
  const newest = query.order === 'newest-first';
  const sql = newest
    ? `SELECT ${E_COLUMNS}, ${AMEND_COLUMNS} FROM journal_entries e
        WHERE e.scope = ? AND e.scope_pos <= ?
        ORDER BY e.scope_pos DESC LIMIT ?`
    : `SELECT ${E_COLUMNS}, ${AMEND_COLUMNS} FROM journal_entries e
        WHERE e.scope = ? AND e.scope_pos > ?
        ORDER BY e.scope_pos LIMIT ?`;
  const bound = newest ? total - query.offset : query.offset;
  const rows = statement<RowWithExtras>(db, sql).all(
    query.scope,
    bound,
    query.limit,
  );
  return { total, totalCap: null, rows: rows.map(toTimelineRow) };
}

function filterClause(query: TimelineQuery) {
  const clauses = ['e.scope = ?'];
  const params: (string | number)[] = [query.scope];
  if (query.kinds?.length) {
    clauses.push(`e.kind IN (${query.kinds.map(() => '?').join(', ')})`);
    params.push(...query.kinds);
  }
  if (query.actors?.length) {
    clauses.push(`e.actor IN (${query.actors.map(() => '?').join(', ')})`);
    params.push(...query.actors);
  }
  return { where: clauses.join(' AND '), params };
}

function filteredPage(db: Db, query: TimelineQuery): TimelinePage {
  const { where, params } = filterClause(query);
  const direction = query.order === 'newest-first' ? 'DESC' : 'ASC';
  const total = statement<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM journal_entries e WHERE ${where}`,
  ).get(...params)!.total;
  const rows = statement<RowWithExtras>(
    db,
    `SELECT ${E_COLUMNS}, ${AMEND_COLUMNS} FROM journal_entries e
      WHERE ${where} ORDER BY e.scope_pos ${direction} LIMIT ? OFFSET ?`,
  ).all(...params, query.limit, query.offset);
  return { total, totalCap: null, rows: rows.map(toTimelineRow) };
}

function searchPage(db: Db, query: TimelineQuery, match: string) {
  const { where, params } = filterClause(query);
  const direction = query.order === 'newest-first' ? 'DESC' : 'ASC';
  // CROSS JOIN makes SQLite start from the search index; a plain JOIN may
  // scan every entry of the incident and probe the index for each.
  const from = `FROM journal_search s CROSS JOIN journal_entries e ON e.seq = s.rowid
    WHERE journal_search MATCH ? AND ${where}`;
  const counted = statement<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM (SELECT 1 ${from} LIMIT ?)`,
  ).get(match, ...params, SEARCH_COUNT_CAP + 1)!.total;
  const rows = statement<RowWithExtras>(
    db,
    `SELECT ${E_COLUMNS}, ${AMEND_COLUMNS},
       highlight(journal_search, 0, char(2), char(3)) AS highlighted
     ${from} ORDER BY s.rowid ${direction} LIMIT ? OFFSET ?`,
  ).all(match, ...params, query.limit, query.offset);
  const capped = counted > SEARCH_COUNT_CAP;
  return {
    total: capped ? SEARCH_COUNT_CAP : counted,
    totalCap: capped ? SEARCH_COUNT_CAP : null,
    rows: rows.map(toTimelineRow),
  };
}

/** One page of a scope's timeline, filtered and searched as asked. */
export function readTimelinePage(db: Db, query: TimelineQuery): TimelinePage {
  const match = query.search ? toFtsQuery(query.search) : null;
  if (match) {
    try {
      return searchPage(db, query, match);
    } catch (error) {
      if (!isFtsSyntaxError(error)) throw error;
      throw new AppFailure(
        'search-syntax',
        `the search ${query.search} is not valid: ` +
          `${(error as Error).message.replace(/^fts5: /, '')}. AND, OR and ` +
          'NOT need a word on each side, and brackets must be balanced',
      );
    }
  }
  if (query.kinds?.length || query.actors?.length) {
    return filteredPage(db, query);
  }
  return unfilteredPage(db, query);
}

export function readTimelineFacets(db: Db, scope: string): TimelineFacets {
  const kinds = statement<{ kind: string; count: number }>(
    db,
    `SELECT kind, count(*) AS count FROM journal_entries
      WHERE scope = ? GROUP BY kind ORDER BY kind`,
  ).all(scope);
  const actors = statement<{ actor: string; count: number }>(
    db,
    `SELECT actor, count(*) AS count FROM journal_entries
      WHERE scope = ? GROUP BY actor ORDER BY actor`,
  ).all(scope);
  return { kinds, actors };
}

export function findEntry(db: Db, entryId: string): JournalEntry | null {
  const row = statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE id = ?`,
  ).get(entryId);
  return row ? entryFromRow(row) : null;
}

export function readEntryHistory(db: Db, entryId: string): EntryHistory {
  const original = findEntry(db, entryId);
  if (!original) {
    throw new AppFailure('not-found', `no journal entry has the id ${entryId}`);
  }
  const amendments = statement<EntryRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM journal_entries
      WHERE target_id = ? AND kind = '${ENTRY_KINDS.amend}' ORDER BY seq`,
  )
    .all(entryId)
    .map(entryFromRow);
  return { original, amendments };
}
