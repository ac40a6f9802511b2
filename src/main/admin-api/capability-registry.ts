/**
 * The capabilities last discovered, and the route each read uses. A read
 * discovers first while no discovery has succeeded yet; one discovery runs
 * at a time. A capability known to be absent
 * fails `not-deployed` without a request; one the server would not tell
 * about is tried on its preferred route.
 */
import {
  ADMIN_CAPABILITIES,
  type AdminCapability,
  type CapabilityView,
} from '../../shared/admin-api-types';
import type {
  AdminApiError,
  AdminResult,
  CapabilityRoute,
} from './admin-client-types';
import {
  discoverCapabilities,
  type CapabilityFinding,
} from './capability-discovery';
import { candidatesFor } from './capability-routes';
import type { Send } from './request-pipeline';

export type CapabilityRegistry = {
  discover(): Promise<AdminResult<CapabilityView[]>>;
  views(): CapabilityView[];
  route(capability: AdminCapability): CapabilityRoute | null;
  /** `GET /path` of the route found, or of the preferred one. */
  endpointOf(capability: AdminCapability): string;
  /** The route a read should use, discovering first if needed. */
  routeFor(capability: AdminCapability): Promise<RouteChoice>;
};

export type RouteChoice =
  { ok: true; route: CapabilityRoute } | { ok: false; error: AdminApiError };

function viewOf(finding: CapabilityFinding): CapabilityView {
  const { capability, route, reason } = finding;
  return {
    capability,
    available: finding.state === 'available',
    route: route === null ? null : `${route.method} ${route.path}`,
    reason,
    state: finding.state,
    ...(route?.honoursIdempotencyKey ? { honoursIdempotencyKey: true } : {}),
  };
}

const NOT_CHECKED: CapabilityFinding[] = ADMIN_CAPABILITIES.map(
  (capability) => ({
    capability,
    state: 'unknown',
    route: null,
    reason: 'not checked yet',
  }),
);

function preferred(capability: AdminCapability): CapabilityRoute {
  const [first] = candidatesFor(capability);
  const { purpose: _, ...route } = first;
  return { ...route, foundBy: 'assumed' };
}

export function createCapabilityRegistry(
  send: Send,
  now: () => string,
): CapabilityRegistry {
  let findings = NOT_CHECKED;
  let discovered = false;
  let running: Promise<AdminResult<CapabilityView[]>> | null = null;

  async function run(): Promise<AdminResult<CapabilityView[]>> {
    const discovery = await discoverCapabilities(send);
    if (!discovery.ok) return { ok: false, error: discovery.error };
    findings = discovery.findings;
    discovered = true;
    return { ok: true, value: findings.map(viewOf), receivedAt: now() };
  }

  function discover() {
    running ??= run().finally(() => (running = null));
    return running;
  }

  function absentError(finding: CapabilityFinding): AdminApiError {
    const { method, path } = preferred(finding.capability);
    const endpoint = `${method} ${path}`;
    return {
      kind: 'not-deployed',
      message: `${endpoint}: ${finding.capability}: ${finding.reason}`,
      endpoint,
      status: null,
      mayHaveTakenEffect: false,
    };
  }

  return {
    discover,
    views: () => findings.map(viewOf),
    endpointOf(capability) {
      const found = findings.find((f) => f.capability === capability)?.route;
      const { method, path } = found ?? preferred(capability);
      return `${method} ${path}`;
    },
    route: (capability) =>
      findings.find((f) => f.capability === capability)?.route ?? null,
    async routeFor(capability) {
      if (!discovered) {
        const result = await discover();
        if (!result.ok) return result;
      }
      const finding = findings.find((f) => f.capability === capability);
      if (finding?.route) return { ok: true, route: finding.route };
      if (finding?.state === 'absent') {
        return { ok: false, error: absentError(finding) };
      }
      return { ok: true, route: preferred(capability) };
    },
  };
}
