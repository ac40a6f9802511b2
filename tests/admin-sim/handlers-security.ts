/**
 * The security-dashboard group (CONTRACT §4.1): metrics, events, alerts,
 * health and the emergency lockdown. Alerts and metrics are computed from
 * the state on every call and, as designed, purge expired sessions first.
 * Login attempts are read from the `failed_login_attempt` events.
 */
import { z } from 'zod';
import {
  appendAudit,
  appendSecurityEvent,
  denyUnlessTier,
} from './handler-kit';
import type { SecurityEventRecord } from './records';
import { internalServerError, json, type SimResponse } from './responses';
import type { HandlerContext } from './route-types';
import {
  formatTimestamp,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  type Micros,
} from './sim-time';
import {
  newestFirst,
  newestMatching,
  type Candidate,
  type EventSummary,
} from './tables';
import { body, checkRequest, query } from './validation';

const EVENT_FAMILIES = [
  'security',
  'auth',
  'session',
  'login',
  'ip',
  '2fa',
  'rate_limit',
  'cors',
];

const eventsQuery = z.object({
  limit: query.int({ ge: 1, le: 200 }).optional(),
  severity: query.str({ pattern: /^(low|medium|high|critical)$/ }).optional(),
  event_type: query.str().optional(),
});

function eventView(row: SecurityEventRecord) {
  return {
    id: row.id,
    timestamp: formatTimestamp(row.at, 'naive'),
    event_type: row.event_type,
    severity: row.severity,
    user_id: row.user_id,
    ip_address: row.ip_address,
    description: row.description,
    details: row.details,
  };
}

/**
 * At most 200 newest rows, no offset or cursor (CONTRACT §4.1.2). With
 * the benchmark-only `benchEventPages`, each unfiltered request goes on
 * where the last stopped, so repeated pulls reach every row.
 */
export function listSecurityEvents(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'C');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    query: eventsQuery,
  });
  if (!checked.ok) return checked.response;

  const { limit = 50, severity, event_type } = checked.value.query;
  const paging = context.state.benchEventPaging;
  if (paging !== null && severity === undefined && event_type === undefined) {
    return json(200, continueWalk(context, paging, limit).map(eventView));
  }
  const rows = newestMatching(context.state.events, {
    limit,
    where: (row) => {
      const type = row.event_type;
      if (!isSecurityFamily(type)) return false;
      if (severity !== undefined && row.severity !== severity) return false;
      return event_type === undefined || type.includes(event_type);
    },
  });
  return json(200, rows.map(eventView));
}

function isSecurityFamily(eventType: string): boolean {
  return EVENT_FAMILIES.some((family) => eventType.includes(family));
}

/** The next `limit` rows of the benchmark's one newest-first walk. */
function continueWalk(
  context: HandlerContext,
  paging: NonNullable<HandlerContext['state']['benchEventPaging']>,
  limit: number,
): SecurityEventRecord[] {
  paging.walk ??= newestFirst(context.state.events);
  const rows: SecurityEventRecord[] = [];
  while (rows.length < limit) {
    const next = paging.walk.next();
    if (next.done) break;
    if (isSecurityFamily(next.value.summary.event_type)) {
      rows.push(next.value.load());
    }
  }
  return rows;
}

type RecentEvent = Candidate<EventSummary, SecurityEventRecord>;

/** Events of the last `hours` up to now, newest first. */
function recentEvents(context: HandlerContext, hours: number): RecentEvent[] {
  const { now } = context;
  const since = now - hours * MICROS_PER_HOUR;
  const found: RecentEvent[] = [];
  for (const candidate of newestFirst(context.state.events)) {
    if (candidate.summary.at <= since) break;
    if (candidate.summary.at <= now) found.push(candidate);
  }
  return found;
}

/** The designed side effect of alerts and metrics (CONTRACT §7.31). */
function purgeExpiredSessions(context: HandlerContext): number {
  const { state, now } = context;
  const before = state.sessions.length;
  state.sessions = state.sessions.filter((s) => s.expires_at > now);
  return before - state.sessions.length;
}

function lockedAccounts(context: HandlerContext): number {
  return context.state.admins.filter(
    (account) =>
      account.lockedUntil !== null && account.lockedUntil > context.now,
  ).length;
}

type Alert = {
  id: string;
  title: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  timestamp: string;
  action_required: boolean;
};

function suspiciousIps(lastHour: RecentEvent[]): string[] {
  const counts = new Map<string, number>();
  for (const event of lastHour) {
    if (event.summary.failure_reason !== 'failed_password') continue;
    const ip = event.load().ip_address;
    if (ip) counts.set(ip, (counts.get(ip) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 5).map(([ip]) => ip);
}

function twoFactorGap(context: HandlerContext): number | null {
  const admins = context.state.admins;
  const enabled = admins.filter((a) => a.twoFactorEnabled).length;
  if (enabled === 0 || admins.length === 0) return null;
  const missing = ((admins.length - enabled) / admins.length) * 100;
  return missing > 20 ? missing : null;
}

type AlertFacts = {
  failedLastHour: number;
  locked: number;
  twoFactorGap: number | null;
  suspiciousIps: string[];
  purgedSessions: number;
};

type AlertRule = (facts: AlertFacts) => Omit<Alert, 'timestamp'> | null;

/** The fixed catalogue of CONTRACT §4.1.3, in evaluation order. */
const ALERT_RULES: readonly AlertRule[] = [
  ({ failedLastHour: n }) =>
    n > 10
      ? {
          id: 'high_failed_logins',
          title: 'High Rate of Failed Login Attempts',
          severity: 'warning',
          message: `${n} failed login attempts in the last hour`,
          action_required: true,
        }
      : null,
  ({ locked }) =>
    locked > 0
      ? {
          id: 'active_lockouts',
          title: 'Active Emergency Lockouts',
          severity: 'error',
          message: `${locked} admin accounts are currently locked`,
          action_required: true,
        }
      : null,
  ({ twoFactorGap: gap }) =>
    gap !== null
      ? {
          id: 'low_2fa_adoption',
          title: 'Low 2FA Adoption Rate',
          severity: 'warning',
          message: `${gap.toFixed(1)}% of admin users do not have 2FA enabled`,
          action_required: false,
        }
      : null,
  ({ suspiciousIps: ips }) =>
    ips.length > 0
      ? {
          id: 'suspicious_ips',
          title: 'Suspicious IP Activity Detected',
          severity: 'warning',
          message:
            'Multiple failed login attempts from IPs: ' +
            `${ips.slice(0, 3).join(', ')}${ips.length > 3 ? '...' : ''}`,
          action_required: true,
        }
      : null,
  ({ purgedSessions: n }) =>
    n > 10
      ? {
          id: 'expired_sessions',
          title: 'Expired Sessions Need Cleanup',
          severity: 'info',
          message: `${n} expired sessions should be cleaned up`,
          action_required: false,
        }
      : null,
];

function alertFacts(context: HandlerContext, purged: number): AlertFacts {
  const lastHour = recentEvents(context, 1);
  const failed = lastHour.filter(({ summary }) =>
    ['failed_password', 'failed_2fa'].includes(String(summary.failure_reason)),
  );
  return {
    failedLastHour: failed.length,
    locked: lockedAccounts(context),
    twoFactorGap: twoFactorGap(context),
    suspiciousIps: suspiciousIps(lastHour),
    purgedSessions: purged,
  };
}

function evaluateAlerts(context: HandlerContext, purged: number): Alert[] {
  const facts = alertFacts(context, purged);
  const timestamp = formatTimestamp(context.now, 'offset');
  return ALERT_RULES.flatMap((rule) => {
    const alert = rule(facts);
    if (alert === null) return [];
    const { action_required, ...head } = alert;
    return [{ ...head, timestamp, action_required }];
  });
}

export function listSecurityAlerts(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'C');
  if (denied) return denied;
  const purged = purgeExpiredSessions(context);
  return json(200, evaluateAlerts(context, purged));
}

function countLastDay(
  context: HandlerContext,
  keep: (event: EventSummary) => boolean,
): number {
  return recentEvents(context, 24).filter(({ summary }) => keep(summary))
    .length;
}

const SERIOUS = new Set(['medium', 'high', 'critical']);

/**
 * Failed logins count `account_locked`, a result the platform never
 * writes (it writes `locked_out`, CONTRACT §7.33), so locked-out attempts
 * are not counted, as on the platform.
 */
export function securityMetrics(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'C');
  if (denied) return denied;
  purgeExpiredSessions(context);
  const { state } = context;
  const typed = (family: string) => (row: EventSummary) =>
    row.event_type.includes(family) && SERIOUS.has(row.severity);
  return json(200, {
    active_sessions: state.sessions.filter((s) => s.is_active).length,
    failed_login_attempts_24h: countLastDay(context, (row) =>
      ['failed_password', 'failed_2fa', 'account_locked'].includes(
        String(row.failure_reason),
      ),
    ),
    ip_allowlist_entries: state.allowlist.filter((e) => e.is_active).length,
    enabled_2fa_users: state.admins.filter((a) => a.twoFactorEnabled).length,
    security_violations_24h: countLastDay(context, typed('security')),
    emergency_lockouts: lockedAccounts(context),
    rate_limit_violations_24h: countLastDay(context, (row) =>
      row.event_type.includes('rate_limit'),
    ),
    cors_violations_24h: countLastDay(context, typed('cors')),
  });
}

function health(context: HandlerContext, sessionsWork: boolean) {
  const { state } = context;
  const sessions = sessionsWork
    ? { session_management: 'healthy', active_sessions: state.sessions.length }
    : { session_management: 'unhealthy' };
  return json(200, {
    overall_status: sessionsWork ? 'healthy' : 'degraded',
    components: {
      clerk_integration: 'healthy',
      ...sessions,
      ip_allowlist: 'healthy',
      allowlist_entries: state.allowlist.length,
      two_factor_auth: 'healthy',
      enabled_2fa: state.admins.filter((a) => a.twoFactorEnabled).length,
    },
    timestamp: formatTimestamp(context.now, 'offset'),
  });
}

export function securityHealth(context: HandlerContext): SimResponse {
  return denyUnlessTier(context, 'C') ?? health(context, true);
}

/** The code as written: the session check always throws (§7.30). */
export function securityHealthAsBuilt(context: HandlerContext): SimResponse {
  return denyUnlessTier(context, 'C') ?? health(context, false);
}

type LockdownResult = { accounts: number; sessions: number; until: Micros };

/**
 * Locks every other admin for 24 h, deletes every other session and writes
 * an audit row; a repeat does all of it again (CONTRACT §4.1.5, §6).
 */
function applyLockdown(context: HandlerContext, reason: string) {
  const { state, now, identity } = context;
  const until = now + MICROS_PER_DAY;
  const others = state.admins.filter((a) => a.id !== identity.userId);
  for (const account of others) {
    account.lockedUntil = until;
    account.lockReason = `Emergency lockdown: ${reason}`;
  }
  const kept = state.sessions.filter((s) => s.user_id === identity.userId);
  const result: LockdownResult = {
    accounts: others.length,
    sessions: state.sessions.length - kept.length,
    until,
  };
  state.sessions = kept;
  const details = { reason };
  appendAudit(context, {
    action: 'emergency_lockdown',
    resource_type: 'system',
    details,
  });
  appendSecurityEvent(context, {
    event_type: 'emergency_lockdown',
    severity: 'critical',
    description: `Emergency lockdown activated: ${reason}`,
    details,
  });
  context.effect('lockdown.activated', null, {
    reason,
    lockedAccounts: result.accounts,
    revokedSessions: result.sessions,
  });
  return result;
}

const LOCKDOWN_MESSAGE = 'Emergency lockdown activated successfully';

/** Reference: `reason` is a required query parameter; a body is ignored. */
export function emergencyLockdown(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'C');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    query: z.object({ reason: query.str() }),
  });
  if (!checked.ok) return checked.response;

  applyLockdown(context, checked.value.query.reason);
  return json(200, { message: LOCKDOWN_MESSAGE });
}

/**
 * Plan: JSON body `{"reason"}`, answered with the schema module's richer
 * `EmergencyLockdownResponse` (reason 10–500 characters, as its request
 * schema says).
 */
export function emergencyLockdownAsPlanned(
  context: HandlerContext,
): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    body: z.object({ reason: body.str({ min: 10, max: 500 }) }),
  });
  if (!checked.ok) return checked.response;

  const result = applyLockdown(context, checked.value.body.reason);
  return json(200, {
    message: LOCKDOWN_MESSAGE,
    affected_accounts: result.accounts,
    affected_sessions: result.sessions,
    lockdown_expires: formatTimestamp(result.until, 'z'),
  });
}

/** Every handler of this module fails on its first query as written. */
export const failsAsBuilt = (): SimResponse => internalServerError();
