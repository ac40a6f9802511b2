/**
 * A simulator of the platform's admin API (../shared/admin-api/CONTRACT.md)
 * for tests, benchmarks and `npm run api:sim`: a real HTTP server on
 * 127.0.0.1 whose state changes when its write routes are called.
 *
 * Profiles
 *   plan       The incident-response plan's calls exactly as it writes them:
 *              `POST /api/admin/security/emergency-lockdown` with a JSON
 *              `{"reason"}`, `POST /api/admin/security/ip-allowlist`
 *              `{"ip_range","reason","is_global"}`, `GET /api/admin/audit/
 *              logs?start_date=&end_date=`, the security alerts / events /
 *              health calls, sessions (routes-plan.ts). Bearer check only;
 *              401s are FastAPI `HTTPBearer` JSON.
 *   reference  The platform's code as CONTRACT §4 reads it: `reason` in the
 *              query, bare JSON arrays, `{"detail": …}` errors and the 422
 *              `fields` format, the real prefixes (/api/admin/security/*,
 *              /api/admin/super-admin/security/*, /api/admin/ip-allowlist/*),
 *              the middleware's plain-text rejections (Host, ADMIN_ALLOWED_IPS,
 *              token, admin role), the JSON database-allowlist rejection and
 *              the 60-per-minute limiter (§3), the 405 and trailing-slash 307
 *              of its router, its three timestamp styles, no idempotency key.
 *   Both are seeded from the contract's examples (state.ts): with no
 *   generated volume, the routes answer the examples' bodies; generated
 *   rows (`volume`) are all older than 2025-01-20T09:00Z.
 *
 * Reference gates by default: the Host list of CONTRACT §2.4 plus the
 * simulator's own `127.0.0.1:PORT`; ADMIN_ALLOWED_IPS and the database
 * allowlist as the contract's defaults, which a loopback client passes
 * (set `peerAddress` to be seen as a remote peer); the limiter, which
 * exempts loopback too. All are switchable (`gates`).
 *
 * Built on node:http rather than Fastify: the faults need the raw socket
 * (resets, truncation, a closed listener), and the platform's own router
 * answers (404 / 405 / 307, 422 formats) would be pre-empted by a
 * framework's routing and body parsing.
 *
 * Route modes: `designed` (as designed, or as proposed for ABSENT routes),
 * `broken` (what the reference code really answers, CONTRACT §7), `absent`
 * (unrouted: 404 `{"detail":"Not Found"}`, or 405 / 307 as the router
 * would). Reference routes and their defaults, by CONTRACT §0 tag:
 *
 *   {A} = /api/admin/ip-allowlist      {S} = /api/admin/security
 *   {SA} = /api/admin/super-admin/security   {L} = /api/admin/audit/logs
 *
 *   LIVE → designed
 *     health                          GET    /health
 *     identity.seller-me              GET    /api/admin/seller/me
 *     identity.admin-only             GET    /api/admin/admin-only
 *     identity.super-admin-only       GET    /api/admin/super-admin-only
 *     identity.any-admin              GET    /api/admin/any-admin
 *     identity.seller-admin           GET    /api/admin/seller-admin
 *     identity.logout                 POST   /api/admin/logout
 *   LIVE-BROKEN → broken
 *     identity.me                     GET    /api/admin/me
 *     identity.super-admin-me         GET    /api/admin/super-admin/me
 *     allowlist.entries.create        POST   {A}/entries
 *     allowlist.entries.delete        DELETE {A}/entries/{entry_id}
 *     allowlist.settings              POST   {A}/settings
 *     allowlist.temporary-bypass      POST   {A}/temporary-bypass
 *     allowlist.check                 GET    {A}/check
 *   UNMOUNTED → absent
 *     security.metrics                GET    {S}/metrics
 *     security.events                 GET    {S}/events
 *     security.alerts                 GET    {S}/alerts
 *     security.health                 GET    {S}/health
 *     security.emergency-lockdown     POST   {S}/emergency-lockdown?reason=
 *     lockouts.create                 POST   {SA}/emergency/lockout
 *     lockouts.list                   GET    {SA}/emergency/lockouts
 *     lockouts.deactivate             DELETE {SA}/emergency/lockout/{id}
 *     super-admin.ip-allowlist.list   GET    {SA}/ip-allowlist
 *     super-admin.ip-allowlist.create POST   {SA}/ip-allowlist
 *     super-admin.ip-allowlist.delete DELETE {SA}/ip-allowlist/{entry_id}
 *     super-admin.audit-logs          GET    {SA}/audit-logs
 *     team.members                    GET    {SA}/team/members
 *     team.invite                     POST   {SA}/team/invite
 *     team.remove                     DELETE {SA}/team/member/{user_id}
 *     team.role                       PATCH  {SA}/team/member/{user_id}/role
 *     super-admin.2fa.requirement     POST   {SA}/2fa/requirement
 *     audit.list                      GET    {L}/   ({L} answers 307 to it)
 *     audit.get                       GET    {L}/{log_id}
 *     audit.by-user                   GET    {L}/user/{user_id}
 *     audit.by-tenant                 GET    {L}/tenant/{tenant_id}
 *     audit.by-resource               GET    {L}/resource/{type}/{id}
 *   ABSENT (proposed shape) → absent
 *     sessions.list                   GET    {S}/sessions
 *     sessions.revoke                 DELETE {S}/sessions/{session_id}
 *     security.ip-blocklist.create    POST   {S}/ip-blocklist  (the console's
 *                                     proposed block list; the platform has
 *                                     none)
 *
 * `broken` answers: the security-dashboard routes and the mounted allowlist
 * router a plain-text 500 (before any change); health a 200 `degraded`;
 * the super-admin allowlist GET/POST a 500; both `/me` routes, for super
 * admins, a JSON 500 "Failed to get … info". Plan routes all default to
 * `designed`. Preset `designed` makes every route of a profile designed.
 * The OpenAPI document (`GET /api/v1/openapi.json`, default on for the
 * reference profile, off for the plan's) lists exactly the present routes.
 *
 * Faults (faults.ts), global or for one route, for `times` firings or until
 * cleared, each on a seeded `chance` share of requests if given, set with
 * `control.inject(...)` or `POST /__sim/faults`:
 *   latency {ms} · reset-before · rate-limited {retryAfterSeconds?} ·
 *   error-rate {rate, status?: 500|502|503|504} (seeded) · reset-after
 *   (state changed, no answer) · malformed-json · truncated-body ·
 *   wrong-types {variant: strings|nulls} · timestamp-style {style:
 *   z|offset|naive|space|rotate} · example {file, name} (a contract
 *   example verbatim). `control.down({forMs?})` closes the listener
 *   (connections refused) and `control.up()` reopens it on the same port.
 *
 * Effects: each state change a write route makes is listed by
 * `control.effects()` with the request's `Idempotency-Key`, so a test can
 * see an action taken twice. The key is honoured (first answer replayed,
 * handler not run again) only with `idempotency: 'honour'`, which also
 * lists an `Idempotency-Key` header on every write in the OpenAPI
 * document; the platform accepts none, so the default is `ignore`.
 *
 * Every request is recorded (`requests`), with the Authorization header
 * reduced to whether it matched and a hash.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createControl, type SimControl } from './control';
import { CONTROL_PREFIX, handleControlRequest } from './control-http';
import { createFaultRegistry } from './faults';
import {
  CONTRACT_ADMIN_ALLOWED_IPS,
  CONTRACT_ALLOWED_HOSTS,
  type GateConfig,
  type ReferenceGates,
} from './gates';
import { readBody } from './http-io';
import { createIdempotencyStore, type IdempotencyMode } from './idempotency';
import { IDENTITIES, type SimIdentity, type TokenGrant } from './identities';
import { LOOPBACK, openListener } from './listener';
import { handleSimRequest, type SimRuntime } from './pipeline';
import { createRequestRecorder, type RequestLog } from './request-log';
import {
  ROUTE_MODES,
  type RouteId,
  type RouteMode,
  type SimProfile,
} from './route-types';
import { createRouteTable, defaultModes, type ModePreset } from './routes';
import { createClock, parseTimestamp } from './sim-time';
import { createState, type VolumeOptions } from './state';

export type SimulatorOptions = {
  /** Default `reference`. */
  profile?: SimProfile;
  /** Default 0: a free port. */
  port?: number;
  /** The commander's (super admin's) token; default a random one. */
  token?: string;
  /** More tokens, e.g. `IDENTITIES.engineeringLead` (admin, not super). */
  extraTokens?: readonly TokenGrant[];
  /** Seeds generated rows, new ids and error-rate draws; default 1. */
  seed?: number;
  volume?: VolumeOptions;
  /** Default `contract` (CONTRACT §0 tags); `designed`: all designed. */
  preset?: ModePreset;
  /** Per-route modes over the preset. */
  routes?: Partial<Record<RouteId, RouteMode>>;
  /** Default: on for `reference`, off for `plan`. */
  openapi?: boolean;
  /** Default `ignore`, as the platform. */
  idempotency?: IdempotencyMode;
  /** Serve `/__sim/` (no token); default off. */
  controlRoutes?: boolean;
  /** Default: starts 2025-01-20T10:40:00Z and runs with the wall clock. */
  clock?: { start?: string; frozen?: boolean };
  /**
   * The TCP peer address the reference gates see (the real peer is always
   * loopback, which they exempt). Default: the real one.
   */
  peerAddress?: string | null;
  /** Reference profile only. */
  gates?: ReferenceGates;
  /**
   * Benchmarks only: each unfiltered `GET …/security/events` answers the
   * rows after those the previous one answered (older ones), so repeated
   * pulls of at most 200 reach a large volume. The platform has no such
   * cursor; `control.reset()` ends it.
   */
  benchEventPages?: boolean;
};

export type AdminSimulator = {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  token: string;
  profile: SimProfile;
  control: SimControl;
  requests: RequestLog;
  /** Stops listening, destroys open connections, ends pending faults. */
  close(): Promise<void>;
};

export { IDENTITIES, type SimIdentity, type TokenGrant };
export type { RouteStatus, SimControl, StateSnapshot } from './control';
export type { ExampleFile } from './examples';
export type { ActiveFault, FaultInput, FaultKind } from './faults';
export type { ReferenceGates } from './gates';
export type { RecordedRequest, RequestLog } from './request-log';
export type { RouteId, RouteMode, SimProfile } from './route-types';
export type { EffectKind, SimEffect, VolumeOptions } from './state';

const DEFAULT_START = '2025-01-20T10:40:00Z';

function fail(message: string): never {
  throw new Error(`admin simulator: ${message}`);
}

function checkOptions(options: SimulatorOptions): void {
  const { port = 0, token, seed = 1, clock } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    fail(`port must be an integer 0-65535, not ${port}`);
  }
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    fail('token must be non-empty printable ASCII without spaces');
  }
  if (!Number.isInteger(seed)) fail(`seed must be an integer, not ${seed}`);
  if (clock?.start !== undefined && parseTimestamp(clock.start) === null) {
    fail(`clock.start is not an ISO 8601 time: "${clock.start}"`);
  }
  for (const [name, count] of Object.entries(options.volume ?? {})) {
    if (count === undefined) continue;
    if (!Number.isInteger(count) || count < 0) {
      fail(`volume.${name} must be a whole number >= 0, not ${count}`);
    }
  }
}

function routeModes(profile: SimProfile, options: SimulatorOptions) {
  const table = createRouteTable(profile);
  const modes = defaultModes(profile, options.preset ?? 'contract');
  for (const [id, mode] of Object.entries(options.routes ?? {})) {
    if (!table.has(id)) fail(`no route "${id}" in the ${profile} profile`);
    if (!ROUTE_MODES.includes(mode)) fail(`route ${id}: unknown mode ${mode}`);
    modes.set(id, mode);
  }
  return { table, modes };
}

function tokenMap(token: string, extra: readonly TokenGrant[]) {
  const tokens = new Map<string, SimIdentity>([[token, IDENTITIES.commander]]);
  for (const grant of extra) {
    if (tokens.has(grant.token)) fail('extraTokens repeat a token');
    tokens.set(grant.token, grant.identity);
  }
  return tokens;
}

function gateConfig(gates: ReferenceGates = {}): GateConfig {
  return {
    allowedHosts:
      gates.allowedHosts === undefined
        ? [...CONTRACT_ALLOWED_HOSTS]
        : gates.allowedHosts,
    adminAllowedIps:
      gates.adminAllowedIps === undefined
        ? CONTRACT_ADMIN_ALLOWED_IPS
        : gates.adminAllowedIps,
    dbAllowlist: gates.dbAllowlist ?? true,
    rateLimit:
      gates.rateLimit === undefined
        ? { limit: 60, windowSeconds: 60 }
        : gates.rateLimit,
  };
}

function createRuntime(
  options: SimulatorOptions,
  closing: AbortSignal,
): SimRuntime {
  const profile = options.profile ?? 'reference';
  const seed = options.seed ?? 1;
  const token = options.token ?? `sim_${randomBytes(16).toString('hex')}`;
  const start = parseTimestamp(options.clock?.start ?? DEFAULT_START);
  return {
    profile,
    ...routeModes(profile, options),
    openapi: options.openapi ?? profile === 'reference',
    idempotencyMode: options.idempotency ?? 'ignore',
    gates: gateConfig(options.gates),
    mainToken: token,
    tokens: tokenMap(token, options.extraTokens ?? []),
    state: createState(seed, options.volume ?? {}),
    clock: createClock(start?.micros ?? 0, options.clock?.frozen ?? false),
    faults: createFaultRegistry(seed),
    idempotency: createIdempotencyStore(),
    log: createRequestRecorder(),
    rateWindows: new Map(),
    peerAddress: options.peerAddress ?? null,
    nextSeq: 1,
    closing,
  };
}

type Dispatch = (request: IncomingMessage, reply: ServerResponse) => void;

function dispatcher(
  runtime: SimRuntime,
  surface: () => { control: SimControl; requests: RequestLog } | null,
): Dispatch {
  return (incoming, reply) => {
    reply.on('error', () => undefined);
    void readBody(incoming).then(
      (bodyText) => {
        const path = (incoming.url ?? '/').split('?')[0];
        const controls = surface();
        if (controls !== null && `${path}/`.startsWith(CONTROL_PREFIX)) {
          const method = incoming.method ?? 'GET';
          return handleControlRequest(
            controls,
            { method, path, bodyText },
            reply,
          );
        }
        return handleSimRequest(runtime, incoming, reply, bodyText);
      },
      () => incoming.socket.destroy(),
    );
  };
}

/** Starts a simulator; rejects, naming the problem, on bad options. */
export async function startAdminSimulator(
  options: SimulatorOptions = {},
): Promise<AdminSimulator> {
  checkOptions(options);
  const closing = new AbortController();
  const runtime = createRuntime(options, closing.signal);
  let surface: { control: SimControl; requests: RequestLog } | null = null;
  const listener = await openListener(
    options.port ?? 0,
    dispatcher(runtime, () => surface),
  );
  const url = `http://${LOOPBACK}:${listener.port}`;
  if (options.gates?.allowedHosts === undefined) {
    runtime.gates.allowedHosts = [
      ...CONTRACT_ALLOWED_HOSTS,
      `${LOOPBACK}:${listener.port}`,
    ];
  }
  if (options.benchEventPages) {
    runtime.state.benchEventPaging = { walk: null };
  }
  const control = createControl({
    runtime,
    listener,
    seed: options.seed ?? 1,
    volume: options.volume ?? {},
  });
  if (options.controlRoutes) surface = { control, requests: runtime.log };
  return {
    url,
    port: listener.port,
    token: runtime.mainToken,
    profile: runtime.profile,
    control,
    requests: runtime.log,
    async close() {
      closing.abort();
      await listener.close();
    },
  };
}
