/**
 * The identity probes of `routers/admin.py` (CONTRACT §4.6.1), the only
 * admin JSON routes that work on the reference server, and `GET /health`.
 */
import { denyUnlessTier } from './handler-kit';
import { isSeller, isSuperAdmin, type SimIdentity } from './identities';
import type { AdminAccount } from './records';
import { detail, json, type SimResponse } from './responses';
import type { HandlerContext } from './route-types';
import { formatTimestamp } from './sim-time';

const ADMIN_ORG = 'org_2kExampleAdminOrg00001';

/** What the super-admin `/me` variants fail with on the reference code:
 * the row's `roles` are role objects, not strings (CONTRACT §7.45). */
const ROLES_NOT_STRINGS =
  '1 validation error for AdminUserResponse\nroles.0\n  Input should be a ' +
  'valid string [type=string_type, input_value=<AdminRole super_admin>, ' +
  'input_type=AdminRole]';

function fromClaims(identity: SimIdentity) {
  return {
    id: identity.userId,
    email: identity.email,
    is_super_admin: isSuperAdmin(identity),
    is_active: true,
    roles: [...identity.roles],
    organization_source: identity.organizationSource,
    clerk_organization_id: null,
    clerk_organization_role: null,
    session_timeout_minutes: null,
    created_at: null,
    updated_at: null,
    last_activity_at: null,
  };
}

function fromRow(account: AdminAccount, identity: SimIdentity) {
  const joined = formatTimestamp(account.joinedAt, 'z');
  return {
    ...fromClaims(identity),
    email: account.email,
    is_super_admin: account.isSuperAdmin,
    clerk_organization_id: ADMIN_ORG,
    clerk_organization_role: account.orgRole,
    session_timeout_minutes: 60,
    created_at: joined,
    updated_at: joined,
    last_activity_at: joined,
  };
}

function accountOf(context: HandlerContext): AdminAccount | undefined {
  const id = context.identity.userId;
  return context.state.admins.find((account) => account.id === id);
}

function me(context: HandlerContext, asBuilt: boolean): SimResponse {
  const denied = denyUnlessTier(context, 'A');
  if (denied) return denied;
  const { identity } = context;
  if (!isSuperAdmin(identity)) return json(200, fromClaims(identity));

  const account = accountOf(context);
  if (asBuilt || account === undefined) {
    const reason = account
      ? ROLES_NOT_STRINGS
      : '404: Admin user not found in database';
    return detail(500, `Failed to get admin info: ${reason}`);
  }
  return json(200, fromRow(account, identity));
}

export const adminMe = (context: HandlerContext) => me(context, false);
export const adminMeAsBuilt = (context: HandlerContext) => me(context, true);

function superAdminMe(context: HandlerContext, asBuilt: boolean) {
  const denied = denyUnlessTier(context, 'C');
  if (denied) return denied;
  const account = accountOf(context);
  if (account === undefined || !account.isSuperAdmin) {
    const reason = '404: Super admin not found';
    return detail(500, `Failed to get super admin info: ${reason}`);
  }
  if (asBuilt) {
    return detail(500, `Failed to get super admin info: ${ROLES_NOT_STRINGS}`);
  }
  return json(200, fromRow(account, context.identity));
}

export const superAdminMeDesigned = (context: HandlerContext) =>
  superAdminMe(context, false);
export const superAdminMeAsBuilt = (context: HandlerContext) =>
  superAdminMe(context, true);

function granted(context: HandlerContext, message: string) {
  return {
    message,
    user_id: context.identity.userId,
    organization_source: context.identity.organizationSource,
  };
}

function requireSeller(context: HandlerContext): SimResponse | null {
  return isSeller(context.identity)
    ? null
    : detail(403, 'Seller access required');
}

export function sellerMe(context: HandlerContext): SimResponse {
  const { identity } = context;
  return (
    requireSeller(context) ??
    json(200, {
      id: identity.userId,
      email: identity.email,
      roles: [...identity.roles],
      organization_source: identity.organizationSource,
      metadata: {},
    })
  );
}

export function adminOnly(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'B');
  if (denied) return denied;
  if (!context.identity.roles.includes('admin')) {
    return detail(403, 'Admin access required');
  }
  return json(200, granted(context, 'Admin access granted'));
}

export function superAdminOnly(context: HandlerContext): SimResponse {
  return (
    denyUnlessTier(context, 'C') ??
    json(200, granted(context, 'Super admin access granted'))
  );
}

export function anyAdmin(context: HandlerContext): SimResponse {
  return (
    denyUnlessTier(context, 'B') ??
    json(200, {
      ...granted(context, 'Admin access granted'),
      roles: [...context.identity.roles],
    })
  );
}

export function sellerAdmin(context: HandlerContext): SimResponse {
  return (
    requireSeller(context) ??
    json(200, granted(context, 'Seller admin access granted'))
  );
}

/** Stateless: nothing is revoked, so no effect is recorded. */
export function logout(context: HandlerContext): SimResponse {
  return (
    denyUnlessTier(context, 'A') ??
    json(200, granted(context, 'Successfully logged out'))
  );
}

export const appHealth = (): SimResponse => json(200, { status: 'ok' });
