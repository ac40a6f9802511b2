import type {
  AdminStatus,
  CapabilityView,
  DashboardSnapshot,
  FailedLoginAnalysis,
  SecurityAlert,
  SecurityEvent,
} from '../../../shared/admin-api-types';
import { formatEpochMicros } from '../../../shared/timestamps';

/** Stored UTC text for `ms` milliseconds before the real now. */
export function msAgo(ms: number): string {
  return formatEpochMicros((Date.now() - ms) * 1000);
}

export const MINUTE = 60_000;

export function sampleCapability(
  changes: Partial<CapabilityView> = {},
): CapabilityView {
  return {
    capability: 'alerts',
    available: true,
    route: 'GET /api/admin/security/alerts',
    reason: 'listed in the OpenAPI document',
    ...changes,
  };
}

export function sampleStatus(changes: Partial<AdminStatus> = {}): AdminStatus {
  return {
    connection: 'online',
    baseUrl: 'https://admin.example.com',
    tokenSource: 'environment',
    since: msAgo(60 * MINUTE),
    lastSuccessAt: msAgo(12_000),
    lastError: null,
    capabilities: [
      sampleCapability(),
      sampleCapability({
        capability: 'events',
        route: 'GET /api/admin/security/events',
      }),
      sampleCapability({
        capability: 'audit-logs',
        route: 'GET /api/admin/audit/logs',
      }),
      sampleCapability({
        capability: 'sessions-list',
        available: false,
        route: null,
        reason: 'not deployed on this server (404)',
      }),
    ],
    capabilitiesCheckedAt: msAgo(30 * MINUTE),
    pollBudgetPerMinute: 20,
    recentTransitions: [],
    ...changes,
  };
}

export function sampleAlert(
  changes: Partial<SecurityAlert> = {},
): SecurityAlert {
  return {
    id: 'low_2fa_adoption',
    title: 'Low 2FA Adoption Rate',
    severity: 'warning',
    message: '25.0% of admin users do not have 2FA enabled',
    evaluatedAt: '2025-01-20T10:40:00.049110Z',
    actionRequired: false,
    ...changes,
  };
}

export function sampleEvent(
  changes: Partial<SecurityEvent> = {},
): SecurityEvent {
  return {
    id: 'ba204923-2547-44b5-acb9-b81ee334a9d6',
    occurredAt: '2025-01-20T10:33:58.412907Z',
    eventType: 'security_violation',
    severity: 'critical',
    userId: null,
    ipAddress: '203.0.113.77',
    description: 'Forged X-Forwarded-For header rejected',
    details: {},
    ...changes,
  };
}

export function sampleSnapshot(
  fetchedAt: string,
  changes: Partial<DashboardSnapshot> = {},
): DashboardSnapshot {
  return {
    alerts: { value: [sampleAlert()], fetchedAt },
    health: {
      value: {
        overallStatus: 'degraded',
        components: [
          { name: 'clerk_integration', status: 'healthy', count: null },
          { name: 'session_management', status: 'unhealthy', count: null },
          { name: 'ip_allowlist', status: 'healthy', count: 3 },
        ],
        evaluatedAt: '2025-01-20T10:40:00.064878Z',
      },
      fetchedAt,
    },
    metrics: {
      value: {
        activeSessions: 3,
        failedLoginAttempts24h: 47,
        ipAllowlistEntries: 2,
        enabled2faUsers: 6,
        securityViolations24h: 2,
        emergencyLockouts: 1,
        rateLimitViolations24h: 5,
        corsViolations24h: 0,
      },
      fetchedAt,
    },
    events: {
      cached: 2,
      newestAt: '2025-01-20T10:33:58.412907Z',
      lastPullAt: fetchedAt,
      possibleGap: false,
      lastGap: null,
    },
    ...changes,
  };
}

export function sampleAnalysis(
  changes: Partial<FailedLoginAnalysis> = {},
): FailedLoginAnalysis {
  return {
    windowHours: 24,
    total: 31,
    byIp: [
      { ip: '203.0.113.7', attempts: 24, users: 8 },
      { ip: '198.51.100.23', attempts: 7, users: 1 },
    ],
    byUser: [
      { user: 'ops@example.com', attempts: 9, ips: 7 },
      { user: 'finance@example.com', attempts: 3, ips: 1 },
    ],
    overTime: [
      { hourStart: '2025-01-20T08:00:00.000000Z', attempts: 0 },
      { hourStart: '2025-01-20T09:00:00.000000Z', attempts: 4 },
      { hourStart: '2025-01-20T10:00:00.000000Z', attempts: 27 },
    ],
    flags: [
      {
        pattern: 'credential-stuffing',
        subject: '203.0.113.7',
        count: 8,
        threshold: 6,
      },
      {
        pattern: 'distributed-attack',
        subject: 'ops@example.com',
        count: 7,
        threshold: 6,
      },
    ],
    thresholds: {
      credentialStuffingUsersPerIp: 6,
      distributedAttackIpsPerUser: 6,
    },
    ...changes,
  };
}
