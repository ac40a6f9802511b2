/**
 * The control surface over HTTP, under `/__sim/`, for driving a simulator
 * started by `npm run api:sim` from a terminal or another process. It asks
 * for no token (the simulator listens on loopback only), is never recorded
 * and never faulted, and is off unless `controlRoutes` is set.
 *
 *   GET    /__sim/                 summary
 *   GET    /__sim/routes           routes with their modes
 *   PUT    /__sim/routes/{id}      {"mode": "designed"|"broken"|"absent"}
 *   GET    /__sim/faults           active faults
 *   POST   /__sim/faults           a fault (see faults.ts) → 201 {"id"}
 *   DELETE /__sim/faults[/{id}]    clear all faults, or one
 *   POST   /__sim/examples         {"file","name","route"?,"times"?} → 201
 *   POST   /__sim/down             {"ms"}: down for that long (202 first)
 *   GET    /__sim/requests         recorded requests; DELETE clears them
 *   GET    /__sim/effects          recorded state changes
 *   PUT    /__sim/settings         {"openapi"?, "idempotency"?}
 *   POST   /__sim/clock            {"at"?: ISO time, "advanceMs"?: number}
 *   POST   /__sim/reset            back to the seeded state
 *
 * Answers are JSON; a bad request gets 400 `{"error": "<what is wrong>"}`.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimControl } from './control';
import { EXAMPLE_FILES } from './examples';
import { parseFaultInput } from './faults';
import type { RequestLog } from './request-log';
import { ROUTE_IDS, ROUTE_MODES } from './route-types';

export const CONTROL_PREFIX = '/__sim/';

type Answer = { status: number; body: unknown; after?: () => void };

type ControlCall = {
  method: string;
  /** Path below the prefix, no leading slash. */
  path: string;
  body: unknown;
};

type Surface = { control: SimControl; requests: RequestLog };

const modeBody = z.object({ mode: z.enum(ROUTE_MODES) });
const exampleBody = z.object({
  file: z.enum(EXAMPLE_FILES),
  name: z.string().min(1),
  route: z.enum(ROUTE_IDS).optional(),
  times: z.int().min(1).optional(),
});
const downBody = z.object({ ms: z.int().min(1).max(600_000) });
const settingsBody = z.object({
  openapi: z.boolean().optional(),
  idempotency: z.enum(['ignore', 'honour']).optional(),
});
const clockBody = z.object({
  at: z.string().optional(),
  advanceMs: z.number().optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new Error(`${where}${issue.message}`);
}

const ok = (body: unknown, status = 200): Answer => ({ status, body });

function summary({ control, requests }: Surface): Answer {
  return ok({
    profile: control.profile,
    now: control.now(),
    down: control.isDown(),
    faults: control.faults(),
    requests: requests.all().length,
    effects: control.effectCount(),
  });
}

function routesCall(surface: Surface, call: ControlCall): Answer | null {
  const { control } = surface;
  if (call.path === 'routes' && call.method === 'GET') {
    return ok(control.routes());
  }
  const id = /^routes\/(.+)$/.exec(call.path)?.[1];
  if (id === undefined || call.method !== 'PUT') return null;
  const routeId = parse(z.enum(ROUTE_IDS), id);
  control.setRoute(routeId, parse(modeBody, call.body).mode);
  return ok(control.routes().find((route) => route.id === routeId));
}

function faultsCall({ control }: Surface, call: ControlCall): Answer | null {
  const { method, path } = call;
  if (path === 'faults' && method === 'GET') return ok(control.faults());
  if (path === 'faults' && method === 'POST') {
    return ok({ id: control.inject(parseFaultInput(call.body)) }, 201);
  }
  if (path === 'faults' && method === 'DELETE') {
    control.clearFaults();
    return ok({ cleared: true });
  }
  const id = /^faults\/(.+)$/.exec(path)?.[1];
  if (id !== undefined && method === 'DELETE') {
    return ok({ cleared: control.clearFault(id) });
  }
  if (path === 'examples' && method === 'POST') {
    const input = parse(exampleBody, call.body);
    return ok({ id: control.serveExample(input) }, 201);
  }
  return null;
}

function recordsCall(surface: Surface, call: ControlCall): Answer | null {
  const { control, requests } = surface;
  const key = `${call.method} ${call.path}`;
  if (key === 'GET requests') return ok(requests.all());
  if (key === 'DELETE requests') {
    requests.clear();
    return ok({ cleared: true });
  }
  if (key === 'GET effects') return ok(control.effects());
  return null;
}

function settingsCall({ control }: Surface, call: ControlCall): Answer | null {
  const key = `${call.method} ${call.path}`;
  if (key === 'PUT settings') {
    const input = parse(settingsBody, call.body);
    if (input.openapi !== undefined) control.setOpenApi(input.openapi);
    if (input.idempotency) control.setIdempotency(input.idempotency);
    return ok(input);
  }
  if (key === 'POST clock') {
    const input = parse(clockBody, call.body);
    if (input.at !== undefined) control.setTime(input.at);
    if (input.advanceMs !== undefined) control.advanceTime(input.advanceMs);
    return ok({ now: control.now() });
  }
  if (key === 'POST reset') {
    control.reset();
    return ok({ reset: true });
  }
  if (key === 'POST down') {
    const { ms } = parse(downBody, call.body);
    const after = () => void control.down({ forMs: ms });
    return { status: 202, body: { downForMs: ms }, after };
  }
  return null;
}

function route(surface: Surface, call: ControlCall): Answer {
  if (call.path === '' && call.method === 'GET') return summary(surface);
  const answer =
    routesCall(surface, call) ??
    faultsCall(surface, call) ??
    recordsCall(surface, call) ??
    settingsCall(surface, call);
  if (answer !== null) return answer;
  const unknown = `${call.method} ${CONTROL_PREFIX}${call.path}`;
  return { status: 404, body: { error: `no control call ${unknown}` } };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

export function handleControlRequest(
  surface: Surface,
  call: { method: string; path: string; bodyText: string },
  reply: ServerResponse,
): void {
  let answer: Answer;
  try {
    const path = call.path.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
    const body = parseBody(call.bodyText);
    answer = route(surface, { method: call.method, path, body });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer = { status: 400, body: { error: message } };
  }
  const text = JSON.stringify(answer.body ?? null);
  reply.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  reply.end(text, () => setImmediate(() => answer.after?.()));
}
