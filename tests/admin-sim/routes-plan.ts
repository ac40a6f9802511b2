/**
 * The plan profile: the admin-API calls of the incident-response plan,
 * with the paths and bodies exactly as the plan writes them (its curl
 * examples and its "Tools and Resources" list), answered as a server built
 * from the plan would. Where the plan names a path but no call (IP
 * management, sessions), the list and delete calls the platform's own
 * front end makes are included; metrics is the dashboard's feature the
 * plan lists. All default to `designed`.
 */
import {
  createEntryAsPlanned,
  deleteEntryAsPlanned,
  listEntriesAsPlanned,
} from './handlers-allowlist';
import { listAuditLogsAsPlanned } from './handlers-audit';
import { listSessions, revokeSession } from './handlers-emergency';
import {
  emergencyLockdownAsPlanned,
  listSecurityAlerts,
  listSecurityEvents,
  securityHealth,
  securityMetrics,
} from './handlers-security';
import type { RouteSpec } from './route-types';

const SECURITY = '/api/admin/security';

export const PLAN_ROUTES: readonly RouteSpec[] = [
  {
    id: 'security.alerts',
    method: 'GET',
    path: `${SECURITY}/alerts`,
    contract: 'PLAN',
    summary: 'Check security dashboard alerts',
    designed: listSecurityAlerts,
  },
  {
    id: 'security.events',
    method: 'GET',
    path: `${SECURITY}/events`,
    contract: 'PLAN',
    summary: 'Recent security events (?limit=, ?event_type=failed_login)',
    query: ['limit', 'severity', 'event_type'],
    designed: listSecurityEvents,
  },
  {
    id: 'security.health',
    method: 'GET',
    path: `${SECURITY}/health`,
    contract: 'PLAN',
    summary: 'Check system health',
    designed: securityHealth,
  },
  {
    id: 'security.metrics',
    method: 'GET',
    path: `${SECURITY}/metrics`,
    contract: 'PLAN',
    summary: 'Security dashboard metrics',
    designed: securityMetrics,
  },
  {
    id: 'security.emergency-lockdown',
    method: 'POST',
    path: `${SECURITY}/emergency-lockdown`,
    contract: 'PLAN',
    summary: 'Trigger emergency lockdown (JSON body {"reason"})',
    body: true,
    designed: emergencyLockdownAsPlanned,
  },
  {
    id: 'security.ip-allowlist.create',
    method: 'POST',
    path: `${SECURITY}/ip-allowlist`,
    contract: 'PLAN',
    summary: 'The plan\'s "add IP to blocklist" (an ALLOW list entry)',
    body: true,
    designed: createEntryAsPlanned,
  },
  {
    id: 'security.ip-allowlist.list',
    method: 'GET',
    path: `${SECURITY}/ip-allowlist`,
    contract: 'PLAN',
    summary: 'IP allowlist entries',
    designed: listEntriesAsPlanned,
  },
  {
    id: 'security.ip-allowlist.delete',
    method: 'DELETE',
    path: `${SECURITY}/ip-allowlist/{entry_id}`,
    contract: 'PLAN',
    summary: 'Delete an IP allowlist entry',
    designed: deleteEntryAsPlanned,
  },
  {
    id: 'audit.list',
    method: 'GET',
    path: '/api/admin/audit/logs',
    contract: 'PLAN',
    summary: 'Export audit logs (?start_date=&end_date=)',
    query: [
      'start_date',
      'end_date',
      'skip',
      'limit',
      'action',
      'resource_type',
      'user_id',
      'tenant_id',
      'search',
    ],
    designed: listAuditLogsAsPlanned,
  },
  {
    id: 'sessions.list',
    method: 'GET',
    path: `${SECURITY}/sessions`,
    contract: 'PLAN',
    summary: 'Session management: list',
    designed: listSessions,
  },
  {
    id: 'sessions.revoke',
    method: 'DELETE',
    path: `${SECURITY}/sessions/{session_id}`,
    contract: 'PLAN',
    summary: 'Session management: revoke',
    designed: revokeSession,
  },
];
