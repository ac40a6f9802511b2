import type { IncomingHttpHeaders } from 'node:http';
import type { SimIdentity } from './identities';
import type { SimResponse } from './responses';
import type { Micros } from './sim-time';
import type { EffectKind, SimState } from './state';

export type SimProfile = 'plan' | 'reference';

export const ROUTE_IDS = [
  'health',
  'security.metrics',
  'security.events',
  'security.alerts',
  'security.health',
  'security.emergency-lockdown',
  'security.ip-allowlist.create',
  'security.ip-allowlist.list',
  'security.ip-allowlist.delete',
  'lockouts.create',
  'lockouts.list',
  'lockouts.deactivate',
  'allowlist.entries.create',
  'allowlist.entries.delete',
  'allowlist.settings',
  'allowlist.temporary-bypass',
  'allowlist.check',
  'super-admin.ip-allowlist.list',
  'super-admin.ip-allowlist.create',
  'super-admin.ip-allowlist.delete',
  'audit.list',
  'audit.get',
  'audit.by-user',
  'audit.by-tenant',
  'audit.by-resource',
  'super-admin.audit-logs',
  'sessions.list',
  'sessions.revoke',
  'team.members',
  'team.invite',
  'team.remove',
  'team.role',
  'super-admin.2fa.requirement',
  'security.ip-blocklist.create',
  'identity.me',
  'identity.super-admin-me',
  'identity.seller-me',
  'identity.admin-only',
  'identity.super-admin-only',
  'identity.any-admin',
  'identity.seller-admin',
  'identity.logout',
] as const;

export type RouteId = (typeof ROUTE_IDS)[number];

/**
 * `designed`: answers as the handler and its schema were designed (for
 * ABSENT routes: the proposed shape). `broken`: answers as the reference
 * code really does (CONTRACT §7). `absent`: not routed at all, so the
 * router's 404 (or 405 / 307) answers, as for an unmounted router.
 */
export type RouteMode = 'designed' | 'broken' | 'absent';

export const ROUTE_MODES: readonly RouteMode[] = [
  'designed',
  'broken',
  'absent',
];

/** The CONTRACT §0 tags, plus PLAN for the plan profile's own routes. */
export type ContractStatus =
  'LIVE' | 'LIVE-BROKEN' | 'UNMOUNTED' | 'ABSENT' | 'PLAN';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const WRITE_METHODS: ReadonlySet<string> = new Set([
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
]);

export type SimRequest = {
  seq: number;
  method: string;
  /** Decoded path, no query string. */
  path: string;
  /** The raw query string with its `?`, or empty. */
  search: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** The TCP peer as the platform sees it (`peerAddress` option or real). */
  peer: string;
};

export type HandlerContext = {
  request: SimRequest;
  params: Record<string, string>;
  /** The caller; routes run only after the profile's token check. */
  identity: SimIdentity;
  state: SimState;
  now: Micros;
  /** Records one state change (see state.ts). */
  effect(
    kind: EffectKind,
    target: string | null,
    details?: Record<string, unknown>,
  ): void;
};

export type RouteHandler = (context: HandlerContext) => SimResponse;

export type RouteSpec = {
  id: RouteId;
  method: HttpMethod;
  /** FastAPI style template: `/api/admin/ip-allowlist/entries/{entry_id}`. */
  path: string;
  contract: ContractStatus;
  summary: string;
  /** Query parameter names, for the OpenAPI document. */
  query?: readonly string[];
  /** Those of `query` that are required. */
  requiredQuery?: readonly string[];
  /** Whether the route reads a JSON body, for the OpenAPI document. */
  body?: boolean;
  designed: RouteHandler;
  /** What the reference code really answers; defaults to `designed`. */
  broken?: RouteHandler;
};
