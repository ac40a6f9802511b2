/**
 * Audit-log listings (CONTRACT §4.4): the designed `audit_logs.py` router
 * (plain arrays, `skip`/`limit`, exact filters, inclusive date bounds) and
 * the super-admin listing (`{"logs": …}`, `limit`/`offset`, substring
 * action). Timestamps are naive UTC, as the column stores them.
 */
import { z } from 'zod';
import { denyUnlessTier } from './handler-kit';
import type { AuditRecord } from './records';
import {
  detail,
  internalServerError,
  json,
  type SimResponse,
} from './responses';
import type { HandlerContext } from './route-types';
import { formatTimestamp, MICROS_PER_DAY } from './sim-time';
import {
  newestFirst,
  newestMatching,
  type AuditSummary,
  type Query,
} from './tables';
import { checkRequest, path, query } from './validation';

export function auditView(row: AuditRecord) {
  return {
    id: row.id,
    user_id: row.user_id,
    ip_address: row.ip_address,
    user_agent: row.user_agent,
    timestamp: formatTimestamp(row.at, 'naive'),
    action: row.action,
    status: row.status,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    tenant_id: row.tenant_id,
    details: row.details,
    message: row.message,
  };
}

const listQuery = z.object({
  skip: query.int().optional(),
  limit: query.int().optional(),
  user_id: query.uuid().optional(),
  tenant_id: query.uuid().optional(),
  resource_type: query.str().optional(),
  action: query.str().optional(),
  start_date: query.datetime().optional(),
  end_date: query.datetime().optional(),
  search: query.str().optional(),
});

type ListFilters = z.output<typeof listQuery>;

function searchMatches(row: AuditRecord, search: string): boolean {
  const needle = search.toLowerCase();
  return [row.resource_id, row.message].some(
    (value) => value?.toLowerCase().includes(needle) ?? false,
  );
}

function matchesFilters(row: AuditSummary, filters: ListFilters): boolean {
  const { start_date: start, end_date: end } = filters;
  if (start !== undefined && row.at < start.micros) return false;
  if (end !== undefined && row.at > end.micros) return false;
  if (filters.user_id !== undefined && row.user_id !== filters.user_id) {
    return false;
  }
  if (filters.tenant_id !== undefined && row.tenant_id !== filters.tenant_id) {
    return false;
  }
  if (filters.action !== undefined && row.action !== filters.action) {
    return false;
  }
  if (
    filters.resource_type !== undefined &&
    row.resource_type !== filters.resource_type
  ) {
    return false;
  }
  return true;
}

/**
 * `strictNaive`: the reference compares with a naive column, so an
 * offset-carrying bound fails in the database (CONTRACT §4.4.1); the plan
 * profile converts it to UTC instead. A negative skip or limit is refused
 * by PostgreSQL the same way.
 */
function listAudit(context: HandlerContext, strictNaive: boolean) {
  const checked = checkRequest(context.request, context.params, {
    query: listQuery,
  });
  if (!checked.ok) return checked.response;

  const filters = checked.value.query;
  const { skip = 0, limit = 100 } = filters;
  const zoned = [filters.start_date, filters.end_date].some((d) => d?.hasZone);
  if ((strictNaive && zoned) || skip < 0 || limit < 0) {
    return internalServerError();
  }
  const { search } = filters;
  const rows = newestMatching(context.state.audit, {
    limit,
    skip,
    where: (row) => matchesFilters(row, filters),
    whereRow: (row) => search === undefined || searchMatches(row, search),
  });
  return json(200, rows.map(auditView));
}

export const listAuditLogs = (context: HandlerContext) =>
  listAudit(context, true);
export const listAuditLogsAsPlanned = (context: HandlerContext) =>
  listAudit(context, false);

export function getAuditLog(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    path: z.object({ log_id: path.uuid() }),
  });
  if (!checked.ok) return checked.response;
  const id = checked.value.path.log_id;
  for (const candidate of newestFirst(context.state.audit)) {
    const row = candidate.load();
    if (row.id === id) return json(200, auditView(row));
  }
  return detail(404, 'Audit log not found');
}

const limitQuery = z.object({
  limit: query.int({ ge: 1, le: 1000 }).optional(),
});
const daysQuery = limitQuery.extend({
  days: query.int({ ge: 1, le: 365 }).optional(),
});

type Scope = Record<string, string>;
type Filter = Pick<Query<AuditSummary, AuditRecord>, 'where' | 'whereRow'>;

/**
 * The `/user`, `/tenant` and `/resource` listings: path values validated
 * (422) first; `windowed` ones take `days` (default 30) as well.
 */
function recentFor(
  context: HandlerContext,
  pathShape: z.ZodObject,
  windowed: boolean,
  filter: (scope: Scope) => Filter,
): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    path: pathShape,
    query: windowed ? daysQuery : limitQuery,
  });
  if (!checked.ok) return checked.response;
  const values: { days?: number; limit?: number } = checked.value.query;
  const { days = 30, limit = 100 } = values;
  const since = windowed ? context.now - days * MICROS_PER_DAY : undefined;
  const scope = checked.value.path as Scope;
  const rows = newestMatching(context.state.audit, {
    limit,
    since,
    ...filter(scope),
  });
  return json(200, rows.map(auditView));
}

export const auditForUser = (context: HandlerContext) =>
  recentFor(context, z.object({ user_id: path.uuid() }), true, (scope) => ({
    where: (row) => row.user_id === scope.user_id,
  }));

export const auditForTenant = (context: HandlerContext) =>
  recentFor(context, z.object({ tenant_id: path.uuid() }), true, (scope) => ({
    where: (row) => row.tenant_id === scope.tenant_id,
  }));

export const auditForResource = (context: HandlerContext) =>
  recentFor(
    context,
    z.object({ resource_type: path.str(), resource_id: path.str() }),
    false,
    (scope) => ({
      where: (row) => row.resource_type === scope.resource_type,
      whereRow: (row) => row.resource_id === scope.resource_id,
    }),
  );

const superQuery = z.object({
  limit: query.int().optional(),
  offset: query.int().optional(),
  action: query.str().optional(),
});

/** `{"logs": …}` without `user_agent`, `tenant_id` and `message`. */
export function superAdminAuditLogs(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    query: superQuery,
  });
  if (!checked.ok) return checked.response;

  const { limit = 100, offset = 0, action } = checked.value.query;
  if (limit < 0 || offset < 0) return internalServerError();
  const rows = newestMatching(context.state.audit, {
    limit,
    skip: offset,
    where: (row) => action === undefined || row.action.includes(action),
  });
  const logs = rows.map((row) => ({
    id: row.id,
    user_id: row.user_id,
    action: row.action,
    status: row.status,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    ip_address: row.ip_address,
    timestamp: formatTimestamp(row.at, 'naive'),
    details: row.details,
  }));
  return json(200, { logs });
}
