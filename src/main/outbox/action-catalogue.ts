/**
 * What each kind of action is on the wire: the capability it needs, the
 * request it becomes on the route the server offers, whether sending it
 * twice could act twice (CONTRACT §6), and how the server's state is read
 * back to tell whether an unanswered attempt took effect.
 *
 * `address-block` only ever goes to a route of the `address-block`
 * capability that is not an allowlist path; the platform has none, so
 * there the console does it by hand (firewall, WAF).
 */
import type { AdminCapability } from '../../shared/admin-api-types';
import type {
  ActionKind,
  ActionRequest,
  ActionRequestOf,
} from '../../shared/outbox-types';
import type {
  AdminClient,
  AdminMethod,
  AdminResult,
  CapabilityRoute,
  QueryValue,
} from '../admin-api/admin-client-types';
import { fillPath, isAllowlistPath } from '../admin-api/capability-routes';

export type WireRequest = {
  method: AdminMethod;
  path: string;
  query?: Record<string, QueryValue>;
  body?: Record<string, QueryValue>;
};

/** What reading the server's state back said about an action. */
export type ReadBack =
  | { kind: 'took-effect'; resultId: string | null; summary: string }
  | { kind: 'not-found'; summary: string }
  | { kind: 'failed'; summary: string };

export type ReadBackContext = {
  client: AdminClient;
  /** Result ids other actions of this outbox already account for. */
  claimed: ReadonlySet<string>;
};

export type ActionSpec<K extends ActionKind = ActionKind> = {
  kind: K;
  label: string;
  /** Null: the platform offers no way to do it at all. */
  capability: AdminCapability | null;
  destructive: boolean;
  manualFallback: string;
  build(request: ActionRequestOf<K>, route: CapabilityRoute): WireRequest;
  /**
   * A resend cannot add a second effect on this route even if the server
   * ignores `Idempotency-Key` (an upsert, a delete whose repeat is 404).
   */
  repeatSafe(route: CapabilityRoute): boolean;
  /** 404 from the route means the thing is already gone: done. */
  notFoundMeansDone: boolean;
  /** The capability a read-back needs; null when there is none. */
  readBackCapability: AdminCapability | null;
  readBack?(
    request: ActionRequestOf<K>,
    context: ReadBackContext,
  ): Promise<ReadBack>;
};

const MANUAL_LOCKDOWN =
  'Lock the admin accounts by hand in the identity provider (Clerk) and ' +
  'revoke their sessions there; record who and when.';
const MANUAL_BLOCK =
  'Block the address at the firewall or WAF in front of the platform ' +
  '(never on its IP allowlist, which grants access); record the rule.';

function failedRead<T>(result: AdminResult<T>): ReadBack | null {
  if (result.ok) return null;
  return { kind: 'failed', summary: result.error.message };
}

/** `203.0.113.7` and `203.0.113.7/32` are the same range. */
export function sameRange(a: string, b: string): boolean {
  const norm = (value: string) =>
    value
      .trim()
      .toLowerCase()
      .replace(/\/(32|128)$/, '');
  return norm(a) === norm(b);
}

/** The id a 2xx body names (a lockout, an allowlist entry), if any. */
export function resultIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as Record<string, unknown>).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

const lockdown: ActionSpec<'lockdown'> = {
  kind: 'lockdown',
  label: 'lockdown',
  capability: 'emergency-lockdown',
  destructive: true,
  manualFallback: MANUAL_LOCKDOWN,
  build(request, route) {
    const { reason } = request;
    const inQuery = route.input !== 'json-body';
    const inBody = route.input !== 'query';
    return {
      method: route.method,
      path: route.path,
      ...(inQuery ? { query: { reason } } : {}),
      ...(inBody ? { body: { reason } } : {}),
    };
  },
  // A repeat re-locks everyone for a fresh 24 h and writes another audit
  // row, and nothing can be read back: the commander decides.
  repeatSafe: () => false,
  notFoundMeansDone: false,
  readBackCapability: null,
};

const lockoutCreate: ActionSpec<'lockout-create'> = {
  kind: 'lockout-create',
  label: 'lockout',
  capability: 'lockout-create',
  destructive: true,
  manualFallback: MANUAL_LOCKDOWN,
  build(request, route) {
    return {
      method: route.method,
      path: route.path,
      body: {
        reason: request.reason,
        message: request.message,
        duration_hours: request.durationHours,
        allow_read_only: request.allowReadOnly,
      },
    };
  },
  // Each POST inserts another active lockout row.
  repeatSafe: () => false,
  notFoundMeansDone: false,
  readBackCapability: 'lockouts-list',
  async readBack(request, { client, claimed }) {
    const result = await client.lockouts('emergency');
    const failed = failedRead(result);
    if (failed || !result.ok) return failed!;
    const found = result.value.find(
      (lockout) =>
        !claimed.has(lockout.id) &&
        lockout.reason === request.reason &&
        lockout.message === request.message,
    );
    return found
      ? {
          kind: 'took-effect',
          resultId: found.id,
          summary: `active lockout ${found.id} found with this reason`,
        }
      : { kind: 'not-found', summary: 'no active lockout with this reason' };
  },
};

const lockoutLift: ActionSpec<'lockout-lift'> = {
  kind: 'lockout-lift',
  label: 'lift lockout',
  capability: 'lockout-lift',
  destructive: false,
  manualFallback:
    'Lockouts on the platform expire on their own (lockdown locks after ' +
    '24 h); note when it ends.',
  build: (request, route) => ({
    method: route.method,
    path: fillPath(route.path, { lockout_id: request.lockoutId }),
  }),
  // A repeat answers 204 again; only the deactivation time moves.
  repeatSafe: () => true,
  notFoundMeansDone: false,
  readBackCapability: 'lockouts-list',
  async readBack(request, { client }) {
    const result = await client.lockouts('emergency');
    const failed = failedRead(result);
    if (failed || !result.ok) return failed!;
    const active = result.value.some((l) => l.id === request.lockoutId);
    return active
      ? { kind: 'not-found', summary: 'the lockout is still active' }
      : {
          kind: 'took-effect',
          resultId: null,
          summary: 'the lockout is no longer active',
        };
  },
};

/** The platform's entries route upserts on the range and scope. */
function isUpsertAllowlistRoute(route: CapabilityRoute): boolean {
  return route.path.endsWith('/ip-allowlist/entries');
}

const allowlistAdd: ActionSpec<'allowlist-add'> = {
  kind: 'allowlist-add',
  label: 'allow address',
  capability: 'allowlist-add',
  destructive: true,
  manualFallback:
    'Add the range to the admin allowlist by hand (database or ' +
    'platform console); it GRANTS access to the admin API.',
  build(request, route) {
    return {
      method: route.method,
      path: route.path,
      // Each variant ignores the keys it does not know (CONTRACT §4.3).
      body: {
        ip_range: request.address,
        description: request.description ?? request.reason.slice(0, 255),
        is_global: true,
        expires_at: request.expiresAt,
        reason: request.reason,
      },
    };
  },
  repeatSafe: isUpsertAllowlistRoute,
  notFoundMeansDone: false,
  readBackCapability: 'allowlist-list',
  async readBack(request, { client }) {
    const result = await client.allowlistEntries('emergency');
    const failed = failedRead(result);
    if (failed || !result.ok) return failed!;
    const found = result.value.find(
      (entry) => entry.active && sameRange(entry.ipRange, request.address),
    );
    return found
      ? {
          kind: 'took-effect',
          resultId: found.id,
          summary: `allowlist entry ${found.id} holds ${found.ipRange}`,
        }
      : { kind: 'not-found', summary: 'no active entry for this range' };
  },
};

const allowlistRemove: ActionSpec<'allowlist-remove'> = {
  kind: 'allowlist-remove',
  label: 'remove allowed address',
  capability: 'allowlist-remove',
  destructive: false,
  manualFallback:
    'Remove the entry from the admin allowlist by hand (database or ' +
    'platform console).',
  build: (request, route) => ({
    method: route.method,
    path: fillPath(route.path, { entry_id: request.entryId }),
  }),
  // A repeat is 404, which is taken as done.
  repeatSafe: () => true,
  notFoundMeansDone: true,
  readBackCapability: 'allowlist-list',
  async readBack(request, { client }) {
    const result = await client.allowlistEntries('emergency');
    const failed = failedRead(result);
    if (failed || !result.ok) return failed!;
    const present = result.value.some((e) => e.id === request.entryId);
    return present
      ? { kind: 'not-found', summary: 'the entry is still listed' }
      : { kind: 'took-effect', resultId: null, summary: 'entry gone' };
  },
};

const addressBlock: ActionSpec<'address-block'> = {
  kind: 'address-block',
  label: 'block address',
  capability: 'address-block',
  destructive: true,
  manualFallback: MANUAL_BLOCK,
  build(request, route) {
    if (route.capability !== 'address-block' || isAllowlistPath(route.path)) {
      throw new RangeError('an address to block never goes to an allowlist');
    }
    return {
      method: route.method,
      path: route.path,
      body: { ip_range: request.address, reason: request.reason },
    };
  },
  repeatSafe: () => false,
  notFoundMeansDone: false,
  readBackCapability: null,
};

function deleteById<K extends ActionKind>(
  kind: K,
  capability: AdminCapability,
  parts: {
    label: string;
    param: string;
    id: (request: ActionRequestOf<K>) => string;
    manualFallback: string;
  },
): ActionSpec<K> {
  return {
    kind,
    label: parts.label,
    capability,
    destructive: true,
    manualFallback: parts.manualFallback,
    build: (request, route) => ({
      method: route.method,
      path: fillPath(route.path, { [parts.param]: parts.id(request) }),
    }),
    repeatSafe: () => true,
    notFoundMeansDone: true,
    readBackCapability: null,
  };
}

const sessionRevoke = deleteById('session-revoke', 'session-revoke', {
  label: 'revoke session',
  param: 'session_id',
  id: (request) => request.sessionId,
  manualFallback:
    'Revoke the session in the identity provider (Clerk); rotate the ' +
    'signing secret if tokens must stop working (they are stateless).',
});

const accountDisable = deleteById('account-disable', 'account-disable', {
  label: 'disable account',
  param: 'user_id',
  id: (request) => request.userId,
  manualFallback:
    'Disable the account in the identity provider (Clerk) and remove it ' +
    'from the admin organisation; record who and when.',
});

const passwordReset: ActionSpec<'password-reset'> = {
  kind: 'password-reset',
  label: 'password reset',
  capability: null,
  destructive: true,
  manualFallback:
    'Force the password reset in the identity provider (Clerk): the ' +
    'platform has no route for it.',
  build() {
    throw new RangeError('the platform has no password-reset route');
  },
  repeatSafe: () => false,
  notFoundMeansDone: false,
  readBackCapability: null,
};

const admin2faRequire: ActionSpec<'admin-2fa-require'> = {
  kind: 'admin-2fa-require',
  label: 'require 2FA',
  capability: 'admin-2fa-require',
  destructive: true,
  manualFallback:
    'Require 2FA for admins in the identity provider (Clerk) settings.',
  build: (request, route) => ({
    method: route.method,
    path: route.path,
    body: {
      is_required: true,
      role_id: request.roleId,
      tenant_id: request.tenantId,
      grace_period_days: request.gracePeriodDays,
    },
  }),
  // Upsert per role and tenant.
  repeatSafe: () => true,
  notFoundMeansDone: false,
  readBackCapability: null,
};

type Catalogue = { [K in ActionKind]: ActionSpec<K> };

export const ACTION_CATALOGUE: Catalogue = {
  lockdown,
  'lockout-create': lockoutCreate,
  'lockout-lift': lockoutLift,
  'allowlist-add': allowlistAdd,
  'allowlist-remove': allowlistRemove,
  'address-block': addressBlock,
  'session-revoke': sessionRevoke,
  'account-disable': accountDisable,
  'password-reset': passwordReset,
  'admin-2fa-require': admin2faRequire,
};

export function specOf(kind: ActionKind): ActionSpec {
  return ACTION_CATALOGUE[kind] as unknown as ActionSpec;
}

/** The wire request; throws RangeError for a route the action refuses. */
export function wireRequestOf(
  request: ActionRequest,
  route: CapabilityRoute,
): WireRequest {
  return specOf(request.kind).build(request as never, route);
}
