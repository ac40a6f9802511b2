/**
 * The reference profile: the platform's routes as its code designs them
 * (CONTRACT §4), each tagged with the §0 status that sets its default
 * mode (LIVE → designed, LIVE-BROKEN → broken, UNMOUNTED / ABSENT →
 * absent). Not simulated, so always 404 as on the reference server: the
 * 2FA and TOTP routes, admin-user CRUD, the legacy `/admin/auth` login, the
 * dashboard / RBAC / search / activity routers, and the unauthenticated
 * `/api/v1/admin/{metrics,activities}`.
 */
import {
  allowlistAsBuilt,
  checkAddress,
  createBypass,
  createEntry,
  createGlobalEntry,
  deleteEntry,
  deleteGlobalEntry,
  listGlobalEntries,
  saveSettings,
} from './handlers-allowlist';
import {
  auditForResource,
  auditForTenant,
  auditForUser,
  getAuditLog,
  listAuditLogs,
  superAdminAuditLogs,
} from './handlers-audit';
import {
  changeTeamRole,
  createLockout,
  deactivateLockout,
  inviteTeamMember,
  listLockouts,
  listSessionsAsProposed,
  listTeamMembers,
  removeTeamMember,
  revokeSessionAsProposed,
} from './handlers-emergency';
import {
  adminMe,
  adminMeAsBuilt,
  adminOnly,
  anyAdmin,
  appHealth,
  logout,
  sellerAdmin,
  sellerMe,
  superAdminMeAsBuilt,
  superAdminMeDesigned,
  superAdminOnly,
} from './handlers-identity';
import {
  emergencyLockdown,
  failsAsBuilt,
  listSecurityAlerts,
  listSecurityEvents,
  securityHealth,
  securityHealthAsBuilt,
  securityMetrics,
} from './handlers-security';
import { createBlockEntry, setTwoFactorRequirement } from './handlers-controls';
import { internalServerError } from './responses';
import type { RouteSpec } from './route-types';

const SECURITY = '/api/admin/security';
const SUPER = '/api/admin/super-admin/security';
const ALLOWLIST = '/api/admin/ip-allowlist';
const AUDIT = '/api/admin/audit/logs';

const securityDashboard: RouteSpec[] = [
  {
    id: 'security.metrics',
    method: 'GET',
    path: `${SECURITY}/metrics`,
    contract: 'UNMOUNTED',
    summary: 'Security metrics',
    designed: securityMetrics,
    broken: failsAsBuilt,
  },
  {
    id: 'security.events',
    method: 'GET',
    path: `${SECURITY}/events`,
    contract: 'UNMOUNTED',
    summary: 'Security events, newest first, at most 200',
    query: ['limit', 'severity', 'event_type'],
    designed: listSecurityEvents,
    broken: failsAsBuilt,
  },
  {
    id: 'security.alerts',
    method: 'GET',
    path: `${SECURITY}/alerts`,
    contract: 'UNMOUNTED',
    summary: 'Security alerts computed now',
    designed: listSecurityAlerts,
    broken: failsAsBuilt,
  },
  {
    id: 'security.health',
    method: 'GET',
    path: `${SECURITY}/health`,
    contract: 'UNMOUNTED',
    summary: 'Security subsystem health',
    designed: securityHealth,
    broken: securityHealthAsBuilt,
  },
  {
    id: 'security.emergency-lockdown',
    method: 'POST',
    path: `${SECURITY}/emergency-lockdown`,
    contract: 'UNMOUNTED',
    summary: 'Lock every other admin for 24 h (reason in the query)',
    query: ['reason'],
    requiredQuery: ['reason'],
    designed: emergencyLockdown,
    broken: failsAsBuilt,
  },
];

const lockouts: RouteSpec[] = [
  {
    id: 'lockouts.create',
    method: 'POST',
    path: `${SUPER}/emergency/lockout`,
    contract: 'UNMOUNTED',
    summary: 'Create a platform-wide emergency lockout',
    body: true,
    designed: createLockout,
  },
  {
    id: 'lockouts.list',
    method: 'GET',
    path: `${SUPER}/emergency/lockouts`,
    contract: 'UNMOUNTED',
    summary: 'Active emergency lockouts',
    designed: listLockouts,
  },
  {
    id: 'lockouts.deactivate',
    method: 'DELETE',
    path: `${SUPER}/emergency/lockout/{lockout_id}`,
    contract: 'UNMOUNTED',
    summary: 'Deactivate an emergency lockout',
    designed: deactivateLockout,
  },
];

const mountedAllowlist: RouteSpec[] = [
  {
    id: 'allowlist.entries.create',
    method: 'POST',
    path: `${ALLOWLIST}/entries`,
    contract: 'LIVE-BROKEN',
    summary: 'Add or refresh an IP allowlist entry (upsert)',
    body: true,
    designed: createEntry,
    broken: allowlistAsBuilt,
  },
  {
    id: 'allowlist.entries.delete',
    method: 'DELETE',
    path: `${ALLOWLIST}/entries/{entry_id}`,
    contract: 'LIVE-BROKEN',
    summary: 'Delete an IP allowlist entry',
    designed: deleteEntry,
    broken: allowlistAsBuilt,
  },
  {
    id: 'allowlist.settings',
    method: 'POST',
    path: `${ALLOWLIST}/settings`,
    contract: 'LIVE-BROKEN',
    summary: 'Set IP allowlist enforcement for a role or tenant',
    body: true,
    designed: saveSettings,
    broken: allowlistAsBuilt,
  },
  {
    id: 'allowlist.temporary-bypass',
    method: 'POST',
    path: `${ALLOWLIST}/temporary-bypass`,
    contract: 'LIVE-BROKEN',
    summary: "Temporary bypass for the caller's address",
    body: true,
    designed: createBypass,
    broken: allowlistAsBuilt,
  },
  {
    id: 'allowlist.check',
    method: 'GET',
    path: `${ALLOWLIST}/check`,
    contract: 'LIVE-BROKEN',
    summary: "Whether the caller's address is allowed",
    designed: checkAddress,
    broken: allowlistAsBuilt,
  },
];

/** The only list view of allowlist entries; GET and POST call service
 * methods that do not exist, DELETE works. */
const superAdminAllowlist: RouteSpec[] = [
  {
    id: 'super-admin.ip-allowlist.list',
    method: 'GET',
    path: `${SUPER}/ip-allowlist`,
    contract: 'UNMOUNTED',
    summary: 'Global IP allowlist entries',
    designed: listGlobalEntries,
    broken: internalServerError,
  },
  {
    id: 'super-admin.ip-allowlist.create',
    method: 'POST',
    path: `${SUPER}/ip-allowlist`,
    contract: 'UNMOUNTED',
    summary: 'Add a global IP allowlist entry',
    body: true,
    designed: createGlobalEntry,
    broken: internalServerError,
  },
  {
    id: 'super-admin.ip-allowlist.delete',
    method: 'DELETE',
    path: `${SUPER}/ip-allowlist/{entry_id}`,
    contract: 'UNMOUNTED',
    summary: 'Delete a global IP allowlist entry',
    designed: deleteGlobalEntry,
  },
];

const AUDIT_QUERY = [
  'skip',
  'limit',
  'user_id',
  'tenant_id',
  'resource_type',
  'action',
  'start_date',
  'end_date',
  'search',
] as const;

/** `audit_logs.py` at the plan's prefix: the list is `…/logs/`; FastAPI
 * redirects `…/logs` there with a 307. */
const audit: RouteSpec[] = [
  {
    id: 'audit.list',
    method: 'GET',
    path: `${AUDIT}/`,
    contract: 'UNMOUNTED',
    summary: 'Audit logs, newest first (skip/limit)',
    query: AUDIT_QUERY,
    designed: listAuditLogs,
  },
  {
    id: 'audit.get',
    method: 'GET',
    path: `${AUDIT}/{log_id}`,
    contract: 'UNMOUNTED',
    summary: 'One audit log row',
    designed: getAuditLog,
  },
  {
    id: 'audit.by-user',
    method: 'GET',
    path: `${AUDIT}/user/{user_id}`,
    contract: 'UNMOUNTED',
    summary: "A user's recent audit rows",
    query: ['days', 'limit'],
    designed: auditForUser,
  },
  {
    id: 'audit.by-tenant',
    method: 'GET',
    path: `${AUDIT}/tenant/{tenant_id}`,
    contract: 'UNMOUNTED',
    summary: "A tenant's recent audit rows",
    query: ['days', 'limit'],
    designed: auditForTenant,
  },
  {
    id: 'audit.by-resource',
    method: 'GET',
    path: `${AUDIT}/resource/{resource_type}/{resource_id}`,
    contract: 'UNMOUNTED',
    summary: "A resource's audit rows",
    query: ['limit'],
    designed: auditForResource,
  },
  {
    id: 'super-admin.audit-logs',
    method: 'GET',
    path: `${SUPER}/audit-logs`,
    contract: 'UNMOUNTED',
    summary: 'Audit logs, newest first (limit/offset)',
    query: ['limit', 'offset', 'action'],
    designed: superAdminAuditLogs,
  },
];

/** No code at all: the proposed shape of CONTRACT §4.5. */
const sessions: RouteSpec[] = [
  {
    id: 'sessions.list',
    method: 'GET',
    path: `${SECURITY}/sessions`,
    contract: 'ABSENT',
    summary: 'Active admin sessions (proposed)',
    designed: listSessionsAsProposed,
  },
  {
    id: 'sessions.revoke',
    method: 'DELETE',
    path: `${SECURITY}/sessions/{session_id}`,
    contract: 'ABSENT',
    summary: 'Revoke an admin session (proposed)',
    designed: revokeSessionAsProposed,
  },
];

const team: RouteSpec[] = [
  {
    id: 'team.members',
    method: 'GET',
    path: `${SUPER}/team/members`,
    contract: 'UNMOUNTED',
    summary: 'Super-admin team members (Clerk organisation)',
    designed: listTeamMembers,
  },
  {
    id: 'team.invite',
    method: 'POST',
    path: `${SUPER}/team/invite`,
    contract: 'UNMOUNTED',
    summary: 'Invite a team member',
    body: true,
    designed: inviteTeamMember,
  },
  {
    id: 'team.remove',
    method: 'DELETE',
    path: `${SUPER}/team/member/{user_id}`,
    contract: 'UNMOUNTED',
    summary: 'Remove a team member (disables their admin access)',
    designed: removeTeamMember,
  },
  {
    id: 'team.role',
    method: 'PATCH',
    path: `${SUPER}/team/member/{user_id}/role`,
    contract: 'UNMOUNTED',
    summary: "Change a team member's role (new_role in the query)",
    query: ['new_role'],
    requiredQuery: ['new_role'],
    designed: changeTeamRole,
  },
];

const identity: RouteSpec[] = [
  {
    id: 'identity.me',
    method: 'GET',
    path: '/api/admin/me',
    contract: 'LIVE-BROKEN',
    summary: 'The caller (fails for super admins as built)',
    designed: adminMe,
    broken: adminMeAsBuilt,
  },
  {
    id: 'identity.super-admin-me',
    method: 'GET',
    path: '/api/admin/super-admin/me',
    contract: 'LIVE-BROKEN',
    summary: 'The calling super admin (fails as built)',
    designed: superAdminMeDesigned,
    broken: superAdminMeAsBuilt,
  },
  {
    id: 'identity.seller-me',
    method: 'GET',
    path: '/api/admin/seller/me',
    contract: 'LIVE',
    summary: 'The calling seller',
    designed: sellerMe,
  },
  {
    id: 'identity.admin-only',
    method: 'GET',
    path: '/api/admin/admin-only',
    contract: 'LIVE',
    summary: 'Admin role probe',
    designed: adminOnly,
  },
  {
    id: 'identity.super-admin-only',
    method: 'GET',
    path: '/api/admin/super-admin-only',
    contract: 'LIVE',
    summary: 'Super-admin role probe',
    designed: superAdminOnly,
  },
  {
    id: 'identity.any-admin',
    method: 'GET',
    path: '/api/admin/any-admin',
    contract: 'LIVE',
    summary: 'Any admin probe',
    designed: anyAdmin,
  },
  {
    id: 'identity.seller-admin',
    method: 'GET',
    path: '/api/admin/seller-admin',
    contract: 'LIVE',
    summary: 'Seller admin probe',
    designed: sellerAdmin,
  },
  {
    id: 'identity.logout',
    method: 'POST',
    path: '/api/admin/logout',
    contract: 'LIVE',
    summary: 'Log out (stateless)',
    designed: logout,
  },
];

/** Write routes the outbox uses beyond §4.2–4.3 (handlers-controls.ts). */
const controls: RouteSpec[] = [
  {
    id: 'super-admin.2fa.requirement',
    method: 'POST',
    path: `${SUPER}/2fa/requirement`,
    contract: 'UNMOUNTED',
    summary: 'Require 2FA for a role or tenant (upsert)',
    body: true,
    designed: setTwoFactorRequirement,
  },
  {
    id: 'security.ip-blocklist.create',
    method: 'POST',
    path: `${SECURITY}/ip-blocklist`,
    contract: 'ABSENT',
    summary: 'Refuse an address or range (proposed block list)',
    body: true,
    designed: createBlockEntry,
  },
];

export const REFERENCE_ROUTES: readonly RouteSpec[] = [
  {
    id: 'health',
    method: 'GET',
    path: '/health',
    contract: 'LIVE',
    summary: 'Application liveness',
    designed: appHealth,
  },
  ...securityDashboard,
  ...lockouts,
  ...mountedAllowlist,
  ...superAdminAllowlist,
  ...audit,
  ...sessions,
  ...team,
  ...controls,
  ...identity,
];
