import type {
  AdminCapability,
  CapabilityView,
  SecurityAlert,
  SecurityEvent,
  SecurityHealth,
  SecurityMetrics,
} from '../../shared/admin-api-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type {
  AdminApiError,
  AdminClient,
  AdminErrorKind,
  AdminResult,
  AuditLogPull,
} from '../admin-api/admin-client-types';
import type { Clock } from '../clock';

export const FAKE_BASE_URL = 'https://admin.example.com';

const DATA_CAPABILITIES: AdminCapability[] = [
  'identity',
  'alerts',
  'events',
  'health',
  'metrics',
  'audit-logs',
];

export const sampleAlert: SecurityAlert = {
  id: 'high_failed_logins',
  title: 'High Rate of Failed Login Attempts',
  severity: 'warning',
  message: '14 failed login attempts in the last hour',
  evaluatedAt: '2026-12-03T15:59:00.500000Z',
  actionRequired: true,
};

export const healthyHealth: SecurityHealth = {
  overallStatus: 'healthy',
  components: [{ name: 'session_management', status: 'healthy', count: 2 }],
  evaluatedAt: '2026-12-03T15:59:00.000000Z',
};

export const degradedHealth: SecurityHealth = {
  overallStatus: 'degraded',
  components: [
    { name: 'session_management', status: 'unhealthy', count: null },
  ],
  evaluatedAt: '2026-12-03T15:59:00.000000Z',
};

export const sampleMetrics: SecurityMetrics = {
  activeSessions: 2,
  failedLoginAttempts24h: 14,
  ipAllowlistEntries: 3,
  enabled2faUsers: 4,
  securityViolations24h: 1,
  emergencyLockouts: 0,
  rateLimitViolations24h: 0,
  corsViolations24h: 0,
};

/** Event `n`, one second after event `n - 1` from 2026-12-03T12:00Z. */
export function makeEvent(
  n: number,
  overrides: Partial<SecurityEvent> = {},
): SecurityEvent {
  const micros = Date.UTC(2026, 11, 3, 12) * 1000 + n * 1_000_000;
  return {
    id: `event-${String(n).padStart(6, '0')}`,
    occurredAt: formatEpochMicros(micros),
    eventType: 'security_violation',
    severity: 'medium',
    userId: null,
    ipAddress: '203.0.113.7',
    description: `event ${n}`,
    details: {},
    ...overrides,
  };
}

export function makeFailedLogin(
  n: number,
  ip: string,
  username: string,
): SecurityEvent {
  return makeEvent(n, {
    eventType: 'failed_login_attempt',
    severity: 'high',
    ipAddress: ip,
    details: { username, failure_reason: 'failed_password' },
  });
}

type Method =
  | 'discover'
  | 'identity'
  | 'alerts'
  | 'events'
  | 'health'
  | 'metrics'
  | 'auditLogs'
  | 'lockouts'
  | 'allowlistEntries'
  | 'sessions';

export type FakeAdminClient = AdminClient & {
  /** Every method called, in order; events calls name their filter. */
  readonly calls: string[];
  readonly closed: boolean;
  /** What the platform holds; tests change these between pulls. */
  data: {
    alerts: SecurityAlert[];
    health: SecurityHealth;
    metrics: SecurityMetrics;
    /** Newest first. */
    events: SecurityEvent[];
    audit: AuditLogPull;
  };
  available: Set<AdminCapability>;
  /** Every call fails with this kind until cleared; null answers. */
  failAll: AdminErrorKind | null;
  /** One method fails with this kind until cleared. */
  failures: Map<Method, AdminErrorKind>;
  /** While set, every call waits for it before answering. */
  gate: Promise<void> | null;
  /** The most calls that were ever waiting for an answer at once. */
  readonly maxConcurrent: number;
  callCount(method: string): number;
};

function capabilityViews(available: Set<AdminCapability>): CapabilityView[] {
  return DATA_CAPABILITIES.map((capability) => ({
    capability,
    available: available.has(capability),
    route: available.has(capability) ? `GET /fake/${capability}` : null,
    reason: available.has(capability) ? 'found by the fake' : 'not deployed',
  }));
}

function fakeError(kind: AdminErrorKind, method: string): AdminApiError {
  return {
    kind,
    message: `GET /fake/${method}: fake ${kind}`,
    endpoint: `GET /fake/${method}`,
    status: kind === 'offline' || kind === 'timeout' ? null : 500,
    ...(kind === 'rate-limited' ? { retryAfterSeconds: 60 } : {}),
  };
}

/**
 * An AdminClient with no network: answers from `data`, fails on request,
 * and records every call, so the poller can be tested with manual timers.
 */
export function createFakeAdminClient(
  clock: Clock,
  baseUrl = FAKE_BASE_URL,
): FakeAdminClient {
  let discovered = false;
  let closed = false;
  let inFlight = 0;
  let maxConcurrent = 0;
  const calls: string[] = [];

  const fake = {
    baseUrl,
    calls,
    get closed() {
      return closed;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    data: {
      alerts: [sampleAlert],
      health: healthyHealth,
      metrics: sampleMetrics,
      events: [] as SecurityEvent[],
      audit: { rows: [], pages: [], complete: true } as AuditLogPull,
    },
    available: new Set(DATA_CAPABILITIES),
    failAll: null as AdminErrorKind | null,
    failures: new Map<Method, AdminErrorKind>(),
    gate: null as Promise<void> | null,
    callCount: (method: string) => calls.filter((c) => c === method).length,
  };

  async function answer<T>(
    method: Method,
    value: () => T,
    label: string = method,
  ): Promise<AdminResult<T>> {
    calls.push(label);
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    try {
      if (fake.gate) await fake.gate;
    } finally {
      inFlight -= 1;
    }
    const kind = closed
      ? 'offline'
      : (fake.failAll ?? fake.failures.get(method));
    if (kind) return { ok: false, error: fakeError(kind, method) };
    return {
      ok: true,
      value: value(),
      receivedAt: formatEpochMicros(clock.nowMicros()),
    };
  }

  const has = (capability: AdminCapability) =>
    discovered && fake.available.has(capability);

  const client: AdminClient = {
    baseUrl,
    discover: async () => {
      const result = await answer('discover', () =>
        capabilityViews(fake.available),
      );
      if (result.ok) discovered = true;
      return result;
    },
    capabilities: () => (discovered ? capabilityViews(fake.available) : []),
    has,
    route: () => null,
    identity: () =>
      answer('identity', () => ({
        userId: 'user_commander',
        superAdmin: true,
      })),
    alerts: () => answer('alerts', () => structuredClone(fake.data.alerts)),
    health: () => answer('health', () => structuredClone(fake.data.health)),
    metrics: () => answer('metrics', () => structuredClone(fake.data.metrics)),
    events: (query) =>
      answer(
        'events',
        () =>
          fake.data.events
            .filter((e) => e.eventType.includes(query.eventType ?? ''))
            .slice(0, query.limit ?? 50),
        query.eventType ? `events:${query.eventType}` : 'events',
      ),
    auditLogs: () =>
      answer('auditLogs', () => structuredClone(fake.data.audit)),
    lockouts: () => answer('lockouts', () => []),
    allowlistEntries: () => answer('allowlistEntries', () => []),
    sessions: () => answer('sessions', () => []),
    request: () =>
      Promise.resolve({
        ok: false,
        error: fakeError('not-deployed', 'request'),
      }),
    close: () => {
      closed = true;
    },
  };
  return Object.assign(fake, client);
}
