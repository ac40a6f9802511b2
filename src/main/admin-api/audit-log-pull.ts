/**
 * Reading the audit log for a time window, page by page, keeping every
 * page's body as received for evidence. The designed list (and the plan's)
 * filters by date on the server and pages with `skip`/`limit`; the
 * super-admin list has no date filter, pages with `limit`/`offset` newest
 * first, so the window is cut out here and paging stops once past it. No
 * list returns a total, so a short page is the last (CONTRACT §3.6).
 */
import type {
  AdminApiError,
  AdminResult,
  AuditLogPull,
  AuditLogRow,
  CapabilityRoute,
  QueryValue,
} from './admin-client-types';
import { fieldsError } from './answer-errors';
import { platformTimeToUtc, utcToNaive } from './platform-time';
import { auditRowShape } from './response-shapes';
import type { Send } from './request-pipeline';
import { decodeJson } from './read-decoding';
import { checkList } from './shape-check';

export type AuditWindow = { startUtc: string; endUtc: string };

export type PagingLimits = { pageSize: number; maxPages: number };

export const DEFAULT_PAGING: PagingLimits = { pageSize: 100, maxPages: 500 };

export type WindowCheck =
  { ok: true; window: AuditWindow } | { ok: false; error: AdminApiError };

/** A window bound: a platform time, or a date alone meaning its midnight. */
function boundToUtc(value: unknown): string | null {
  const text = String(value);
  const dated = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  return platformTimeToUtc(dated);
}

/** The window as stored UTC, or a validation error naming the bound. */
export function checkWindow(
  endpoint: string,
  window: { start: string; end: string },
): WindowCheck {
  const startUtc = boundToUtc(window.start);
  const endUtc = boundToUtc(window.end);
  if (startUtc !== null && endUtc !== null && startUtc <= endUtc) {
    return { ok: true, window: { startUtc, endUtc } };
  }

  const notATime = 'is not an ISO 8601 time or date';
  const fields: Record<string, string> = {};
  if (startUtc === null) fields['window.start'] = notATime;
  if (endUtc === null) fields['window.end'] = notATime;
  if (startUtc !== null && endUtc !== null) {
    fields['window.end'] = 'is before the start';
  }
  return { ok: false, error: fieldsError(endpoint, fields) };
}

type Page = { rows: AuditLogRow[]; last: boolean };

function pageQuery(
  route: CapabilityRoute,
  window: AuditWindow,
  limit: number,
  offset: number,
): Record<string, QueryValue> {
  if (route.paging === 'limit-offset') return { limit, offset };
  return {
    start_date: utcToNaive(window.startUtc),
    end_date: utcToNaive(window.endUtc),
    skip: offset,
    limit,
  };
}

function endpointWithQuery(
  route: CapabilityRoute,
  query: Record<string, QueryValue>,
): string {
  const search = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return `GET ${route.path}?${search}`;
}

/** Rows newest first past the window's start end the super-admin list. */
function cutToWindow(rows: AuditLogRow[], window: AuditWindow): Page {
  const inside = rows.filter(
    (row) =>
      row.occurredAt >= window.startUtc && row.occurredAt <= window.endUtc,
  );
  const oldest = rows.at(-1)?.occurredAt;
  return {
    rows: inside,
    last: oldest !== undefined && oldest < window.startUtc,
  };
}

type FetchedPage = {
  rows: AuditLogRow[];
  record: AuditLogPull['pages'][number];
  receivedAt: string;
};

async function fetchPage(
  send: Send,
  route: CapabilityRoute,
  query: Record<string, QueryValue>,
): Promise<AdminResult<FetchedPage>> {
  const { path } = route;
  const sent = await send({ method: 'GET', path, query, priority: 'poll' });
  if (!sent.ok) return { ok: false, error: sent.error };
  const decoded = decodeJson(sent, (value) =>
    checkList(auditRowShape, value, ['logs', 'entries']),
  );
  if (!decoded.ok) return decoded;

  const record = {
    endpoint: endpointWithQuery(route, query),
    status: sent.answer.status,
    body: sent.answer.bodyText,
  };
  const { receivedAt } = decoded;
  return {
    ok: true,
    value: { rows: decoded.value, record, receivedAt },
    receivedAt,
  };
}

/**
 * Pages through the window, rows once each (a row that moves to the next
 * page while paging is not repeated); any failing page fails the pull.
 */
export async function pullAuditLogs(
  send: Send,
  route: CapabilityRoute,
  window: AuditWindow,
  limits: PagingLimits = DEFAULT_PAGING,
): Promise<AdminResult<AuditLogPull>> {
  const pull: AuditLogPull = { rows: [], pages: [], complete: false };
  const seen = new Set<string>();
  let receivedAt = '';
  for (let page = 0; page < limits.maxPages && !pull.complete; page += 1) {
    const offset = page * limits.pageSize;
    const query = pageQuery(route, window, limits.pageSize, offset);
    const fetched = await fetchPage(send, route, query);
    if (!fetched.ok) return fetched;

    const { rows, record } = fetched.value;
    receivedAt = fetched.receivedAt;
    pull.pages.push(record);
    const cut =
      route.paging === 'limit-offset'
        ? cutToWindow(rows, window)
        : { rows, last: false };
    pull.rows.push(...cut.rows.filter((row) => !seen.has(row.id)));
    cut.rows.forEach((row) => seen.add(row.id));
    pull.complete = cut.last || rows.length < limits.pageSize;
  }
  return { ok: true, value: pull, receivedAt };
}
