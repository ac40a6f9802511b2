/**
 * What generated rows look like: the kinds of security event and audit
 * action, with invented values from the documentation address ranges and
 * `example.com`, in the vocabulary of CONTRACT §5.
 */
import type { Rng } from './generate';
import type {
  AuditRecord,
  EventSeverity,
  SecurityEventRecord,
} from './records';

export const KNOWN_USERS = [
  '0ae31b98-03d8-489f-bdb1-35657dfc3239',
  '652bb65e-6c0f-4f2c-9747-0b93dd8eda4a',
  '3ca49a89-df77-4a9f-a06c-4fb3e8d7efdd',
  '5340d3a0-7d0a-4e4c-b30b-e72a88e0c7c9',
] as const;

const ADMIN_PATHS = [
  '/api/admin/super-admin/me',
  '/api/admin/super-admin-only',
  '/api/admin/me',
  '/api/admin/ip-allowlist/entries',
] as const;

const USERNAMES = [
  'admin@example.com',
  'root@example.com',
  'ops.admin@example.com',
  'finance.admin@example.com',
  'support.admin@example.com',
  'sec.lead@example.com',
  'ic.oncall@example.com',
  'eng.lead@example.com',
] as const;

const USER_AGENTS = [
  'python-requests/2.31.0',
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15',
] as const;

export const SEVERITIES: readonly EventSeverity[] = [
  'low',
  'medium',
  'high',
  'critical',
];

function attackerIp(rng: Rng): string {
  const net = rng.chance(0.6) ? '203.0.113' : '198.51.100';
  return `${net}.${1 + rng.int(254)}`;
}

function officeIp(rng: Rng): string {
  return `192.0.2.${1 + rng.int(62)}`;
}

type EventBody = Pick<
  SecurityEventRecord,
  'user_id' | 'ip_address' | 'description' | 'details'
>;

export type EventKind = {
  event_type: string;
  weight: number;
  /** Drawn at generation time, so filters need not build the row. */
  severities: readonly EventSeverity[];
  /** For failed logins: the `LoginAttemptResult` it stands for. */
  failure_reason: string | null;
  build(rng: Rng): EventBody;
};

type KindInput = Omit<EventKind, 'failure_reason'>;

const kind = (input: KindInput): EventKind => ({
  ...input,
  failure_reason: null,
});

/**
 * Every family the events route selects on, plus `order_shipping_updated`,
 * which the platform's `%ip%` family filter catches by accident
 * (CONTRACT §7.37). Failed logins are separate (FAILED_LOGIN_KINDS).
 */
export const EVENT_KINDS: readonly EventKind[] = [
  kind({
    event_type: 'auth_token_rejected',
    weight: 20,
    severities: ['medium'],
    build: (rng) => ({
      user_id: null,
      ip_address: attackerIp(rng),
      description: 'Bearer token failed verification on the admin API',
      details: { path: rng.pick(ADMIN_PATHS), reason: 'Invalid token' },
    }),
  }),
  kind({
    event_type: 'session_created',
    weight: 15,
    severities: ['low'],
    build: (rng) => ({
      user_id: rng.pick(KNOWN_USERS),
      ip_address: officeIp(rng),
      description: 'Admin session started',
      details: { session_id: rng.uuid(), security_level: 'standard' },
    }),
  }),
  kind({
    event_type: 'session_terminated',
    weight: 6,
    severities: ['high'],
    build: (rng) => ({
      user_id: rng.pick(KNOWN_USERS),
      ip_address: attackerIp(rng),
      description:
        'Admin session terminated after the client IP changed mid-session',
      details: {
        session_id: rng.uuid(),
        reason: 'ip_change',
        previous_ip: officeIp(rng),
        new_ip: attackerIp(rng),
      },
    }),
  }),
  kind({
    event_type: '2fa_verification_failed',
    weight: 8,
    severities: ['high'],
    build: (rng) => ({
      user_id: rng.pick(KNOWN_USERS),
      ip_address: attackerIp(rng),
      description: 'TOTP verification failed for an admin account',
      details: { method: 'totp', consecutive_failures: 1 + rng.int(5) },
    }),
  }),
  kind({
    event_type: 'rate_limit_exceeded',
    weight: 15,
    severities: ['medium'],
    build: (rng) => ({
      user_id: null,
      ip_address: attackerIp(rng),
      description: 'Per-IP request limit exceeded on the admin API',
      details: {
        path: rng.pick(ADMIN_PATHS),
        limit_per_minute: 60,
        retry_after_seconds: 60,
      },
    }),
  }),
  kind({
    event_type: 'security_violation',
    weight: 4,
    severities: ['high', 'critical'],
    build: (rng) => ({
      user_id: null,
      ip_address: attackerIp(rng),
      description:
        'Admin API request carrying a forged X-Forwarded-For header ' +
        'was rejected',
      details: {
        path: rng.pick(ADMIN_PATHS),
        claimed_ip: '127.0.0.1',
        action_taken: 'request_blocked',
      },
    }),
  }),
  kind({
    event_type: 'security_policy_violation',
    weight: 3,
    severities: ['high'],
    build: (rng) => ({
      user_id: rng.pick(KNOWN_USERS),
      ip_address: officeIp(rng),
      description:
        'Admin attempted to disable 2FA while it is required for their role',
      details: { policy: 'totp_required', role: 'super_admin' },
    }),
  }),
  kind({
    event_type: 'ip_access_denied',
    weight: 10,
    severities: ['medium'],
    build: (rng) => ({
      user_id: null,
      ip_address: attackerIp(rng),
      description: 'Admin API request from an address outside the allowlist',
      details: { path: rng.pick(ADMIN_PATHS) },
    }),
  }),
  kind({
    event_type: 'ip_allowlist_entry_added',
    weight: 1,
    severities: ['medium'],
    build: (rng) => ({
      user_id: KNOWN_USERS[0],
      ip_address: officeIp(rng),
      description: 'Global IP allowlist entry added',
      details: { ip_range: `${officeIp(rng)}/32`, scope: 'global' },
    }),
  }),
  kind({
    event_type: 'cors_violation',
    weight: 8,
    severities: ['low', 'medium'],
    build: (rng) => ({
      user_id: null,
      ip_address: attackerIp(rng),
      description:
        'Cross-origin request from an origin outside the admin allowlist',
      details: {
        origin: 'https://lookalike-admin.example.com',
        path: rng.pick(ADMIN_PATHS),
        method: 'GET',
      },
    }),
  }),
  kind({
    event_type: 'order_shipping_updated',
    weight: 10,
    severities: ['low'],
    build: (rng) => ({
      user_id: null,
      ip_address: null,
      description: 'Shipping status of an order changed',
      details: { order_id: rng.uuid() },
    }),
  }),
];

type Failure = {
  reason: string;
  weight: number;
  severity: EventSeverity;
  knownUser: boolean;
  description: string;
};

const FAILURES: readonly Failure[] = [
  {
    reason: 'invalid_user',
    weight: 50,
    severity: 'medium',
    knownUser: false,
    description: 'Failed admin portal login for an unknown account',
  },
  {
    reason: 'failed_password',
    weight: 30,
    severity: 'high',
    knownUser: true,
    description: 'Failed admin portal login for an existing admin account',
  },
  {
    reason: 'failed_2fa',
    weight: 8,
    severity: 'high',
    knownUser: true,
    description: 'Correct password but wrong TOTP code for an admin account',
  },
  {
    reason: 'locked_out',
    weight: 4,
    severity: 'critical',
    knownUser: true,
    description:
      'Login refused: admin account is locked after repeated failures',
  },
  {
    reason: 'rate_limited',
    weight: 8,
    severity: 'medium',
    knownUser: false,
    description: 'Failed admin portal login',
  },
];

export const FAILED_LOGIN_KINDS: readonly EventKind[] = FAILURES.map(
  (failure) => ({
    event_type: 'failed_login_attempt',
    weight: failure.weight,
    severities: [failure.severity],
    failure_reason: failure.reason,
    build: (rng) => ({
      user_id: failure.knownUser ? rng.pick(KNOWN_USERS) : null,
      ip_address: attackerIp(rng),
      description: failure.description,
      details: {
        username: rng.pick(USERNAMES),
        user_agent: rng.pick(USER_AGENTS),
        failure_reason: failure.reason,
      },
    }),
  }),
);

type AuditBody = Pick<AuditRecord, 'ip_address' | 'resource_id' | 'details'>;

export type AuditKind = {
  action: string;
  resource_type: string;
  weight: number;
  /** `userId` is the row's `user_id`, drawn at generation time. */
  build(rng: Rng, userId: string): AuditBody;
};

const onResource =
  (details: (rng: Rng) => Record<string, unknown> | null) =>
  (rng: Rng): AuditBody => ({
    ip_address: rng.chance(0.2) ? officeIp(rng) : null,
    resource_id: rng.uuid(),
    details: details(rng),
  });

export const AUDIT_KINDS: readonly AuditKind[] = [
  {
    action: 'user_login',
    resource_type: 'user',
    weight: 60,
    build: (rng, userId) => ({
      ip_address: null,
      resource_id: userId,
      details: { ip_address: officeIp(rng), is_admin_portal: true },
    }),
  },
  {
    action: 'ip_allowlist_entry_added',
    resource_type: 'ip_allowlist',
    weight: 4,
    build: onResource((rng) => ({
      ip_range: `${officeIp(rng)}/32`,
      scope: 'global',
      expires_at: null,
    })),
  },
  {
    action: 'ip_allowlist_entry_removed',
    resource_type: 'ip_allowlist',
    weight: 2,
    build: onResource((rng) => ({
      ip_range: `${officeIp(rng)}/32`,
      is_global: true,
    })),
  },
  {
    action: 'account_unlocked',
    resource_type: 'user',
    weight: 3,
    build: onResource(() => ({ reason: 'Verified with the account owner' })),
  },
  {
    action: 'totp_verified',
    resource_type: 'super_admin_2fa',
    weight: 12,
    build: onResource(() => null),
  },
  {
    action: 'totp_verification_failed',
    resource_type: 'super_admin_2fa',
    weight: 6,
    build: onResource((rng) => ({ consecutive_failures: 1 + rng.int(4) })),
  },
  {
    action: 'role_assigned',
    resource_type: 'admin_role',
    weight: 3,
    build: onResource((rng) => ({ role_id: rng.uuid() })),
  },
  {
    action: 'update_admin_user',
    resource_type: 'admin_user',
    weight: 5,
    build: onResource(() => ({ fields: ['session_timeout_minutes'] })),
  },
  {
    action: 'emergency_contact_updated',
    resource_type: 'emergency_contact',
    weight: 1,
    build: onResource(() => ({ notify_via_sms: true })),
  },
  {
    action: 'rate_limit_rule_created',
    resource_type: 'rate_limit_rule',
    weight: 1,
    build: onResource(() => ({ limit_per_minute: 60 })),
  },
];
