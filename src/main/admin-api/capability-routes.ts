/**
 * Where each capability may live, in the order the console prefers them:
 * the platform's designed paths (CONTRACT §4) and the incident-response
 * plan's (CONTRACT §1, left column). Discovery keeps the first one the
 * server offers.
 *
 * The IP allowlist is an ALLOW list: adding an address GRANTS it access
 * to the admin API. The plan calls its add route "block an IP"; nothing
 * here does. Only `address-block` refuses an address, and only on a
 * route named as a block list (a proposed design: the platform has
 * none), never on an allowlist path.
 */
import type { AdminCapability } from '../../shared/admin-api-types';
import type {
  CapabilityInput,
  CapabilityPaging,
  CapabilityRoute,
} from './admin-client-types';

export type RouteCandidate = Omit<CapabilityRoute, 'foundBy'> & {
  /** What the route does, for the capability list. */
  purpose: string;
};

const SECURITY = '/api/admin/security';
const SUPER = '/api/admin/super-admin/security';

type Row = [
  capability: AdminCapability,
  method: CapabilityRoute['method'],
  path: string,
  origin: CapabilityRoute['origin'],
  input: CapabilityInput,
  paging: CapabilityPaging,
  purpose: string,
];

const ROWS: readonly Row[] = [
  [
    'identity',
    'GET',
    '/api/admin/super-admin-only',
    'platform',
    'none',
    'none',
    'checks the token and whether it is a super admin',
  ],
  [
    'alerts',
    'GET',
    `${SECURITY}/alerts`,
    'platform',
    'none',
    'none',
    'security alerts',
  ],
  [
    'events',
    'GET',
    `${SECURITY}/events`,
    'platform',
    'none',
    'none',
    'security events',
  ],
  [
    'health',
    'GET',
    `${SECURITY}/health`,
    'platform',
    'none',
    'none',
    'security health',
  ],
  [
    'metrics',
    'GET',
    `${SECURITY}/metrics`,
    'platform',
    'none',
    'none',
    'security metrics',
  ],
  [
    'audit-logs',
    'GET',
    '/api/admin/audit/logs/',
    'platform',
    'none',
    'skip-limit',
    'audit log by time window',
  ],
  [
    'audit-logs',
    'GET',
    '/api/admin/audit/logs',
    'plan',
    'none',
    'skip-limit',
    'audit log by time window',
  ],
  [
    'audit-logs',
    'GET',
    `${SUPER}/audit-logs`,
    'platform',
    'none',
    'limit-offset',
    'audit log, newest first',
  ],
  [
    'emergency-lockdown',
    'POST',
    `${SECURITY}/emergency-lockdown`,
    'platform',
    'query-or-json-body',
    'none',
    'locks every other admin account for 24 h',
  ],
  [
    'lockouts-list',
    'GET',
    `${SUPER}/emergency/lockouts`,
    'platform',
    'none',
    'none',
    'active emergency lockouts',
  ],
  [
    'lockout-create',
    'POST',
    `${SUPER}/emergency/lockout`,
    'platform',
    'json-body',
    'none',
    'records a platform-wide emergency lockout',
  ],
  [
    'lockout-lift',
    'DELETE',
    `${SUPER}/emergency/lockout/{lockout_id}`,
    'platform',
    'none',
    'none',
    'deactivates an emergency lockout',
  ],
  [
    'allowlist-list',
    'GET',
    `${SUPER}/ip-allowlist`,
    'platform',
    'none',
    'none',
    'addresses ALLOWED to reach the admin API',
  ],
  [
    'allowlist-list',
    'GET',
    `${SECURITY}/ip-allowlist`,
    'plan',
    'none',
    'none',
    'addresses ALLOWED to reach the admin API',
  ],
  [
    'allowlist-add',
    'POST',
    '/api/admin/ip-allowlist/entries',
    'platform',
    'json-body',
    'none',
    'GRANTS an address access to the admin API (allow list)',
  ],
  [
    'allowlist-add',
    'POST',
    `${SUPER}/ip-allowlist`,
    'platform',
    'json-body',
    'none',
    'GRANTS an address access to the admin API (allow list)',
  ],
  [
    'allowlist-add',
    'POST',
    `${SECURITY}/ip-allowlist`,
    'plan',
    'json-body',
    'none',
    'GRANTS an address access to the admin API (allow list)',
  ],
  [
    'allowlist-remove',
    'DELETE',
    '/api/admin/ip-allowlist/entries/{entry_id}',
    'platform',
    'none',
    'none',
    "withdraws an address's access to the admin API (allow list)",
  ],
  [
    'allowlist-remove',
    'DELETE',
    `${SUPER}/ip-allowlist/{entry_id}`,
    'platform',
    'none',
    'none',
    "withdraws an address's access to the admin API (allow list)",
  ],
  [
    'allowlist-remove',
    'DELETE',
    `${SECURITY}/ip-allowlist/{entry_id}`,
    'plan',
    'none',
    'none',
    "withdraws an address's access to the admin API (allow list)",
  ],
  [
    'sessions-list',
    'GET',
    `${SECURITY}/sessions`,
    'plan',
    'none',
    'none',
    'admin sessions',
  ],
  [
    'session-revoke',
    'DELETE',
    `${SECURITY}/sessions/{session_id}`,
    'plan',
    'none',
    'none',
    'revokes an admin session record (not its token)',
  ],
  [
    'address-block',
    'POST',
    `${SECURITY}/ip-blocklist`,
    'proposed',
    'json-body',
    'none',
    'REFUSES an address or range (block list)',
  ],
  [
    'account-disable',
    'DELETE',
    `${SUPER}/team/member/{user_id}`,
    'platform',
    'none',
    'none',
    'removes an admin from the super-admin team (its Clerk membership)',
  ],
  [
    'admin-2fa-require',
    'POST',
    `${SUPER}/2fa/requirement`,
    'platform',
    'json-body',
    'none',
    'requires 2FA enrolment for a role or tenant (not enforced on tokens)',
  ],
];

/**
 * Whether a path is an allowlist route: an address to be refused must
 * never go there, whatever a server lists under a block capability.
 */
export function isAllowlistPath(path: string): boolean {
  return /allow/i.test(path);
}

export const ROUTE_CANDIDATES: readonly RouteCandidate[] = ROWS.map(
  ([capability, method, path, origin, input, paging, purpose]) => ({
    capability,
    method,
    path,
    origin,
    input,
    paging,
    purpose,
  }),
);

export function candidatesFor(capability: AdminCapability): RouteCandidate[] {
  return ROUTE_CANDIDATES.filter((c) => c.capability === capability);
}

/**
 * A path template with its `{name}` parameters filled in, each value
 * percent-encoded so it stays one path segment.
 */
export function fillPath(
  template: string,
  values: Record<string, string>,
): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      throw new RangeError(`no value for path parameter "${name}"`);
    }
    return encodeURIComponent(value);
  });
}
