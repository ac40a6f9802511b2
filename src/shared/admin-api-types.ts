/**
 * The platform's admin API as the console sees it, after the client has
 * parsed and normalised what the server said: every time is UTC with
 * microseconds (`2025-01-20T10:31:27.641093Z`) whatever style the server
 * used, and every shape is one shape whichever variant the server sent.
 */

/** What the console can ask the platform to do or tell; see CONTRACT.md. */
export const ADMIN_CAPABILITIES = [
  'identity',
  'alerts',
  'events',
  'health',
  'metrics',
  'audit-logs',
  'emergency-lockdown',
  'lockouts-list',
  'lockout-create',
  'lockout-lift',
  'allowlist-list',
  'allowlist-add',
  'allowlist-remove',
  'sessions-list',
  'session-revoke',
  /**
   * Refusing an address: only a route that declares block semantics.
   * The platform has none (its allowlist GRANTS access, CONTRACT §4.3).
   */
  'address-block',
  /** Removing an admin from the super-admin team (CONTRACT §4.6.2). */
  'account-disable',
  /** Requiring 2FA for a role or tenant (CONTRACT §4.7). */
  'admin-2fa-require',
] as const;
export type AdminCapability = (typeof ADMIN_CAPABILITIES)[number];

export type CapabilityView = {
  capability: AdminCapability;
  available: boolean;
  /** Method and path the console would use, when available. */
  route: string | null;
  /** Why it is unavailable, or how it was found (OpenAPI, probe). */
  reason: string;
  /**
   * `unknown` when the server would not say or was not asked yet;
   * absent in views made before this was recorded (read `available`).
   */
  state?: 'available' | 'absent' | 'unknown';
  /** The server lists an `Idempotency-Key` header for this route. */
  honoursIdempotencyKey?: boolean;
};

export const CONNECTION_STATES = [
  'not-configured',
  /** Configured, and the first contact has not finished yet. */
  'connecting',
  'online',
  'degraded',
  'offline',
  'unauthorised',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export type ConnectionTransition = {
  id: string;
  from: ConnectionState;
  to: ConnectionState;
  at: string;
  reason: string;
  /**
   * The platform became unreachable or refused the console, or came back
   * from that: worth offering to pin on an open incident's timeline.
   */
  notable?: boolean;
};

export type AdminStatus = {
  connection: ConnectionState;
  /** The base URL; never the token. */
  baseUrl: string | null;
  /** Where the token comes from: the environment, the keychain, none. */
  tokenSource: 'environment' | 'keychain' | 'session' | 'none';
  since: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  capabilities: CapabilityView[];
  capabilitiesCheckedAt: string | null;
  /** Polling requests allowed per minute (the platform limits per address). */
  pollBudgetPerMinute: number;
  recentTransitions: ConnectionTransition[];
};

export type AlertSeverity = 'info' | 'warning' | 'error';
export type EventSeverity = 'low' | 'medium' | 'high' | 'critical';

export type SecurityAlert = {
  id: string;
  title: string;
  severity: AlertSeverity;
  message: string;
  /** When the platform evaluated it (not when the events happened). */
  evaluatedAt: string;
  actionRequired: boolean;
};

export type SecurityEvent = {
  id: string;
  occurredAt: string;
  eventType: string;
  severity: EventSeverity;
  userId: string | null;
  ipAddress: string | null;
  description: string;
  details: Record<string, unknown>;
};

export type HealthComponent = {
  name: string;
  status: string;
  /** A count the server reported with it, if any. */
  count: number | null;
};

export type SecurityHealth = {
  overallStatus: string;
  components: HealthComponent[];
  evaluatedAt: string;
};

export type SecurityMetrics = {
  activeSessions: number;
  failedLoginAttempts24h: number;
  ipAllowlistEntries: number;
  enabled2faUsers: number;
  securityViolations24h: number;
  emergencyLockouts: number;
  rateLimitViolations24h: number;
  corsViolations24h: number;
};

/** A cached value and when it was last fetched from the platform. */
export type Cached<T> = { value: T; fetchedAt: string } | null;

export type DashboardSnapshot = {
  alerts: Cached<SecurityAlert[]>;
  health: Cached<SecurityHealth>;
  metrics: Cached<SecurityMetrics>;
  events: {
    cached: number;
    newestAt: string | null;
    lastPullAt: string | null;
    /**
     * The last pull brought only rows not seen before: the platform returns
     * at most 200 newest rows with no cursor, so older ones may be missing.
     */
    possibleGap: boolean;
    /**
     * The most recent window in which rows may be missing, and when it was
     * found; pulling the audit log for it shows what happened there.
     */
    lastGap?: { start: string; end: string; foundAt: string } | null;
  };
};

export type EventPage = { total: number; rows: SecurityEvent[] };

export type FailedLoginFlag = {
  pattern: 'credential-stuffing' | 'distributed-attack';
  /** The IP (credential stuffing) or user (distributed attack). */
  subject: string;
  count: number;
  threshold: number;
};

export type FailedLoginAnalysis = {
  windowHours: number;
  total: number;
  byIp: { ip: string; attempts: number; users: number }[];
  byUser: { user: string; attempts: number; ips: number }[];
  /** Attempts per hour, oldest first. */
  overTime: { hourStart: string; attempts: number }[];
  flags: FailedLoginFlag[];
  thresholds: {
    credentialStuffingUsersPerIp: number;
    distributedAttackIpsPerUser: number;
  };
};

/** An active emergency lockout record (informational on the platform). */
export type EmergencyLockout = {
  id: string;
  platformWide: boolean | null;
  reason: string;
  message: string;
  allowReadOnly: boolean | null;
  expiresAt: string | null;
  createdAt: string;
};

/**
 * An IP allowlist entry: an address range ALLOWED to reach the admin API.
 * The platform has no list of refused addresses.
 */
export type AllowlistEntry = {
  id: string;
  ipRange: string;
  description: string | null;
  active: boolean;
  /** Null when the server did not say (its global-only list). */
  global: boolean | null;
  expiresAt: string | null;
  createdAt: string;
};

export type AdminSession = {
  sessionId: string;
  userId: string;
  organizationId: string;
  organizationRole: string;
  createdAt: string;
  lastActivityAt: string;
  expiresAt: string;
  ipAddress: string;
  userAgent: string;
  deviceFingerprint: string | null;
  active: boolean;
  securityLevel: 'standard' | 'elevated' | 'high';
};
