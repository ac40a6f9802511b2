import type {
  AdminCapability,
  AlertSeverity,
  ConnectionState,
  SecurityMetrics,
} from '../../../shared/admin-api-types';

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  'not-configured': 'not configured',
  connecting: 'connecting…',
  online: 'online',
  degraded: 'degraded',
  offline: 'offline',
  unauthorised: 'unauthorised',
};

/**
 * Whether what the cache holds can be read as the platform's present
 * state. Degraded still answers, and each part shows its own age; the
 * other states mean nothing fresh is arriving.
 */
export function isLive(connection: ConnectionState): boolean {
  return connection === 'online' || connection === 'degraded';
}

export const CAPABILITY_LABELS: Record<AdminCapability, string> = {
  identity: 'Token check (who am I)',
  alerts: 'Security alerts',
  events: 'Security events',
  health: 'Security health',
  metrics: 'Security metrics',
  'audit-logs': 'Audit log',
  'emergency-lockdown': 'Emergency lockdown',
  'lockouts-list': 'List lockouts',
  'lockout-create': 'Lock out an account',
  'lockout-lift': 'Lift a lockout',
  'allowlist-list': 'List IP allowlist',
  'allowlist-add': 'Add to IP allowlist',
  'allowlist-remove': 'Remove from IP allowlist',
  'sessions-list': 'List admin sessions',
  'session-revoke': 'Revoke a session',
  'address-block': 'Block an address (block list)',
  'account-disable': 'Disable an admin account',
  'admin-2fa-require': 'Require 2FA for admins',
};

export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** The platform's eight counters, in the order its dashboard lists them. */
export const METRICS: { key: keyof SecurityMetrics; label: string }[] = [
  { key: 'activeSessions', label: 'Active admin sessions' },
  { key: 'failedLoginAttempts24h', label: 'Failed logins, 24 h' },
  { key: 'ipAllowlistEntries', label: 'Active allowlist entries' },
  { key: 'enabled2faUsers', label: 'Admins with 2FA' },
  { key: 'securityViolations24h', label: 'Security violations, 24 h' },
  { key: 'emergencyLockouts', label: 'Locked admin accounts' },
  { key: 'rateLimitViolations24h', label: 'Rate-limit violations, 24 h' },
  { key: 'corsViolations24h', label: 'CORS violations, 24 h' },
];

/** The components the platform's health check names (CONTRACT §4.1.4). */
const COMPONENT_LABELS: Record<string, string> = {
  clerk_integration: 'Clerk integration',
  session_management: 'Session management',
  ip_allowlist: 'IP allowlist',
  two_factor_auth: 'Two-factor authentication',
};

/** A known component's name, or an unknown one's words: `a_b` → `A b`. */
export function componentLabel(name: string): string {
  const known = COMPONENT_LABELS[name];
  if (known) return known;
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
