/**
 * What several route handlers share: the dependency tiers of CONTRACT §3.2
 * and the audit rows and security events that write routes leave behind.
 */
import {
  isAdmin,
  isSeller,
  isSuperAdmin,
  userUuidOf,
  type SimIdentity,
} from './identities';
import type { AuditRecord, EventSeverity } from './records';
import { detail, type SimResponse } from './responses';
import type { HandlerContext } from './route-types';
import { insertByTime } from './tables';

/** Handler-level role checks; the middleware's text checks ran before. */
export type Tier = 'A' | 'B' | 'C' | 'D';

const TIER_FAILURES: Record<Exclude<Tier, 'D'>, string> = {
  A: 'Admin or seller access required',
  B: 'Admin access required',
  C: 'Super admin access required',
};

function passes(tier: Tier, identity: SimIdentity): boolean {
  if (tier === 'A') return isAdmin(identity) || isSeller(identity);
  if (tier === 'C') return isSuperAdmin(identity);
  return isAdmin(identity);
}

/** Null when the caller passes; otherwise the platform's 403 or 404. */
export function denyUnlessTier(
  context: HandlerContext,
  tier: Tier,
): SimResponse | null {
  const { identity, state } = context;
  if (!passes(tier, identity)) {
    return detail(403, TIER_FAILURES[tier === 'D' ? 'B' : tier]);
  }
  const known = state.admins.some((account) => account.id === identity.userId);
  if (tier === 'D' && !known) {
    return detail(404, 'Admin user not found in database');
  }
  return null;
}

/** The `users.id` UUID the platform writes as `created_by` / `user_id`. */
export function callerUuid(context: HandlerContext): string {
  return userUuidOf(context.state.admins, context.identity);
}

type AuditInput = Pick<AuditRecord, 'action' | 'resource_type'> &
  Partial<Pick<AuditRecord, 'resource_id' | 'details' | 'message'>>;

export function appendAudit(context: HandlerContext, input: AuditInput) {
  const row: AuditRecord = {
    id: context.state.ids.uuid(),
    user_id: callerUuid(context),
    ip_address: null,
    user_agent: null,
    at: context.now,
    status: 'success',
    resource_id: null,
    tenant_id: null,
    details: null,
    message: null,
    ...input,
  };
  insertByTime(context.state.audit.rows, row);
}

type EventInput = {
  event_type: string;
  severity: EventSeverity;
  description: string;
  details: Record<string, unknown>;
};

export function appendSecurityEvent(
  context: HandlerContext,
  input: EventInput,
) {
  insertByTime(context.state.events.rows, {
    id: context.state.ids.uuid(),
    at: context.now,
    user_id: callerUuid(context),
    ip_address: context.request.peer || null,
    ...input,
  });
}
