/**
 * The simulator's rows. Times are microseconds (see sim-time.ts) and are
 * rendered per route in the style the platform's code uses there.
 */
import type { Micros } from './sim-time';

export type EventSeverity = 'low' | 'medium' | 'high' | 'critical';

/** A row of the designed `GET /security/events` (CONTRACT §4.1.2). */
export type SecurityEventRecord = {
  id: string;
  at: Micros;
  event_type: string;
  severity: EventSeverity;
  user_id: string | null;
  ip_address: string | null;
  description: string;
  details: Record<string, unknown>;
};

/** An `audit_logs` row (CONTRACT §4.4). */
export type AuditRecord = {
  id: string;
  user_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  at: Micros;
  action: string;
  status: string;
  resource_type: string;
  resource_id: string | null;
  tenant_id: string | null;
  details: Record<string, unknown> | null;
  message: string | null;
};

/** An `admin_users` row joined with its Clerk organisation membership. */
export type AdminAccount = {
  /** Clerk user id (`user_…`), the token's `sub`. */
  id: string;
  /** `users.id`, the UUID most foreign keys point at (CONTRACT §7.14). */
  userUuid: string;
  email: string;
  isSuperAdmin: boolean;
  orgRole: string;
  twoFactorEnabled: boolean;
  lockedUntil: Micros | null;
  lockReason: string | null;
  inTeam: boolean;
  joinedAt: Micros;
};

export type SecurityLevel = 'standard' | 'elevated' | 'high';

/** The proposed session shape (CONTRACT §4.5). */
export type SessionRecord = {
  session_id: string;
  user_id: string;
  organization_id: string;
  organization_role: string;
  created_at: Micros;
  last_activity: Micros;
  expires_at: Micros;
  ip_address: string;
  user_agent: string;
  device_fingerprint: string | null;
  is_active: boolean;
  security_level: SecurityLevel;
};

/** An `ip_allowlist_entries` row (CONTRACT §4.3). */
export type AllowlistEntry = {
  id: string;
  ip_range: string;
  description: string | null;
  user_id: string | null;
  role_id: string | null;
  tenant_id: string | null;
  is_global: boolean;
  is_active: boolean;
  expires_at: Micros | null;
  created_at: Micros;
  updated_at: Micros;
  created_by: string;
};

export type AllowlistSetting = {
  id: string;
  role_id: string | null;
  tenant_id: string | null;
  is_enforced: boolean;
  allow_temporary_bypass: boolean;
  temporary_bypass_duration_minutes: number;
  geo_restrict_countries: string[] | null;
  geo_block_countries: string[] | null;
  created_at: Micros;
  updated_at: Micros;
  created_by: string;
  updated_by: string;
};

export type TemporaryBypass = {
  id: string;
  user_id: string;
  ip_address: string;
  created_at: Micros;
  expires_at: Micros;
  reason: string | null;
  verification_method: string;
};

/** A `system_lockouts` row (CONTRACT §4.2). */
export type SystemLockout = {
  id: string;
  is_platform_wide: boolean;
  reason: string;
  message: string;
  allow_read_only: boolean;
  is_active: boolean;
  expires_at: Micros | null;
  created_at: Micros;
  deactivated_at: Micros | null;
  deactivated_by: string | null;
  created_by: string;
};

export type TeamInvitation = {
  id: string;
  email: string;
  role: string;
  invited_at: Micros;
};

/** A super-admin 2FA requirement (CONTRACT §4.7), one per role/tenant. */
export type TwoFactorRequirement = {
  id: string;
  role_id: string | null;
  tenant_id: string | null;
  is_required: boolean;
  grace_period_days: number;
};

/** A refused range on the proposed block list (no platform counterpart). */
export type BlockEntry = {
  id: string;
  ip_range: string;
  reason: string | null;
  created_at: Micros;
};
