/**
 * Routing as Starlette does it: routes are tried in declaration order on
 * the decoded path; a path served by a present route under other methods
 * answers 405, and a path that only matches with its trailing slash
 * toggled is redirected there with a 307. Absent routes take no part.
 */
import { PLAN_ROUTES } from './routes-plan';
import { REFERENCE_ROUTES } from './routes-reference';
import {
  methodNotAllowed,
  notFound,
  redirect,
  type SimResponse,
} from './responses';
import type {
  ContractStatus,
  RouteId,
  RouteMode,
  RouteSpec,
  SimProfile,
} from './route-types';

export type CompiledRoute = {
  spec: RouteSpec;
  pattern: RegExp;
  params: string[];
};

export type RouteMatch = {
  route: CompiledRoute;
  params: Record<string, string>;
};

export type Resolution =
  | { kind: 'route'; match: RouteMatch; mode: RouteMode }
  | { kind: 'router'; response: SimResponse; match: RouteMatch | null };

function compile(spec: RouteSpec): CompiledRoute {
  const params: string[] = [];
  const source = spec.path
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      params.push(name);
      return '([^/]+)';
    })
    .join('');
  return { spec, pattern: new RegExp(`^${source}$`), params };
}

function matchPath(route: CompiledRoute, path: string): RouteMatch | null {
  const found = route.pattern.exec(path);
  if (found === null) return null;
  const params: Record<string, string> = {};
  route.params.forEach((name, index) => (params[name] = found[index + 1]));
  return { route, params };
}

export const PROFILE_ROUTES: Record<SimProfile, readonly RouteSpec[]> = {
  plan: PLAN_ROUTES,
  reference: REFERENCE_ROUTES,
};

const DEFAULT_MODES: Record<ContractStatus, RouteMode> = {
  LIVE: 'designed',
  'LIVE-BROKEN': 'broken',
  UNMOUNTED: 'absent',
  ABSENT: 'absent',
  PLAN: 'designed',
};

export type ModePreset = 'contract' | 'designed';

export function defaultModes(
  profile: SimProfile,
  preset: ModePreset,
): Map<RouteId, RouteMode> {
  return new Map(
    PROFILE_ROUTES[profile].map((spec) => [
      spec.id,
      preset === 'designed' ? 'designed' : DEFAULT_MODES[spec.contract],
    ]),
  );
}

export type RouteTable = {
  routes: readonly CompiledRoute[];
  has(id: string): id is RouteId;
  resolve(
    method: string,
    path: string,
    search: string,
    modes: ReadonlyMap<RouteId, RouteMode>,
  ): Resolution;
};

function toggledSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

function matchAll(routes: readonly CompiledRoute[], path: string) {
  return routes.flatMap((route) => matchPath(route, path) ?? []);
}

function resolveIn(
  routes: readonly CompiledRoute[],
  request: { method: string; path: string; search: string },
  modes: ReadonlyMap<RouteId, RouteMode>,
): Resolution {
  const { method, path, search } = request;
  const isPresent = (m: RouteMatch) => modes.get(m.route.spec.id) !== 'absent';
  const all = matchAll(routes, path);
  const sameMethod = all.find((m) => m.route.spec.method === method) ?? null;
  const present = all.filter(isPresent);
  const exact = present.find((m) => m.route.spec.method === method);
  if (exact) {
    const mode = modes.get(exact.route.spec.id) ?? 'absent';
    return { kind: 'route', match: exact, mode };
  }
  if (present.length > 0) {
    const allowed = present.map((m) => m.route.spec.method);
    const response = methodNotAllowed(allowed);
    return { kind: 'router', response, match: sameMethod };
  }
  const other = toggledSlash(path);
  const response = matchAll(routes, other).some(isPresent)
    ? redirect(307, `${other}${search}`)
    : notFound();
  return { kind: 'router', response, match: sameMethod };
}

export function createRouteTable(profile: SimProfile): RouteTable {
  const routes = PROFILE_ROUTES[profile].map(compile);
  const ids = new Set<string>(routes.map((route) => route.spec.id));
  return {
    routes,
    has: (id: string): id is RouteId => ids.has(id),
    resolve: (method, path, search, modes) =>
      resolveIn(routes, { method, path, search }, modes),
  };
}
