/**
 * Emergency lockouts (CONTRACT §4.2), the proposed sessions routes (§4.5)
 * and the super-admin team (§4.6.2). None of them is reached on the
 * reference server; these are the designed (or proposed) behaviours.
 */
import { z } from 'zod';
import { denyUnlessTier } from './handler-kit';
import type { SessionRecord, SystemLockout } from './records';
import {
  detail,
  internalServerError,
  json,
  noContent,
  type SimResponse,
} from './responses';
import type { HandlerContext } from './route-types';
import { formatTimestamp, MICROS_PER_HOUR, type Micros } from './sim-time';
import { body, checkRequest, query } from './validation';

const lockoutCreate = z.object({
  reason: body.str({ min: 10, max: 255 }),
  message: body.str({ min: 10, max: 500 }),
  duration_hours: body.int({ ge: 1, le: 168 }).nullish(),
  allow_read_only: body.bool().optional(),
});

const offset = (at: Micros | null) =>
  at === null ? null : formatTimestamp(at, 'offset');

/**
 * Always platform-wide, no duplicate guard: a repeat is a second active
 * lockout. `expires_at` comes from a naive clock, so it has no offset.
 */
export function createLockout(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    body: lockoutCreate,
  });
  if (!checked.ok) return checked.response;

  const input = checked.value.body;
  const { state, now } = context;
  const hours = input.duration_hours ?? null;
  const lockout: SystemLockout = {
    id: state.ids.uuid(),
    is_platform_wide: true,
    reason: input.reason,
    message: input.message,
    allow_read_only: input.allow_read_only ?? false,
    is_active: true,
    expires_at: hours === null ? null : now + hours * MICROS_PER_HOUR,
    created_at: now,
    deactivated_at: null,
    deactivated_by: null,
    created_by: context.identity.userId,
  };
  state.lockouts.push(lockout);
  context.effect('lockout.created', lockout.id, { reason: lockout.reason });
  return json(201, {
    id: lockout.id,
    reason: lockout.reason,
    message: lockout.message,
    is_active: true,
    expires_at:
      lockout.expires_at === null
        ? null
        : formatTimestamp(lockout.expires_at, 'naive'),
    created_at: formatTimestamp(lockout.created_at, 'offset'),
  });
}

/** Active rows, expired ones included (nothing expires them). */
export function listLockouts(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const active = context.state.lockouts.filter((lockout) => lockout.is_active);
  return json(200, {
    lockouts: active.map((lockout) => ({
      id: lockout.id,
      is_platform_wide: lockout.is_platform_wide,
      reason: lockout.reason,
      message: lockout.message,
      allow_read_only: lockout.allow_read_only,
      expires_at: offset(lockout.expires_at),
      created_at: offset(lockout.created_at),
    })),
  });
}

const UUID_TEXT =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A repeat answers 204 again and overwrites the deactivation time. */
export function deactivateLockout(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const id = context.params.lockout_id;
  if (!UUID_TEXT.test(id)) return internalServerError();

  const lockout = context.state.lockouts.find(
    (row) => row.id === id.toLowerCase(),
  );
  if (lockout === undefined) {
    return detail(404, 'Emergency lockout not found');
  }
  const wasActive = lockout.is_active;
  lockout.is_active = false;
  lockout.deactivated_at = context.now;
  lockout.deactivated_by = context.identity.userId;
  context.effect('lockout.deactivated', lockout.id, { wasActive });
  return noContent();
}

function sessionView(session: SessionRecord) {
  return {
    ...session,
    created_at: formatTimestamp(session.created_at, 'z'),
    last_activity: formatTimestamp(session.last_activity, 'z'),
    expires_at: formatTimestamp(session.expires_at, 'z'),
  };
}

/** Proposed: the active session records, `Z` times. */
export function listSessions(context: HandlerContext): SimResponse {
  const active = context.state.sessions.filter((s) => s.is_active);
  return json(200, active.map(sessionView));
}

/** Proposed: 204 whether or not the session existed. */
export function revokeSession(context: HandlerContext): SimResponse {
  const { state, params } = context;
  const index = state.sessions.findIndex(
    (s) => s.session_id === params.session_id,
  );
  if (index >= 0) {
    const [session] = state.sessions.splice(index, 1);
    context.effect('session.revoked', session.session_id, {
      user_id: session.user_id,
    });
  }
  return noContent();
}

/** Reference tier for the proposed sessions routes: super admin. */
export function listSessionsAsProposed(context: HandlerContext) {
  return denyUnlessTier(context, 'C') ?? listSessions(context);
}

export function revokeSessionAsProposed(context: HandlerContext) {
  return denyUnlessTier(context, 'C') ?? revokeSession(context);
}

/** Clerk membership objects: epoch-millisecond times, no `status`. */
export function listTeamMembers(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const members = context.state.admins.filter((account) => account.inTeam);
  return json(200, {
    members: members.map((account) => ({
      id: account.id,
      email: account.email,
      role: account.orgRole,
      status: null,
      created_at: Math.floor(account.joinedAt / 1000),
      updated_at: Math.floor(account.joinedAt / 1000),
    })),
  });
}

const inviteBody = z.object({
  email: body.str(),
  role: body.str().optional(),
});

export function inviteTeamMember(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    body: inviteBody,
  });
  if (!checked.ok) return checked.response;

  const { state, now } = context;
  const { email, role = 'admin' } = checked.value.body;
  if (state.invitations.some((invitation) => invitation.email === email)) {
    return detail(400, 'Failed to send invitation: duplicate invitation');
  }
  const invitation = { id: `orginv_${state.ids.uuid()}`, email, role };
  state.invitations.push({ ...invitation, invited_at: now });
  context.effect('team.member-invited', invitation.id, { email, role });
  return json(201, {
    ...invitation,
    status: 'pending',
    invited_at: Math.floor(now / 1000),
  });
}

export function removeTeamMember(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const { state, params, identity } = context;
  if (params.user_id === identity.userId) {
    return detail(400, 'Cannot remove yourself from SuperAdmin team');
  }
  const member = state.admins.find(
    (account) => account.id === params.user_id && account.inTeam,
  );
  if (member === undefined) {
    return detail(404, 'SuperAdmin not found or already removed');
  }
  member.inTeam = false;
  context.effect('team.member-removed', member.id, { email: member.email });
  return noContent();
}

/** `new_role` is a query parameter (CONTRACT §7.42). */
export function changeTeamRole(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    query: z.object({ new_role: query.str() }),
  });
  if (!checked.ok) return checked.response;

  const { state, params } = context;
  const member = state.admins.find(
    (account) => account.id === params.user_id && account.inTeam,
  );
  if (member === undefined) return detail(404, 'SuperAdmin not found');
  member.orgRole = checked.value.query.new_role;
  context.effect('team.role-changed', member.id, { role: member.orgRole });
  return json(200, { message: 'Role updated successfully' });
}
