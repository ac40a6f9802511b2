/**
 * IP allowlist routes (CONTRACT §4.3). Every variant manages an ALLOW list:
 * a global entry lets its addresses through the platform's network gate.
 * The mounted router upserts on range + scope; the super-admin variant
 * lists and adds global entries only.
 */
import { z } from 'zod';
import {
  appendAudit,
  appendSecurityEvent,
  callerUuid,
  denyUnlessTier,
} from './handler-kit';
import { isSuperAdmin } from './identities';
import { networkContains, parseAddress, parseNetwork } from './ip-ranges';
import type { AllowlistEntry, AllowlistSetting } from './records';
import {
  detail,
  internalServerError,
  json,
  noContent,
  type SimResponse,
} from './responses';
import type { HandlerContext } from './route-types';
import { formatTimestamp, parseTimestamp, type Micros } from './sim-time';
import type { SimState } from './state';
import { body, checkRequest, path } from './validation';

const NO_SCOPE =
  'Value error, Must specify at least one of user_id, role_id, ' +
  'tenant_id, or set is_global=True';

/** `IPAllowlistEntryCreate`; the plan's extra `reason` key is dropped. */
const entryCreate = z
  .object({
    ip_range: body.ipRange(),
    description: body.str().nullish(),
    user_id: body.uuid().nullish(),
    role_id: body.uuid().nullish(),
    tenant_id: body.uuid().nullish(),
    is_global: body.bool().optional(),
    expires_at: body.datetime().nullish(),
  })
  .superRefine((entry, context) => {
    const scoped = entry.user_id ?? entry.role_id ?? entry.tenant_id;
    if (entry.is_global === false && !scoped) {
      context.addIssue({
        code: 'custom',
        path: ['is_global'],
        message: NO_SCOPE,
      });
    }
  });

type EntryInput = {
  ip_range: string;
  description: string | null;
  user_id: string | null;
  role_id: string | null;
  tenant_id: string | null;
  is_global: boolean;
  expires_at: Micros | null;
};

/** `IPAllowlistEntryResponse`, Pydantic-serialised (`Z` times). */
export function entryView(entry: AllowlistEntry) {
  const zoned = (at: Micros | null) =>
    at === null ? null : formatTimestamp(at, 'z');
  return {
    id: entry.id,
    ip_range: entry.ip_range,
    description: entry.description,
    user_id: entry.user_id,
    role_id: entry.role_id,
    tenant_id: entry.tenant_id,
    is_global: entry.is_global,
    is_active: entry.is_active,
    expires_at: zoned(entry.expires_at),
    created_at: zoned(entry.created_at),
    updated_at: zoned(entry.updated_at),
    created_by: entry.created_by,
  };
}

function sameScope(entry: AllowlistEntry, input: EntryInput): boolean {
  return (
    entry.ip_range === input.ip_range &&
    entry.user_id === input.user_id &&
    entry.role_id === input.role_id &&
    entry.tenant_id === input.tenant_id &&
    entry.is_global === input.is_global
  );
}

function auditEntryAdded(context: HandlerContext, entry: AllowlistEntry) {
  const details = {
    ip_range: entry.ip_range,
    scope: entry.is_global ? 'global' : 'scoped',
    expires_at:
      entry.expires_at === null
        ? null
        : formatTimestamp(entry.expires_at, 'offset'),
  };
  appendAudit(context, {
    action: 'ip_allowlist_entry_added',
    resource_type: 'ip_allowlist',
    resource_id: entry.id,
    details,
  });
  appendSecurityEvent(context, {
    event_type: 'ip_allowlist_entry_added',
    severity: 'medium',
    description: `IP allowlist entry ${entry.ip_range} added`,
    details,
  });
}

/** Upsert on range + scope: a repeat keeps the id and refreshes the rest. */
export function upsertEntry(
  context: HandlerContext,
  input: EntryInput,
): AllowlistEntry {
  const { state, now } = context;
  const existing = state.allowlist.find((entry) => sameScope(entry, input));
  const entry: AllowlistEntry = existing ?? {
    ...input,
    id: state.ids.uuid(),
    is_active: true,
    created_at: now,
    updated_at: now,
    created_by: callerUuid(context),
  };
  if (existing) {
    Object.assign(existing, {
      description: input.description,
      expires_at: input.expires_at,
      is_active: true,
      updated_at: now,
    });
  } else {
    state.allowlist.push(entry);
  }
  auditEntryAdded(context, entry);
  const kind = existing ? 'allowlist.entry-updated' : 'allowlist.entry-created';
  context.effect(kind, entry.id, {
    ip_range: entry.ip_range,
    is_global: entry.is_global,
  });
  return entry;
}

function removeEntry(context: HandlerContext, id: string): boolean {
  const { state } = context;
  const index = state.allowlist.findIndex((entry) => entry.id === id);
  if (index < 0) return false;
  const [entry] = state.allowlist.splice(index, 1);
  appendAudit(context, {
    action: 'ip_allowlist_entry_removed',
    resource_type: 'ip_allowlist',
    resource_id: entry.id,
    details: {
      ip_range: entry.ip_range,
      user_id: entry.user_id,
      role_id: entry.role_id,
      tenant_id: entry.tenant_id,
      is_global: entry.is_global,
    },
  });
  context.effect('allowlist.entry-removed', entry.id, {
    ip_range: entry.ip_range,
  });
  return true;
}

const ENTRIES_FORBIDDEN = 'Only super admins can manage IP allowlist entries';

/** `POST /api/admin/ip-allowlist/entries` as designed. */
export function createEntry(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    body: entryCreate,
  });
  if (!checked.ok) return checked.response;
  if (!isSuperAdmin(context.identity)) return detail(403, ENTRIES_FORBIDDEN);

  const input = checked.value.body;
  const entry = upsertEntry(context, {
    ip_range: input.ip_range,
    description: input.description ?? null,
    user_id: input.user_id ?? null,
    role_id: input.role_id ?? null,
    tenant_id: input.tenant_id ?? null,
    is_global: input.is_global ?? false,
    expires_at: input.expires_at?.micros ?? null,
  });
  return json(201, entryView(entry));
}

const entryPath = z.object({ entry_id: path.uuid() });

export function deleteEntry(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    path: entryPath,
  });
  if (!checked.ok) return checked.response;
  if (!isSuperAdmin(context.identity)) return detail(403, ENTRIES_FORBIDDEN);

  const removed = removeEntry(context, checked.value.path.entry_id);
  return removed ? noContent() : detail(404, 'IP allowlist entry not found');
}

const settingsBody = z.object({
  is_enforced: body.bool(),
  role_id: body.uuid().nullish(),
  tenant_id: body.uuid().nullish(),
  allow_temporary_bypass: body.bool().optional(),
  temporary_bypass_duration_minutes: body.int({ ge: 5, le: 1440 }).optional(),
  geo_restrict_countries: body.countries().nullish(),
  geo_block_countries: body.countries().nullish(),
});

function settingView(setting: AllowlistSetting) {
  return {
    id: setting.id,
    role_id: setting.role_id,
    tenant_id: setting.tenant_id,
    is_enforced: setting.is_enforced,
    allow_temporary_bypass: setting.allow_temporary_bypass,
    temporary_bypass_duration_minutes:
      setting.temporary_bypass_duration_minutes,
    geo_restrict_countries: setting.geo_restrict_countries,
    geo_block_countries: setting.geo_block_countries,
    created_at: formatTimestamp(setting.created_at, 'z'),
    updated_at: formatTimestamp(setting.updated_at, 'z'),
    created_by: setting.created_by,
    updated_by: setting.updated_by,
  };
}

type SettingsInput = z.output<typeof settingsBody>;

function storeSetting(context: HandlerContext, input: SettingsInput) {
  const { state, now } = context;
  const scope = {
    role_id: input.role_id ?? null,
    tenant_id: input.tenant_id ?? null,
  };
  const values = {
    ...scope,
    is_enforced: input.is_enforced,
    allow_temporary_bypass: input.allow_temporary_bypass ?? true,
    temporary_bypass_duration_minutes:
      input.temporary_bypass_duration_minutes ?? 60,
    geo_restrict_countries: input.geo_restrict_countries ?? null,
    geo_block_countries: input.geo_block_countries ?? null,
    updated_at: now,
    updated_by: callerUuid(context),
  };
  const existing = state.allowlistSettings.find(
    (s) => s.role_id === scope.role_id && s.tenant_id === scope.tenant_id,
  );
  if (existing) return Object.assign(existing, values);
  const created: AllowlistSetting = {
    ...values,
    id: state.ids.uuid(),
    created_at: now,
    created_by: callerUuid(context),
  };
  state.allowlistSettings.push(created);
  return created;
}

/** `POST /api/admin/ip-allowlist/settings`: upsert per role/tenant. */
export function saveSettings(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    body: settingsBody,
  });
  if (!checked.ok) return checked.response;
  if (!isSuperAdmin(context.identity)) {
    return detail(403, 'Only super admins can manage IP allowlist settings');
  }

  const setting = storeSetting(context, checked.value.body);
  const { role_id, tenant_id, is_enforced } = setting;
  appendAudit(context, {
    action: 'ip_allowlist_enforcement_set',
    resource_type: 'ip_allowlist_setting',
    resource_id: setting.id,
    details: { is_enforced, role_id, tenant_id },
  });
  context.effect('allowlist.settings-saved', setting.id, { is_enforced });
  return json(201, settingView(setting));
}

const bypassBody = z.object({
  ip_address: body.str().refine((value) => parseAddress(value) !== null, {
    error: 'Value error, Invalid IP address',
  }),
  duration_minutes: body.int({ ge: 5, le: 1440 }).optional(),
  reason: body.str().nullish(),
  verification_method: body.str().optional(),
});

/** A new row per call, for the caller's socket address (not the body's). */
export function createBypass(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    body: bypassBody,
  });
  if (!checked.ok) return checked.response;
  const { state, now, request } = context;
  if (!request.peer) {
    return detail(400, 'Could not determine client IP address');
  }

  const input = checked.value.body;
  const bypass = {
    id: state.ids.uuid(),
    user_id: callerUuid(context),
    ip_address: request.peer,
    created_at: now,
    expires_at: now + (input.duration_minutes ?? 60) * 60_000_000,
    reason: input.reason ?? null,
    verification_method: input.verification_method ?? 'email',
  };
  state.bypasses.push(bypass);
  appendAudit(context, {
    action: 'ip_temporary_bypass_created',
    resource_type: 'ip_bypass',
    resource_id: bypass.id,
    details: { ip_address: bypass.ip_address },
  });
  context.effect('allowlist.bypass-created', bypass.id, {
    ip_address: bypass.ip_address,
  });
  return json(201, {
    ...bypass,
    created_at: formatTimestamp(bypass.created_at, 'z'),
    expires_at: formatTimestamp(bypass.expires_at, 'z'),
  });
}

function isLive(entry: AllowlistEntry, now: Micros): boolean {
  return (
    entry.is_active && (entry.expires_at === null || entry.expires_at > now)
  );
}

/** Whether an active, unexpired global entry covers the address. */
export function globallyAllowed(state: SimState, address: string, now: Micros) {
  return state.allowlist.some((entry) => {
    if (!entry.is_global || !isLive(entry, now)) return false;
    const network = parseNetwork(entry.ip_range, false);
    return network.ok && networkContains(network.network, address);
  });
}

/** `GET /api/admin/ip-allowlist/check` for the caller's socket address. */
export function checkAddress(context: HandlerContext): SimResponse {
  const { state, now, request } = context;
  const uuid = callerUuid(context);
  const enforced = state.allowlistSettings.some(
    (s) => s.is_enforced && s.role_id === null && s.tenant_id === null,
  );
  const bypass = state.bypasses.some(
    (b) =>
      b.user_id === uuid && b.ip_address === request.peer && b.expires_at > now,
  );
  const covered = state.allowlist.some((entry) => {
    if (!isLive(entry, now)) return false;
    if (!entry.is_global && entry.user_id !== uuid) return false;
    const network = parseNetwork(entry.ip_range, false);
    return network.ok && networkContains(network.network, request.peer);
  });
  return json(200, {
    ip_address: request.peer,
    is_allowed: !enforced || covered || bypass,
    has_temporary_bypass: bypass,
  });
}

/** The mounted router as built: its auth dependency raises NameError. */
export const allowlistAsBuilt = (): SimResponse => internalServerError();

type GlobalView = {
  id: string;
  ip_range: string;
  description: string | null;
  is_active: boolean;
  expires_at?: string | null;
  created_at: string;
};

function globalView(entry: AllowlistEntry, withExpiry: boolean): GlobalView {
  const view: GlobalView = {
    id: entry.id,
    ip_range: entry.ip_range,
    description: entry.description,
    is_active: entry.is_active,
    created_at: formatTimestamp(entry.created_at, 'offset'),
  };
  if (!withExpiry) return view;
  const expires =
    entry.expires_at === null
      ? null
      : formatTimestamp(entry.expires_at, 'offset');
  return { ...view, expires_at: expires, created_at: view.created_at };
}

/** `GET /api/admin/super-admin/security/ip-allowlist`: global entries. */
export function listGlobalEntries(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const entries = context.state.allowlist.filter((entry) => entry.is_global);
  return json(200, { entries: entries.map((e) => globalView(e, true)) });
}

const globalCreate = z.object({
  ip_range: body.str(),
  description: body.str().nullish(),
  expires_at: body.str().nullish(),
});

/** Non-strict network parsing; `ValueError`s become 400. */
export function createGlobalEntry(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const checked = checkRequest(context.request, context.params, {
    body: globalCreate,
  });
  if (!checked.ok) return checked.response;

  const input = checked.value.body;
  const network = parseNetwork(input.ip_range, false);
  if (!network.ok) return detail(400, network.message);
  const expires = input.expires_at ? parseTimestamp(input.expires_at) : null;
  if (input.expires_at && expires === null) {
    return detail(400, `Invalid isoformat string: '${input.expires_at}'`);
  }
  const { state, now } = context;
  const entry: AllowlistEntry = {
    id: state.ids.uuid(),
    ip_range: network.network.text,
    description: input.description ?? null,
    user_id: null,
    role_id: null,
    tenant_id: null,
    is_global: true,
    is_active: true,
    expires_at: expires?.micros ?? null,
    created_at: now,
    updated_at: now,
    created_by: callerUuid(context),
  };
  state.allowlist.push(entry);
  auditEntryAdded(context, entry);
  context.effect('allowlist.entry-created', entry.id, {
    ip_range: entry.ip_range,
    is_global: true,
  });
  return json(201, globalView(entry, false));
}

const UUID_TEXT =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** No UUID validation: a malformed id fails in the database (500). */
export function deleteGlobalEntry(context: HandlerContext): SimResponse {
  const denied = denyUnlessTier(context, 'D');
  if (denied) return denied;
  const id = context.params.entry_id;
  if (!UUID_TEXT.test(id)) return internalServerError();
  const removed = removeEntry(context, id.toLowerCase());
  return removed ? noContent() : detail(404, 'IP allowlist entry not found');
}

const planCreate = z.object({
  ip_range: body.ipRange(),
  reason: body.str().nullish(),
  is_global: body.bool().optional(),
});

/** Plan: `POST /api/admin/security/ip-allowlist` `{ip_range, reason,
 * is_global}`; the reason is kept as the description. */
export function createEntryAsPlanned(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    body: planCreate,
  });
  if (!checked.ok) return checked.response;
  const input = checked.value.body;
  const entry = upsertEntry(context, {
    ip_range: input.ip_range,
    description: input.reason ?? null,
    user_id: null,
    role_id: null,
    tenant_id: null,
    is_global: input.is_global ?? false,
    expires_at: null,
  });
  return json(201, entryView(entry));
}

export function listEntriesAsPlanned(context: HandlerContext): SimResponse {
  return json(200, context.state.allowlist.map(entryView));
}

export function deleteEntryAsPlanned(context: HandlerContext): SimResponse {
  const checked = checkRequest(context.request, context.params, {
    path: entryPath,
  });
  if (!checked.ok) return checked.response;
  const removed = removeEntry(context, checked.value.path.entry_id);
  return removed ? noContent() : detail(404, 'IP allowlist entry not found');
}
