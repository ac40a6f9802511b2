/**
 * The bodies the platform's admin routes answer (CONTRACT §4, §9), as zod
 * shapes that also normalise them: camelCase names, stored UTC times,
 * `details: null` as `{}`, health components as a list. Unknown extra keys
 * are dropped; a missing or mistyped field is a problem naming it.
 */
import { z } from 'zod';
import type {
  HealthComponent,
  SecurityHealth,
} from '../../shared/admin-api-types';
import type { AuditLogRow } from './admin-client-types';
import { platformTime } from './platform-time';

const count = z.int().min(0);
const optionalText = z.string().nullable().optional();
const jsonObject = z.record(z.string(), z.unknown());

export const alertShape = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    timestamp: platformTime,
    action_required: z.boolean(),
  })
  .transform((alert) => ({
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    message: alert.message,
    evaluatedAt: alert.timestamp,
    actionRequired: alert.action_required,
  }));

export const eventShape = z
  .object({
    id: z.string(),
    timestamp: platformTime,
    event_type: z.string(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    user_id: z.string().nullable(),
    ip_address: z.string().nullable(),
    description: z.string(),
    details: jsonObject.nullable(),
  })
  .transform((event) => ({
    id: event.id,
    occurredAt: event.timestamp,
    eventType: event.event_type,
    severity: event.severity,
    userId: event.user_id,
    ipAddress: event.ip_address,
    description: event.description,
    details: event.details ?? {},
  }));

export const metricsShape = z
  .object({
    active_sessions: count,
    failed_login_attempts_24h: count,
    ip_allowlist_entries: count,
    enabled_2fa_users: count,
    security_violations_24h: count,
    emergency_lockouts: count,
    rate_limit_violations_24h: count,
    cors_violations_24h: count,
  })
  .transform((m) => ({
    activeSessions: m.active_sessions,
    failedLoginAttempts24h: m.failed_login_attempts_24h,
    ipAllowlistEntries: m.ip_allowlist_entries,
    enabled2faUsers: m.enabled_2fa_users,
    securityViolations24h: m.security_violations_24h,
    emergencyLockouts: m.emergency_lockouts,
    rateLimitViolations24h: m.rate_limit_violations_24h,
    corsViolations24h: m.cors_violations_24h,
  }));

/** The counts the health check reports beside a component's status. */
const HEALTH_COUNTS: Record<string, string> = {
  active_sessions: 'session_management',
  allowlist_entries: 'ip_allowlist',
  enabled_2fa: 'two_factor_auth',
};

type ComponentsContext = z.RefinementCtx<Record<string, unknown>>;

function healthComponents(
  raw: Record<string, unknown>,
  context: ComponentsContext,
): HealthComponent[] {
  const components: HealthComponent[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name in HEALTH_COUNTS) continue;
    if (typeof value === 'string') {
      components.push({ name, status: value, count: null });
    } else {
      const message = 'expected a status string';
      context.addIssue({ code: 'custom', path: [name], message });
    }
  }
  for (const [name, owner] of Object.entries(HEALTH_COUNTS)) {
    if (!(name in raw)) continue;
    const value = raw[name];
    const component = components.find((c) => c.name === owner);
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      const message = 'expected a whole number >= 0';
      context.addIssue({ code: 'custom', path: [name], message });
    } else if (component === undefined) {
      const message = `a count without its component "${owner}"`;
      context.addIssue({ code: 'custom', path: [name], message });
    } else {
      component.count = value as number;
    }
  }
  return components;
}

export const healthShape = z
  .object({
    overall_status: z.string().min(1),
    components: z
      .record(z.string(), z.unknown())
      .transform((raw, context) => healthComponents(raw, context)),
    timestamp: platformTime,
  })
  .transform((health): SecurityHealth => ({
    overallStatus: health.overall_status,
    components: health.components,
    evaluatedAt: health.timestamp,
  }));

/**
 * One row of either audit listing: the designed list sends every column,
 * the super-admin list leaves out `message` (and `user_agent`,
 * `tenant_id`, which the console does not keep).
 */
export const auditRowShape = z
  .object({
    id: z.string(),
    user_id: optionalText,
    action: z.string(),
    status: optionalText,
    resource_type: optionalText,
    resource_id: optionalText,
    ip_address: optionalText,
    timestamp: platformTime,
    details: jsonObject.nullable().optional(),
    message: optionalText,
  })
  .transform((row): AuditLogRow => ({
    id: row.id,
    userId: row.user_id ?? null,
    action: row.action,
    status: row.status ?? null,
    resourceType: row.resource_type ?? null,
    resourceId: row.resource_id ?? null,
    ipAddress: row.ip_address ?? null,
    occurredAt: row.timestamp,
    details: row.details ?? null,
    message: row.message ?? null,
  }));

export const lockoutShape = z
  .object({
    id: z.string(),
    is_platform_wide: z.boolean().optional(),
    reason: z.string(),
    message: z.string(),
    allow_read_only: z.boolean().optional(),
    expires_at: platformTime.nullable(),
    created_at: platformTime,
  })
  .transform((lockout) => ({
    id: lockout.id,
    platformWide: lockout.is_platform_wide ?? null,
    reason: lockout.reason,
    message: lockout.message,
    allowReadOnly: lockout.allow_read_only ?? null,
    expiresAt: lockout.expires_at,
    createdAt: lockout.created_at,
  }));

/** The plan's full entries and the platform's global-only list alike. */
export const allowlistEntryShape = z
  .object({
    id: z.string(),
    ip_range: z.string(),
    description: z.string().nullable(),
    is_active: z.boolean(),
    is_global: z.boolean().optional(),
    expires_at: platformTime.nullable().optional(),
    created_at: platformTime,
  })
  .transform((entry) => ({
    id: entry.id,
    ipRange: entry.ip_range,
    description: entry.description,
    active: entry.is_active,
    global: entry.is_global ?? null,
    expiresAt: entry.expires_at ?? null,
    createdAt: entry.created_at,
  }));

export const sessionShape = z
  .object({
    session_id: z.string(),
    user_id: z.string(),
    organization_id: z.string(),
    organization_role: z.string(),
    created_at: platformTime,
    last_activity: platformTime,
    expires_at: platformTime,
    ip_address: z.string(),
    user_agent: z.string(),
    device_fingerprint: z.string().nullable(),
    is_active: z.boolean(),
    security_level: z.enum(['standard', 'elevated', 'high']),
  })
  .transform((s) => ({
    sessionId: s.session_id,
    userId: s.user_id,
    organizationId: s.organization_id,
    organizationRole: s.organization_role,
    createdAt: s.created_at,
    lastActivityAt: s.last_activity,
    expiresAt: s.expires_at,
    ipAddress: s.ip_address,
    userAgent: s.user_agent,
    deviceFingerprint: s.device_fingerprint,
    active: s.is_active,
    securityLevel: s.security_level,
  }));

/** `GET /api/admin/super-admin-only` and `GET /api/admin/any-admin`. */
export const roleProbeShape = z.object({
  user_id: z.string().min(1),
  roles: z.array(z.string()).optional(),
});

/** The part of an OpenAPI document discovery reads. */
export const openApiShape = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** An operation's parameters (possibly `$ref`s) and whether it has a body. */
export const openApiOperationShape = z.object({
  parameters: z.array(z.unknown()).optional(),
  requestBody: z.unknown().optional(),
});
