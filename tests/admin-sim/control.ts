/**
 * The simulator's control surface for tests (and, through control-http.ts,
 * for the command line). Inputs are checked; a bad one throws an Error
 * naming what is wrong and changes nothing.
 */
import { findExample, type ExampleFile } from './examples';
import { parseFaultInput, type ActiveFault, type FaultInput } from './faults';
import type { IdempotencyMode } from './idempotency';
import type { Listener } from './listener';
import type { SimRuntime } from './pipeline';
import type { SystemLockout } from './records';
import {
  ROUTE_MODES,
  type ContractStatus,
  type HttpMethod,
  type RouteId,
  type RouteMode,
  type SimProfile,
} from './route-types';
import { formatTimestamp, parseTimestamp, type Micros } from './sim-time';
import {
  createState,
  type EffectKind,
  type SimEffect,
  type SimState,
} from './state';
import { tableSize } from './tables';

export type RouteStatus = {
  id: RouteId;
  method: HttpMethod;
  path: string;
  contract: ContractStatus;
  mode: RouteMode;
};

export type ExampleInput = {
  file: ExampleFile;
  name: string;
  /** Default: the route serving the example's method and path. */
  route?: RouteId;
  times?: number;
};

/** Copies of the small tables (the bulk event and audit tables counted). */
export type StateSnapshot = Pick<
  SimState,
  | 'admins'
  | 'sessions'
  | 'allowlist'
  | 'allowlistSettings'
  | 'bypasses'
  | 'invitations'
> & {
  lockouts: SystemLockout[];
  eventCount: number;
  auditCount: number;
};

export type SimControl = {
  readonly profile: SimProfile;
  routes(): RouteStatus[];
  /** Makes a route designed, broken or absent (404 / 405 / 307). */
  setRoute(id: RouteId, mode: RouteMode): void;
  setOpenApi(enabled: boolean): void;
  setIdempotency(mode: IdempotencyMode): void;
  /** Adds a fault; returns its id. */
  inject(fault: FaultInput): string;
  /** Serves a contract example verbatim (an `example` fault). */
  serveExample(input: ExampleInput): string;
  clearFault(id: string): boolean;
  clearFaults(): void;
  faults(): ActiveFault[];
  /** Closes the listener; with `forMs`, opens it again after that long. */
  down(options?: { forMs?: number }): Promise<void>;
  up(): Promise<void>;
  isDown(): boolean;
  effects(): SimEffect[];
  effectCount(kind?: EffectKind): number;
  snapshot(): StateSnapshot;
  /** Simulated now, `…Z`. */
  now(): string;
  setTime(iso: string): void;
  advanceTime(ms: number): void;
  /**
   * Back to the seeded state: effects, faults, recorded requests, kept
   * idempotent answers and rate-limit windows cleared. Route modes and
   * settings stay as they are.
   */
  reset(): void;
};

export type ControlDeps = {
  runtime: SimRuntime;
  listener: Listener;
  seed: number;
  volume: Parameters<typeof createState>[1];
};

function checkedRoute(runtime: SimRuntime, id: string): RouteId {
  if (runtime.table.has(id)) return id;
  throw new Error(`no route "${id}" in the ${runtime.profile} profile`);
}

function checkedMode(mode: string): RouteMode {
  if ((ROUTE_MODES as readonly string[]).includes(mode)) {
    return mode as RouteMode;
  }
  throw new Error(
    `route mode must be ${ROUTE_MODES.join(', ')}, not "${mode}"`,
  );
}

function exampleRoute(runtime: SimRuntime, input: ExampleInput): RouteId {
  if (input.route !== undefined) return checkedRoute(runtime, input.route);
  const { request } = findExample(input.file, input.name);
  const everything = new Map(
    runtime.table.routes.map(({ spec }) => [spec.id, 'designed' as const]),
  );
  const resolution = runtime.table.resolve(
    request.method,
    request.path,
    '',
    everything,
  );
  if (resolution.kind === 'route') return resolution.match.route.spec.id;
  throw new Error(
    `no route of the ${runtime.profile} profile serves ` +
      `${request.method} ${request.path} (${input.file} "${input.name}")`,
  );
}

function snapshotOf(state: SimState): StateSnapshot {
  const copy = <T>(rows: T[]): T[] => structuredClone(rows);
  return {
    admins: copy(state.admins),
    sessions: copy(state.sessions),
    allowlist: copy(state.allowlist),
    allowlistSettings: copy(state.allowlistSettings),
    bypasses: copy(state.bypasses),
    invitations: copy(state.invitations),
    lockouts: copy(state.lockouts),
    eventCount: tableSize(state.events),
    auditCount: tableSize(state.audit),
  };
}

function timeOf(iso: string): Micros {
  const parsed = parseTimestamp(iso);
  if (parsed === null) throw new Error(`not an ISO 8601 time: "${iso}"`);
  return parsed.micros;
}

type RouteControls = Pick<
  SimControl,
  'profile' | 'routes' | 'setRoute' | 'setOpenApi' | 'setIdempotency'
>;

function routeControls(runtime: SimRuntime): RouteControls {
  return {
    profile: runtime.profile,
    routes: () =>
      runtime.table.routes.map(({ spec }) => ({
        id: spec.id,
        method: spec.method,
        path: spec.path,
        contract: spec.contract,
        mode: runtime.modes.get(spec.id) ?? 'absent',
      })),
    setRoute(id, mode) {
      runtime.modes.set(checkedRoute(runtime, id), checkedMode(mode));
    },
    setOpenApi(enabled) {
      runtime.openapi = enabled;
    },
    setIdempotency(mode) {
      if (mode !== 'ignore' && mode !== 'honour') {
        throw new Error(`idempotency must be ignore or honour, not "${mode}"`);
      }
      runtime.idempotencyMode = mode;
    },
  };
}

type FaultControls = Pick<
  SimControl,
  'inject' | 'serveExample' | 'clearFault' | 'clearFaults' | 'faults'
>;

function faultControls(runtime: SimRuntime): FaultControls {
  const inject = (fault: FaultInput) => {
    const parsed = parseFaultInput(fault);
    if (parsed.route !== undefined) checkedRoute(runtime, parsed.route);
    if (parsed.kind === 'example') findExample(parsed.file, parsed.name);
    return runtime.faults.add(parsed).id;
  };
  return {
    inject,
    serveExample(input) {
      const route = exampleRoute(runtime, input);
      const { file, name, times } = input;
      return inject({ kind: 'example', file, name, route, times });
    },
    clearFault: (id) => runtime.faults.remove(id),
    clearFaults: () => runtime.faults.clear(),
    faults: () => runtime.faults.list(),
  };
}

type OutageControls = Pick<SimControl, 'down' | 'up' | 'isDown'>;

/** A timed outage reopens the listener by itself (never after close). */
function outageControls(listener: Listener): OutageControls {
  let upTimer: NodeJS.Timeout | null = null;
  const cancelUpTimer = () => {
    if (upTimer !== null) clearTimeout(upTimer);
    upTimer = null;
  };
  return {
    async down(options = {}) {
      cancelUpTimer();
      await listener.down();
      const { forMs } = options;
      if (forMs === undefined) return;
      const reopen = () => void listener.up().catch(() => undefined);
      upTimer = setTimeout(reopen, forMs);
      upTimer.unref();
    },
    async up() {
      cancelUpTimer();
      await listener.up();
    },
    isDown: () => listener.isDown(),
  };
}

type StateControls = Omit<
  SimControl,
  keyof RouteControls | keyof FaultControls | keyof OutageControls
>;

function stateControls(deps: ControlDeps): StateControls {
  const { runtime } = deps;
  return {
    effects: () => structuredClone(runtime.state.effects),
    effectCount: (kind) =>
      runtime.state.effects.filter((e) => kind === undefined || e.kind === kind)
        .length,
    snapshot: () => snapshotOf(runtime.state),
    now: () => formatTimestamp(runtime.clock.now(), 'z'),
    setTime: (iso) => runtime.clock.set(timeOf(iso)),
    advanceTime(ms) {
      if (!Number.isFinite(ms)) throw new Error(`not a duration: ${ms}`);
      runtime.clock.advance(ms);
    },
    reset() {
      runtime.state = createState(deps.seed, deps.volume);
      runtime.faults.clear();
      runtime.log.clear();
      runtime.idempotency.clear();
      runtime.rateWindows.clear();
    },
  };
}

export function createControl(deps: ControlDeps): SimControl {
  return {
    ...routeControls(deps.runtime),
    ...faultControls(deps.runtime),
    ...outageControls(deps.listener),
    ...stateControls(deps),
  };
}
