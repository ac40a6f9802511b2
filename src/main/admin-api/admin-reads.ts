/**
 * The reads the dashboard polls: each on the route discovery found for
 * its capability, with poll priority, decoded and normalised by its shape.
 */
import type { EventSeverity } from '../../shared/admin-api-types';
import type {
  AdminClient,
  AdminResult,
  Identity,
  RequestPriority,
} from './admin-client-types';
import { fieldsError } from './answer-errors';
import {
  checkWindow,
  pullAuditLogs,
  type PagingLimits,
} from './audit-log-pull';
import type { CapabilityRegistry } from './capability-registry';
import { decodeJson } from './read-decoding';
import type { Send } from './request-pipeline';
import {
  alertShape,
  allowlistEntryShape,
  eventShape,
  healthShape,
  lockoutShape,
  metricsShape,
  roleProbeShape,
  sessionShape,
} from './response-shapes';
import { checkList, checkShape, type Checked } from './shape-check';

export type AdminReads = Pick<
  AdminClient,
  | 'identity'
  | 'alerts'
  | 'events'
  | 'health'
  | 'metrics'
  | 'auditLogs'
  | 'lockouts'
  | 'allowlistEntries'
  | 'sessions'
>;

type Query = Record<string, string | number | undefined>;

const SEVERITIES: readonly EventSeverity[] = [
  'low',
  'medium',
  'high',
  'critical',
];

type EventsQuery = Parameters<AdminClient['events']>[0];

/** The events query as the platform names it, or what is wrong with it. */
function eventsQueryOf(
  query: EventsQuery,
): { ok: true; query: Query } | { ok: false; fields: Record<string, string> } {
  const { limit, severity, eventType } = query ?? {};
  const fields: Record<string, string> = {};
  const limitOk =
    limit === undefined ||
    (Number.isInteger(limit) && limit >= 1 && limit <= 200);
  if (!limitOk) {
    fields['query.limit'] = 'must be a whole number from 1 to 200';
  }
  if (severity !== undefined && !SEVERITIES.includes(severity)) {
    fields['query.severity'] = `must be one of ${SEVERITIES.join(', ')}`;
  }
  const typeOk =
    typeof eventType === 'string' &&
    eventType.length >= 1 &&
    eventType.length <= 200;
  if (eventType !== undefined && !typeOk) {
    fields['query.event_type'] = 'must be 1-200 characters';
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, query: { limit, severity, event_type: eventType } };
}

const ANY_ADMIN = '/api/admin/any-admin';

const roleProbe = (value: unknown) => checkShape(roleProbeShape, value);

/**
 * `super-admin-only` answers only a super admin. A 403 from its handler
 * (JSON "Super admin access required", not the middleware's plain-text
 * "Admin role required") is an admin without the role, whose id
 * `any-admin` tells.
 */
async function identityOf(
  send: Send,
  registry: CapabilityRegistry,
): Promise<AdminResult<Identity>> {
  const choice = await registry.routeFor('identity');
  if (!choice.ok) return choice;
  const path = choice.route.path;
  const sent = await send({ method: 'GET', path, priority: 'poll' });
  if (sent.ok) {
    const probe = decodeJson(sent, roleProbe);
    if (!probe.ok) return probe;
    const identity = { userId: probe.value.user_id, superAdmin: true };
    return { ok: true, value: identity, receivedAt: probe.receivedAt };
  }
  const byHandler = sent.answer?.mediaType === 'application/json';
  if (sent.error.kind !== 'forbidden' || !byHandler) {
    return { ok: false, error: sent.error };
  }

  const any = await send({ method: 'GET', path: ANY_ADMIN, priority: 'poll' });
  if (!any.ok) {
    const error = any.error.kind === 'not-deployed' ? sent.error : any.error;
    return { ok: false, error };
  }
  const probe = decodeJson(any, roleProbe);
  if (!probe.ok) return probe;
  const superAdmin = probe.value.roles?.includes('super_admin') ?? false;
  const identity = { userId: probe.value.user_id, superAdmin };
  return { ok: true, value: identity, receivedAt: probe.receivedAt };
}

export function createAdminReads(
  send: Send,
  registry: CapabilityRegistry,
  paging: PagingLimits,
): AdminReads {
  async function read<T>(
    capability: Parameters<CapabilityRegistry['routeFor']>[0],
    check: (value: unknown) => Checked<T>,
    query?: Query,
    priority: RequestPriority = 'poll',
  ): Promise<AdminResult<T>> {
    const choice = await registry.routeFor(capability);
    if (!choice.ok) return choice;
    const { path } = choice.route;
    const sent = await send({ method: 'GET', path, query, priority });
    if (!sent.ok) return { ok: false, error: sent.error };
    return decodeJson(sent, check);
  }

  return {
    identity: () => identityOf(send, registry),
    alerts: () => read('alerts', (v) => checkList(alertShape, v, ['alerts'])),
    async events(query) {
      const checked = eventsQueryOf(query);
      if (!checked.ok) {
        const endpoint = registry.endpointOf('events');
        return { ok: false, error: fieldsError(endpoint, checked.fields) };
      }
      const check = (v: unknown) => checkList(eventShape, v, ['events']);
      return read('events', check, checked.query);
    },
    health: () => read('health', (v) => checkShape(healthShape, v)),
    metrics: () => read('metrics', (v) => checkShape(metricsShape, v)),
    async auditLogs(window) {
      const endpoint = registry.endpointOf('audit-logs');
      const checked = checkWindow(endpoint, window);
      if (!checked.ok) return { ok: false, error: checked.error };
      const choice = await registry.routeFor('audit-logs');
      if (!choice.ok) return choice;
      return pullAuditLogs(send, choice.route, checked.window, paging);
    },
    lockouts: (priority) =>
      read(
        'lockouts-list',
        (v) => checkList(lockoutShape, v, ['lockouts']),
        undefined,
        priority,
      ),
    allowlistEntries: (priority) =>
      read(
        'allowlist-list',
        (v) => checkList(allowlistEntryShape, v, ['entries']),
        undefined,
        priority,
      ),
    sessions: (priority) =>
      read(
        'sessions-list',
        (v) => checkList(sessionShape, v, ['sessions']),
        undefined,
        priority,
      ),
  };
}
