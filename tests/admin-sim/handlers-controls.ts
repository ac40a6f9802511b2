/**
 * Write routes the console's outbox needs beyond CONTRACT §4.2–4.3:
 * the super-admin 2FA requirement (§4.7, UNMOUNTED on the platform) and
 * a block list, which the platform does not have at all. The block list
 * is the console's proposed design, simulated so a test can show that an
 * address to block goes there and only there; it is absent by default.
 */
import { z } from 'zod';
import { denyUnlessTier } from './handler-kit';
import type { BlockEntry, TwoFactorRequirement } from './records';
import { json, type SimResponse } from './responses';
import type { HandlerContext } from './route-types';
import { formatTimestamp } from './sim-time';
import { body, checkRequest } from './validation';

const requirementInput = z.object({
  is_required: body.bool(),
  role_id: body.str({ max: 200 }).nullish(),
  tenant_id: body.str({ max: 200 }).nullish(),
  grace_period_days: body.int({ ge: 0, le: 90 }).optional(),
});

/** Upsert per (role, tenant), as `POST /2fa/requirement` is designed. */
export function setTwoFactorRequirement(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    body: requirementInput,
  });
  if (!checked.ok) return checked.response;

  const input = checked.value.body;
  const { state } = context;
  const roleId = input.role_id ?? null;
  const tenantId = input.tenant_id ?? null;
  let row = state.twoFactorRequirements.find(
    (r) => r.role_id === roleId && r.tenant_id === tenantId,
  );
  if (row === undefined) {
    row = {
      id: state.ids.uuid(),
      role_id: roleId,
      tenant_id: tenantId,
      is_required: input.is_required,
      grace_period_days: input.grace_period_days ?? 7,
    } satisfies TwoFactorRequirement;
    state.twoFactorRequirements.push(row);
  }
  row.is_required = input.is_required;
  row.grace_period_days = input.grace_period_days ?? 7;
  context.effect('twofactor.requirement-set', row.id, {
    isRequired: row.is_required,
  });
  return json(201, { ...row });
}

const blockInput = z.object({
  ip_range: body.ipRange(),
  reason: body.str({ min: 1, max: 500 }).nullish(),
});

/** Proposed: each call refuses the range (a new row, no upsert). */
export function createBlockEntry(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    body: blockInput,
  });
  if (!checked.ok) return checked.response;

  const { state, now } = context;
  const entry: BlockEntry = {
    id: state.ids.uuid(),
    ip_range: checked.value.body.ip_range,
    reason: checked.value.body.reason ?? null,
    created_at: now,
  };
  state.blocklist.push(entry);
  context.effect('blocklist.entry-created', entry.id, {
    ipRange: entry.ip_range,
  });
  return json(201, {
    ...entry,
    created_at: formatTimestamp(entry.created_at, 'z'),
  });
}
