/**
 * What stands in front of the routes. Reference: the platform's middleware
 * chain of CONTRACT §3.1 for `/api/admin*` (Host allowlist →
 * ADMIN_ALLOWED_IPS → Authorization present → token known → admin role on
 * admin-only paths → database global allowlist), then the rate limiter for
 * every path, with the plain-text rejections of §3.5. Plan: a bearer check
 * only, answered as a FastAPI app built from the plan would (`HTTPBearer`'s
 * JSON 401s).
 */
import { globallyAllowed } from './handlers-allowlist';
import { isAdmin, type SimIdentity } from './identities';
import { detail, json, text, type SimResponse } from './responses';
import type { SimProfile, SimRequest } from './route-types';
import type { Micros } from './sim-time';
import type { SimState } from './state';

/** The platform's hard-coded Host allowlist (CONTRACT §2.4). */
export const CONTRACT_ALLOWED_HOSTS: readonly string[] = [
  'admin.enwhe.com',
  'localhost:3000',
  '127.0.0.1:3000',
  'testserver',
  'localhost:8000',
  '127.0.0.1:8000',
];

/** `ADMIN_ALLOWED_IPS`' default (CONTRACT §3.3). */
export const CONTRACT_ADMIN_ALLOWED_IPS: readonly string[] = [
  '127.0.0.1',
  '::1',
  'testclient',
  'testserver',
];

export type ReferenceGates = {
  /**
   * Accepted Host headers; null turns the check off. Default: the
   * contract's list plus the simulator's own `127.0.0.1:PORT`.
   */
  allowedHosts?: readonly string[] | null;
  /** Default: the contract's; null or [] turns the check off. */
  adminAllowedIps?: readonly string[] | null;
  /** The database global-allowlist gate (default on; loopback exempt). */
  dbAllowlist?: boolean;
  /** Default 60 per 60 s per client IP (loopback exempt); null: off. */
  rateLimit?: { limit: number; windowSeconds: number } | null;
};

export type GateConfig = {
  allowedHosts: readonly string[] | null;
  adminAllowedIps: readonly string[] | null;
  dbAllowlist: boolean;
  rateLimit: { limit: number; windowSeconds: number } | null;
};

export type GateInput = {
  profile: SimProfile;
  request: SimRequest;
  config: GateConfig;
  tokens: ReadonlyMap<string, SimIdentity>;
  state: SimState;
  now: Micros;
  /** Request times per client IP, for the rate limiter. */
  rateWindows: Map<string, Micros[]>;
};

export type GateResult =
  | { ok: true; identity: SimIdentity | null }
  | { ok: false; response: SimResponse; gate: string };

const ADMIN_ROLE_PATHS = [
  '/admin-only',
  '/super-admin-only',
  '/any-admin',
  '/super-admin/',
];
const PEER_EXEMPT = new Set(['127.0.0.1', '::1', 'testclient', 'testserver']);
const RATE_EXEMPT_IPS = new Set(['testclient', '127.0.0.1', 'localhost']);
const RATE_EXEMPT_HOSTS = new Set([
  'testserver',
  'localhost:8000',
  '127.0.0.1:8000',
]);

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** First `X-Forwarded-For` hop, else `X-Real-IP`, else the peer — as sent,
 * so a client can claim any address (CONTRACT §7.20). */
export function claimedClientIp(request: SimRequest): string {
  const forwarded = header(request, 'x-forwarded-for')?.split(',')[0].trim();
  return forwarded || header(request, 'x-real-ip') || request.peer;
}

function bearer(request: SimRequest): string | undefined {
  return header(request, 'authorization')?.replace('Bearer ', '');
}

function reject(gate: string, response: SimResponse): GateResult {
  return { ok: false, gate, response };
}

function superAdminMiddleware(input: GateInput): GateResult {
  const { request, config, tokens } = input;
  const host = header(request, 'host') ?? '';
  if (config.allowedHosts !== null && !config.allowedHosts.includes(host)) {
    return reject('host', text(403, 'Access denied for this domain'));
  }
  const ips = config.adminAllowedIps;
  if (ips && ips.length > 0 && !ips.includes(claimedClientIp(request))) {
    return reject('admin-ip', text(403, 'Access denied from this IP address'));
  }
  if (!header(request, 'authorization')) {
    return reject('auth', text(401, 'Authentication required'));
  }
  const identity = tokens.get(bearer(request) ?? '');
  if (identity === undefined) {
    return reject('auth', text(401, 'Invalid authentication token'));
  }
  const adminPath = ADMIN_ROLE_PATHS.some((p) => request.path.includes(p));
  if (adminPath && !isAdmin(identity)) {
    return reject('role', text(403, 'Admin role required'));
  }
  return { ok: true, identity };
}

function databaseAllowlist(input: GateInput): GateResult | null {
  const { request, state, now } = input;
  if (!input.config.dbAllowlist || PEER_EXEMPT.has(request.peer)) return null;
  if (globallyAllowed(state, request.peer, now)) return null;
  return reject('allowlist', detail(403, 'Access denied: IP not allowed.'));
}

function rateLimited(input: GateInput): GateResult | null {
  const { request, config, now, rateWindows } = input;
  const limit = config.rateLimit;
  const ip = claimedClientIp(request);
  const host = header(request, 'host') ?? '';
  if (!limit || RATE_EXEMPT_IPS.has(ip) || RATE_EXEMPT_HOSTS.has(host)) {
    return null;
  }
  const since = now - limit.windowSeconds * 1_000_000;
  const recent = (rateWindows.get(ip) ?? []).filter((at) => at > since);
  if (recent.length >= limit.limit) {
    rateWindows.set(ip, recent);
    const headers = { 'retry-after': String(limit.windowSeconds) };
    return reject('rate-limit', text(429, 'Rate limit exceeded', headers));
  }
  rateWindows.set(ip, [...recent, now]);
  return null;
}

function referenceGates(input: GateInput): GateResult {
  let identity: SimIdentity | null = null;
  if (input.request.path.startsWith('/api/admin')) {
    const admitted = superAdminMiddleware(input);
    if (!admitted.ok) return admitted;
    identity = admitted.identity;
    const refused = databaseAllowlist(input);
    if (refused) return refused;
  }
  return rateLimited(input) ?? { ok: true, identity };
}

const PLAN_CHALLENGE = { 'www-authenticate': 'Bearer' };

function planGates(input: GateInput): GateResult {
  const { request, tokens } = input;
  if (!request.path.startsWith('/api/admin')) {
    return { ok: true, identity: null };
  }
  const given = header(request, 'authorization');
  if (!given?.startsWith('Bearer ')) {
    const body = { detail: 'Not authenticated' };
    return reject('auth', json(401, body, PLAN_CHALLENGE));
  }
  const identity = tokens.get(given.slice('Bearer '.length));
  if (identity === undefined) {
    const body = { detail: 'Invalid authentication credentials' };
    return reject('auth', json(401, body, PLAN_CHALLENGE));
  }
  return { ok: true, identity };
}

export function runGates(input: GateInput): GateResult {
  return input.profile === 'reference'
    ? referenceGates(input)
    : planGates(input);
}
