/**
 * One request's way through the simulator:
 *   1. record it;
 *   2. pre-route faults (latency, then the first of reset-before,
 *      rate-limited, error-rate that fires);
 *   3. the profile's gates (gates.ts);
 *   4. the router: 404 / 405 / 307 for what is absent; an `example` fault
 *      answers instead of the route; a kept idempotent answer is replayed;
 *      otherwise the route's handler for its mode runs (and may change
 *      state);
 *   5. post-route faults (reset-after, then body rewrites, then a cut);
 *   6. write it, and note the outcome in the record.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findExample, type Example } from './examples';
import {
  rateLimitedResponse,
  serverError,
  timestampStyle,
  withJsonBody,
  wrongTypes,
  type FaultKind,
  type FaultRegistry,
} from './faults';
import { runGates, type GateConfig } from './gates';
import { deliver, resetConnection, type Delivery } from './http-io';
import type { IdempotencyMode, IdempotencyStore } from './idempotency';
import { ANONYMOUS, type SimIdentity } from './identities';
import { plainPeerAddress } from './ip-ranges';
import { buildOpenApi, OPENAPI_PATH } from './openapi';
import type { RecordedRequest, RequestRecorder } from './request-log';
import { json, redirect, text, type SimResponse } from './responses';
import {
  WRITE_METHODS,
  type HandlerContext,
  type RouteId,
  type RouteMode,
  type SimProfile,
  type SimRequest,
} from './route-types';
import type { Resolution, RouteMatch, RouteTable } from './routes';
import { formatTimestamp, type Micros, type SimClock } from './sim-time';
import type { EffectKind, SimState } from './state';

export type SimRuntime = {
  profile: SimProfile;
  table: RouteTable;
  modes: Map<RouteId, RouteMode>;
  openapi: boolean;
  idempotencyMode: IdempotencyMode;
  gates: GateConfig;
  mainToken: string;
  tokens: Map<string, SimIdentity>;
  state: SimState;
  clock: SimClock;
  faults: FaultRegistry;
  idempotency: IdempotencyStore;
  log: RequestRecorder;
  rateWindows: Map<string, Micros[]>;
  /** Pretend TCP peer; null uses the real one (always loopback). */
  peerAddress: string | null;
  nextSeq: number;
  /** Aborted on close, ending pending latency waits. */
  closing: AbortSignal;
};

/** Headers the platform's inner middleware adds (CONTRACT §3.1 step 5);
 * the HSTS and CSP values are stand-ins, the contract names only the
 * headers. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'",
};

type Resolved =
  { kind: 'openapi' } | { kind: 'resolution'; resolution: Resolution };

function resolve(runtime: SimRuntime, request: SimRequest): Resolved {
  const { method, path, search } = request;
  if (runtime.openapi && method === 'GET' && path === OPENAPI_PATH) {
    return { kind: 'openapi' };
  }
  const resolution = runtime.table.resolve(method, path, search, runtime.modes);
  return { kind: 'resolution', resolution };
}

function matchOf(resolved: Resolved): RouteMatch | null {
  return resolved.kind === 'openapi' ? null : resolved.resolution.match;
}

function processTime(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(6);
}

type Layer = 'inner' | 'rate-limit' | 'outer';

/** Which platform headers a response gets depends on where it was made. */
function decorate(
  runtime: SimRuntime,
  response: SimResponse,
  layer: Layer,
  started: number,
): SimResponse {
  if (runtime.profile !== 'reference' || layer === 'outer') return response;
  const timing = { 'x-process-time': processTime(started) };
  const extra = layer === 'inner' ? { ...SECURITY_HEADERS, ...timing } : timing;
  return { ...response, headers: { ...extra, ...response.headers } };
}

async function preRouteFaults(
  runtime: SimRuntime,
  route: RouteId | null,
  record: RecordedRequest,
): Promise<Delivery | null> {
  const { faults } = runtime;
  for (const fault of faults.matching('latency', route)) {
    faults.fire(fault);
    await sleep(fault.ms, undefined, { signal: runtime.closing });
  }
  const reset = faults.matching('reset-before', route)[0];
  if (reset) {
    faults.fire(reset);
    record.fault = 'reset-before';
    return { kind: 'reset' };
  }
  const limited = faults.matching('rate-limited', route)[0];
  if (limited) {
    faults.fire(limited);
    record.fault = 'rate-limited';
    const response = rateLimitedResponse(limited.retryAfterSeconds);
    return { kind: 'respond', response, cut: 'none' };
  }
  for (const fault of faults.matching('error-rate', route)) {
    if (faults.random() >= fault.rate) continue;
    faults.fire(fault);
    record.fault = 'error-rate';
    const response = serverError(fault.status ?? 500);
    return { kind: 'respond', response, cut: 'none' };
  }
  return null;
}

export function exampleResponse(example: Example): SimResponse {
  const { status, content_type: type, body } = example.response;
  const headers = Object.fromEntries(
    Object.entries(example.response.headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      value,
    ]),
  );
  if (type === null) return { status, headers, body: { kind: 'none' } };
  if (type.startsWith('application/json')) return json(status, body, headers);
  return text(status, String(body), headers, type);
}

function idempotencyKey(request: SimRequest): string | null {
  const value = request.headers['idempotency-key'];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function handlerContext(
  runtime: SimRuntime,
  request: SimRequest,
  match: RouteMatch,
  identity: SimIdentity,
): HandlerContext {
  const now = runtime.clock.now();
  const { state } = runtime;
  const effect = (
    kind: EffectKind,
    target: string | null,
    details: Record<string, unknown> = {},
  ) => {
    state.effects.push({
      seq: state.effects.length + 1,
      at: formatTimestamp(now, 'z'),
      route: match.route.spec.id,
      requestSeq: request.seq,
      kind,
      target,
      idempotencyKey: idempotencyKey(request),
      details,
    });
  };
  const { params } = match;
  return { request, params, identity, state, now, effect };
}

function runRoute(
  runtime: SimRuntime,
  request: SimRequest,
  match: RouteMatch,
  mode: RouteMode,
  identity: SimIdentity,
): SimResponse {
  const key = idempotencyKey(request);
  const honour =
    runtime.idempotencyMode === 'honour' &&
    key !== null &&
    WRITE_METHODS.has(request.method);
  if (honour) {
    const kept = runtime.idempotency.lookup(request, key);
    if (kept) return kept;
  }
  const spec = match.route.spec;
  const handler =
    mode === 'broken' ? (spec.broken ?? spec.designed) : spec.designed;
  const response = handler(handlerContext(runtime, request, match, identity));
  if (honour) runtime.idempotency.keep(request, key, response);
  return response;
}

function exampleOverride(
  runtime: SimRuntime,
  route: RouteId | null,
  record: RecordedRequest,
): SimResponse | null {
  const fault = runtime.faults.matching('example', route)[0];
  if (fault === undefined) return null;
  runtime.faults.fire(fault);
  record.fault = 'example';
  return exampleResponse(findExample(fault.file, fault.name));
}

/** Starlette's redirect carries an absolute URL built from the Host. */
function absoluteRedirect(request: SimRequest, response: SimResponse) {
  const location = response.headers.location;
  if (response.status !== 307 || location === undefined) return response;
  const host = request.headers.host ?? '127.0.0.1';
  return redirect(307, `http://${host}${location}`);
}

function routeResponse(
  runtime: SimRuntime,
  request: SimRequest,
  resolved: Resolved,
  identity: SimIdentity,
  record: RecordedRequest,
): SimResponse {
  const example = exampleOverride(runtime, record.route, record);
  if (example) return example;
  if (resolved.kind === 'openapi') {
    const { profile, table, modes, idempotencyMode } = runtime;
    return json(200, buildOpenApi(profile, table, modes, idempotencyMode));
  }
  const { resolution } = resolved;
  if (resolution.kind === 'router') {
    return absoluteRedirect(request, resolution.response);
  }
  const { match, mode } = resolution;
  return runRoute(runtime, request, match, mode, identity);
}

function firstFiring(
  runtime: SimRuntime,
  kind: 'reset-after' | 'malformed-json' | 'truncated-body',
  route: RouteId | null,
  applies: boolean,
) {
  const fault = applies ? runtime.faults.matching(kind, route)[0] : undefined;
  if (fault) runtime.faults.fire(fault);
  return fault !== undefined;
}

function rewriteBody(
  runtime: SimRuntime,
  route: RouteId | null,
  response: SimResponse,
  record: RecordedRequest,
): SimResponse {
  if (response.body.kind !== 'json') return response;
  let out = response;
  for (const fault of runtime.faults.matching('wrong-types', route)) {
    out = withJsonBody(out, (value) => wrongTypes(value, fault.variant));
    runtime.faults.fire(fault);
    record.fault = 'wrong-types';
  }
  for (const fault of runtime.faults.matching('timestamp-style', route)) {
    out = withJsonBody(out, (value) => timestampStyle(value, fault));
    runtime.faults.fire(fault);
    record.fault = 'timestamp-style';
  }
  return out;
}

function postRouteFaults(
  runtime: SimRuntime,
  route: RouteId | null,
  response: SimResponse,
  record: RecordedRequest,
): Delivery {
  const mark = (fault: FaultKind) => (record.fault = fault);
  if (firstFiring(runtime, 'reset-after', route, true)) {
    mark('reset-after');
    return { kind: 'reset' };
  }
  const rewritten = rewriteBody(runtime, route, response, record);
  const kind = rewritten.body.kind;
  if (firstFiring(runtime, 'malformed-json', route, kind === 'json')) {
    mark('malformed-json');
    return { kind: 'respond', response: rewritten, cut: 'malformed' };
  }
  if (firstFiring(runtime, 'truncated-body', route, kind !== 'none')) {
    mark('truncated-body');
    return { kind: 'respond', response: rewritten, cut: 'truncated' };
  }
  return { kind: 'respond', response: rewritten, cut: 'none' };
}

async function answer(
  runtime: SimRuntime,
  request: SimRequest,
  record: RecordedRequest,
): Promise<Delivery> {
  const started = performance.now();
  const resolved = resolve(runtime, request);
  const match = matchOf(resolved);
  record.route = match?.route.spec.id ?? null;
  record.routeMode = record.route
    ? (runtime.modes.get(record.route) ?? null)
    : null;
  const route = record.route;

  const early = await preRouteFaults(runtime, route, record);
  if (early) return early;
  const gate = runGates({
    profile: runtime.profile,
    request,
    config: runtime.gates,
    tokens: runtime.tokens,
    state: runtime.state,
    now: runtime.clock.now(),
    rateWindows: runtime.rateWindows,
  });
  if (!gate.ok) {
    const layer = gate.gate === 'rate-limit' ? 'rate-limit' : 'outer';
    const response = decorate(runtime, gate.response, layer, started);
    return { kind: 'respond', response, cut: 'none' };
  }
  const identity = gate.identity ?? ANONYMOUS;
  const response = routeResponse(runtime, request, resolved, identity, record);
  const decorated = decorate(runtime, response, 'inner', started);
  return postRouteFaults(runtime, route, decorated, record);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function toSimRequest(
  runtime: SimRuntime,
  incoming: IncomingMessage,
  bodyText: string,
): SimRequest {
  const target = incoming.url ?? '/';
  const mark = target.indexOf('?');
  const rawPath = mark < 0 ? target : target.slice(0, mark);
  const search = mark < 0 ? '' : target.slice(mark);
  return {
    seq: runtime.nextSeq++,
    method: incoming.method ?? 'GET',
    path: safeDecode(rawPath),
    search,
    query: new URLSearchParams(search),
    headers: incoming.headers,
    bodyText,
    peer:
      runtime.peerAddress ?? plainPeerAddress(incoming.socket.remoteAddress),
  };
}

function tokenCheck(runtime: SimRuntime) {
  return { main: runtime.mainToken, known: new Set(runtime.tokens.keys()) };
}

/** A simulator bug answers 500 with the error's message in a header. */
function internalFailure(error: unknown): Delivery {
  const message = error instanceof Error ? error.message : String(error);
  const headers = { 'x-sim-error': message.replace(/[^\x20-\x7e]/g, ' ') };
  const response = text(500, 'Internal Server Error', headers);
  return { kind: 'respond', response, cut: 'none' };
}

export async function handleSimRequest(
  runtime: SimRuntime,
  incoming: IncomingMessage,
  reply: ServerResponse,
  bodyText: string,
): Promise<void> {
  const request = toSimRequest(runtime, incoming, bodyText);
  const record = runtime.log.record(request, tokenCheck(runtime));
  let delivery: Delivery;
  try {
    delivery = await answer(runtime, request, record);
  } catch (error) {
    if (runtime.closing.aborted) return resetConnection(incoming);
    delivery = internalFailure(error);
  }
  record.status = delivery.kind === 'respond' ? delivery.response.status : null;
  deliver(incoming, reply, delivery);
}
