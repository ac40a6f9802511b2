/**
 * What the server offers. First its OpenAPI document (`/api/v1/openapi.json`
 * on the platform, CONTRACT §2.2; `/openapi.json` as FastAPI's default):
 * a capability is there when one of its candidate routes is listed, and
 * the document says where the lockdown's `reason` goes. Without a document,
 * each candidate is probed with OPTIONS, and only OPTIONS: a probe must
 * never act, and a POST to the lockdown route would lock every admin out.
 * 405 (or an answer whose `Allow` lists the method) means the route is
 * there, 404 that it is not; 401 and 403 mean the server would not say.
 */
import {
  ADMIN_CAPABILITIES,
  type AdminCapability,
} from '../../shared/admin-api-types';
import type {
  AdminApiError,
  CapabilityInput,
  CapabilityRoute,
} from './admin-client-types';
import { isJsonMedia } from './answer-errors';
import {
  candidatesFor,
  fillPath,
  type RouteCandidate,
} from './capability-routes';
import { openApiOperationShape, openApiShape } from './response-shapes';
import type { Send, Sent } from './request-pipeline';
import { checkShape } from './shape-check';

export type CapabilityFinding = {
  capability: AdminCapability;
  /** `unknown`: the server would not say (401, 403, 5xx on every probe). */
  state: 'available' | 'absent' | 'unknown';
  route: CapabilityRoute | null;
  reason: string;
};

export type Discovery =
  | { ok: true; findings: CapabilityFinding[] }
  | { ok: false; error: AdminApiError };

export const OPENAPI_PATHS = ['/api/v1/openapi.json', '/openapi.json'];

/** Stand-in for path parameters when probing (a well-formed UUID). */
const PROBE_ID = '00000000-0000-4000-8000-000000000000';

/** No answer at all: probing would fail the same way. */
const UNREACHABLE: ReadonlySet<AdminApiError['kind']> = new Set([
  'offline',
  'timeout',
  'not-configured',
]);

type Operation = {
  queryNames: string[];
  hasBody: boolean;
  /** Lists an `Idempotency-Key` header parameter. */
  idempotencyKey: boolean;
};
type OpenApiIndex = Map<string, Map<string, Operation>>;

/** `/entries/{entry_id}` and `/entries/{id}` are the same route. */
function templateKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

type RawParameter = { name?: string; in?: string; $ref?: string };

function parameterOf(raw: unknown, doc: Record<string, unknown>) {
  const parameter = (raw ?? {}) as RawParameter;
  const ref = parameter.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/parameters/')) {
    return parameter;
  }
  const name = ref.slice('#/components/parameters/'.length);
  const components = doc.components as
    { parameters?: Record<string, RawParameter> } | undefined;
  return components?.parameters?.[name] ?? {};
}

function operationOf(
  raw: unknown,
  shared: unknown[],
  doc: Record<string, unknown>,
): Operation | null {
  const checked = openApiOperationShape.safeParse(raw);
  if (!checked.success) return null;
  const parameters = [...shared, ...(checked.data.parameters ?? [])];
  const resolved = parameters.map((p) => parameterOf(p, doc));
  const queryNames = resolved
    .filter((p) => p.in === 'query' && typeof p.name === 'string')
    .map((p) => p.name as string);
  const idempotencyKey = resolved.some(
    (p) =>
      p.in === 'header' &&
      typeof p.name === 'string' &&
      p.name.toLowerCase() === 'idempotency-key',
  );
  const hasBody = checked.data.requestBody !== undefined;
  return { queryNames, hasBody, idempotencyKey };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function indexOpenApi(
  paths: Record<string, Record<string, unknown>>,
  doc: Record<string, unknown>,
): OpenApiIndex {
  const index: OpenApiIndex = new Map();
  for (const [path, item] of Object.entries(paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    const operations = index.get(templateKey(path)) ?? new Map();
    for (const method of METHODS) {
      if (!(method in item)) continue;
      const operation = operationOf(item[method], shared, doc);
      if (operation) operations.set(method.toUpperCase(), operation);
    }
    index.set(templateKey(path), operations);
  }
  return index;
}

/** Only the lockdown's input has two designs; the document settles it. */
function inputFrom(
  candidate: RouteCandidate,
  operation: Operation,
): CapabilityInput {
  if (candidate.input !== 'query-or-json-body') return candidate.input;
  const inQuery = operation.queryNames.includes('reason');
  if (inQuery && !operation.hasBody) return 'query';
  if (operation.hasBody && !inQuery) return 'json-body';
  return 'query-or-json-body';
}

const INPUT_TEXT: Record<CapabilityInput, string> = {
  none: '',
  query: '; its input goes in the query',
  'json-body': '; its input goes in a JSON body',
  'query-or-json-body':
    '; where its input goes is not known: send it in the query and in a JSON body',
};

function routeOf(
  candidate: RouteCandidate,
  input: CapabilityInput,
  foundBy: CapabilityRoute['foundBy'],
): CapabilityRoute {
  const { capability, method, path, paging } = candidate;
  const origin =
    input === 'json-body' && candidate.input === 'query-or-json-body'
      ? 'plan'
      : candidate.origin;
  return { capability, method, path, input, paging, origin, foundBy };
}

function available(
  candidate: RouteCandidate,
  route: CapabilityRoute,
  how: string,
): CapabilityFinding {
  const reason = `${how}: ${candidate.purpose}${INPUT_TEXT[route.input]}`;
  return { capability: route.capability, state: 'available', route, reason };
}

function fromOpenApi(index: OpenApiIndex, where: string): CapabilityFinding[] {
  return ADMIN_CAPABILITIES.map((capability) => {
    for (const candidate of candidatesFor(capability)) {
      const operations = index.get(templateKey(candidate.path));
      const operation = operations?.get(candidate.method);
      if (operation === undefined) continue;
      const input = inputFrom(candidate, operation);
      const route = routeOf(candidate, input, 'openapi');
      if (operation.idempotencyKey) route.honoursIdempotencyKey = true;
      return available(candidate, route, `listed in ${where}`);
    }
    const reason = `capability not deployed on this server (not in ${where})`;
    return { capability, state: 'absent', route: null, reason };
  });
}

type DocumentRead =
  | { kind: 'document'; index: OpenApiIndex; where: string }
  | { kind: 'none'; note: string }
  | { kind: 'unreachable'; error: AdminApiError };

type DocumentFound = Exclude<DocumentRead, { kind: 'unreachable' }>;

function documentFrom(sent: Sent & { ok: true }, path: string): DocumentFound {
  const where = `the OpenAPI document at ${path}`;
  if (!isJsonMedia(sent.answer.mediaType)) {
    return { kind: 'none', note: `${where} is not JSON` };
  }
  let json: unknown;
  try {
    json = JSON.parse(sent.answer.bodyText);
  } catch {
    return { kind: 'none', note: `${where} is not valid JSON` };
  }
  const checked = checkShape(openApiShape, json);
  if (!checked.ok) {
    return { kind: 'none', note: `${where} is unusable: ${checked.problem}` };
  }
  const doc = json as Record<string, unknown>;
  return {
    kind: 'document',
    index: indexOpenApi(checked.value.paths, doc),
    where,
  };
}

async function readOpenApi(send: Send): Promise<DocumentRead> {
  const notes: string[] = [];
  for (const path of OPENAPI_PATHS) {
    const sent = await send({ method: 'GET', path, priority: 'poll' });
    if (sent.ok) {
      const read = documentFrom(sent, path);
      if (read.kind === 'document') return read;
      notes.push(read.note);
    } else if (UNREACHABLE.has(sent.error.kind)) {
      return { kind: 'unreachable', error: sent.error };
    }
  }
  return { kind: 'none', note: notes.join('; ') };
}

type ProbeVerdict =
  | { kind: 'present'; how: string }
  | { kind: 'absent'; how: string }
  | { kind: 'unknown'; how: string; stopAll: boolean }
  | { kind: 'unreachable'; error: AdminApiError };

function allowsMethod(sent: Sent, method: string): boolean | null {
  const allow = sent.answer?.headers.get('allow');
  if (allow === null || allow === undefined) return null;
  const methods = allow.split(',').map((m) => m.trim().toUpperCase());
  return methods.includes(method);
}

function verdictOf(sent: Sent, method: string, target: string): ProbeVerdict {
  const allowed = allowsMethod(sent, method);
  const status = sent.ok ? sent.answer.status : sent.error.status;
  const answered = `OPTIONS ${target} answered ${status}`;
  if (sent.ok || status === 405) {
    if (allowed === false) {
      return { kind: 'absent', how: `${answered} without ${method}` };
    }
    return { kind: 'present', how: `found by probing (${answered})` };
  }
  const { error } = sent;
  if (UNREACHABLE.has(error.kind)) return { kind: 'unreachable', error };
  if (status === 404) return { kind: 'absent', how: answered };
  if (status !== null && status >= 300 && status < 400) {
    return { kind: 'absent', how: `${answered} (redirect)` };
  }
  const stopAll =
    error.kind === 'unauthorised' || error.kind === 'network-rejected';
  const how = `could not tell: ${answered} (${error.kind})`;
  return { kind: 'unknown', how, stopAll };
}

async function probeCandidate(
  send: Send,
  candidate: RouteCandidate,
): Promise<ProbeVerdict> {
  const names = [...candidate.path.matchAll(/\{([a-z_]+)\}/g)];
  const values = Object.fromEntries(names.map(([, name]) => [name, PROBE_ID]));
  const target = fillPath(candidate.path, values);
  const sent = await send({
    method: 'OPTIONS',
    path: target,
    priority: 'poll',
    followRedirect: false,
  });
  return verdictOf(sent, candidate.method, target);
}

type ProbeRun = { stopped: string | null };

async function probeCapability(
  send: Send,
  capability: AdminCapability,
  run: ProbeRun,
): Promise<CapabilityFinding | AdminApiError> {
  const unknown: string[] = [];
  const absent: string[] = [];
  for (const candidate of candidatesFor(capability)) {
    if (run.stopped !== null) {
      unknown.push(run.stopped);
      break;
    }
    const verdict = await probeCandidate(send, candidate);
    if (verdict.kind === 'unreachable') return verdict.error;
    if (verdict.kind === 'present') {
      const route = routeOf(candidate, candidate.input, 'probe');
      return available(candidate, route, verdict.how);
    }
    if (verdict.kind === 'absent') absent.push(verdict.how);
    if (verdict.kind === 'unknown') {
      unknown.push(verdict.how);
      if (verdict.stopAll) run.stopped = verdict.how;
    }
  }
  if (unknown.length > 0) {
    return { capability, state: 'unknown', route: null, reason: unknown[0] };
  }
  const reason = `capability not deployed on this server (${absent.join('; ')})`;
  return { capability, state: 'absent', route: null, reason };
}

async function probeAll(send: Send, note: string): Promise<Discovery> {
  const run: ProbeRun = { stopped: null };
  const findings: CapabilityFinding[] = [];
  for (const capability of ADMIN_CAPABILITIES) {
    const found = await probeCapability(send, capability, run);
    if ('kind' in found) return { ok: false, error: found };
    const reason = note === '' ? found.reason : `${found.reason}; ${note}`;
    findings.push({ ...found, reason });
  }
  return { ok: true, findings };
}

/** Never sends anything but GET (the document) and OPTIONS (probes). */
export async function discoverCapabilities(send: Send): Promise<Discovery> {
  const document = await readOpenApi(send);
  if (document.kind === 'unreachable') {
    return { ok: false, error: document.error };
  }
  if (document.kind === 'document') {
    return { ok: true, findings: fromOpenApi(document.index, document.where) };
  }
  return probeAll(send, document.note);
}
