/**
 * The OpenAPI document at `/api/v1/openapi.json` (CONTRACT §2.2), listing
 * exactly the routes that are present (not `absent`) at the moment it is
 * asked for, so a client can detect capabilities as it would on the
 * platform. Only paths, methods, parameters and a body flag are described.
 */
import type { IdempotencyMode } from './idempotency';
import type { RouteId, RouteMode, RouteSpec, SimProfile } from './route-types';
import { WRITE_METHODS } from './route-types';
import type { RouteTable } from './routes';

export const OPENAPI_PATH = '/api/v1/openapi.json';

type Operation = {
  operationId: string;
  summary: string;
  parameters: {
    name: string;
    in: 'path' | 'query' | 'header';
    required: boolean;
  }[];
  requestBody?: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { description: string }>;
};

/** Declared on every write when the simulator honours the key. */
const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
};

function operation(spec: RouteSpec, keyed: boolean): Operation {
  const pathParams = [...spec.path.matchAll(/\{([a-z_]+)\}/g)].map(
    ([, name]) => ({ name, in: 'path' as const, required: true }),
  );
  const queryParams = (spec.query ?? []).map((name) => ({
    name,
    in: 'query' as const,
    required: spec.requiredQuery?.includes(name) ?? false,
  }));
  const op: Operation = {
    operationId: spec.id,
    summary: spec.summary,
    parameters: [
      ...pathParams,
      ...queryParams,
      ...(keyed && WRITE_METHODS.has(spec.method) ? [IDEMPOTENCY_HEADER] : []),
    ],
    responses: { default: { description: 'See the admin-API contract' } },
  };
  if (spec.body) {
    op.requestBody = { content: { 'application/json': { schema: {} } } };
  }
  return op;
}

export function buildOpenApi(
  profile: SimProfile,
  table: RouteTable,
  modes: ReadonlyMap<RouteId, RouteMode>,
  idempotency: IdempotencyMode = 'ignore',
): object {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const { spec } of table.routes) {
    if (modes.get(spec.id) === 'absent') continue;
    paths[spec.path] ??= {};
    paths[spec.path][spec.method.toLowerCase()] = operation(
      spec,
      idempotency === 'honour',
    );
  }
  return {
    openapi: '3.1.0',
    info: { title: `Admin API simulator (${profile})`, version: '0.1.0' },
    paths,
  };
}
