/**
 * Which route an action goes to, from the capabilities the admin client
 * discovered: available (with its route), absent (the server does not
 * offer it; say why and what to do by hand), or unknown (not asked yet,
 * or the server would not say).
 */
import type {
  AdminCapability,
  CapabilityView,
} from '../../shared/admin-api-types';
import type { ActionAvailability, ActionKind } from '../../shared/outbox-types';
import { ACTION_KINDS } from '../../shared/outbox-types';
import type {
  AdminClient,
  CapabilityRoute,
} from '../admin-api/admin-client-types';
import { isAllowlistPath } from '../admin-api/capability-routes';
import { specOf, type ActionSpec } from './action-catalogue';

export type RouteChoice =
  | { kind: 'route'; route: CapabilityRoute }
  | { kind: 'absent'; reason: string }
  | { kind: 'unknown'; reason: string };

function viewOf(
  client: AdminClient | null,
  capability: AdminCapability,
): CapabilityView | null {
  if (client === null) return null;
  return client.capabilities().find((v) => v.capability === capability) ?? null;
}

/** A route an action may use; a block never goes to an allowlist. */
function usable(spec: ActionSpec, route: CapabilityRoute | null) {
  if (route === null) return null;
  if (spec.kind === 'address-block') {
    const blockRoute =
      route.capability === 'address-block' && !isAllowlistPath(route.path);
    return blockRoute ? route : null;
  }
  return route;
}

/** Without asking the server: what the client knows now. */
export function knownRoute(
  client: AdminClient | null,
  spec: ActionSpec,
): RouteChoice {
  const capability = spec.capability;
  if (capability === null) {
    return {
      kind: 'absent',
      reason: `the platform offers no way to do this (${spec.label})`,
    };
  }
  if (client === null) {
    return { kind: 'unknown', reason: 'the admin API is not configured' };
  }
  const route = usable(spec, client.route(capability));
  if (route !== null) return { kind: 'route', route };
  const view = viewOf(client, capability);
  const absent =
    view !== null &&
    (view.state === 'absent' || (view.state === undefined && !view.available));
  if (absent || client.route(capability) !== null) {
    const why = view?.reason ?? 'not offered by this server';
    return { kind: 'absent', reason: `${spec.label}: ${why}` };
  }
  return {
    kind: 'unknown',
    reason: `waiting for the server to say whether it offers ${spec.label}`,
  };
}

/** As `knownRoute`, asking the server first when it has not said yet. */
export async function routeFor(
  client: AdminClient,
  spec: ActionSpec,
): Promise<RouteChoice> {
  const known = knownRoute(client, spec);
  if (known.kind !== 'unknown') return known;
  await client.discover();
  return knownRoute(client, spec);
}

function capabilityStateOf(
  client: AdminClient | null,
  choice: RouteChoice,
): NonNullable<ActionAvailability['capabilityState']> {
  if (choice.kind === 'route') return 'available';
  if (choice.kind === 'unknown' && client === null) return 'not-configured';
  return choice.kind;
}

export function availabilityOf(
  client: AdminClient | null,
  kind: ActionKind,
): ActionAvailability {
  const spec = specOf(kind);
  const choice = knownRoute(client, spec);
  const route =
    choice.kind === 'route'
      ? `${choice.route.method} ${choice.route.path}`
      : null;
  const readBack =
    spec.readBackCapability !== null &&
    client !== null &&
    client.has(spec.readBackCapability);
  return {
    kind,
    label: spec.label,
    available: choice.kind === 'route',
    capabilityState: capabilityStateOf(client, choice),
    capability: spec.capability,
    route,
    reason:
      choice.kind === 'route'
        ? (viewOf(client, spec.capability!)?.reason ?? 'offered')
        : choice.reason,
    manualFallback: spec.manualFallback,
    destructive: spec.destructive,
    readBack,
  };
}

export function allAvailability(
  client: AdminClient | null,
): ActionAvailability[] {
  return ACTION_KINDS.map((kind) => availabilityOf(client, kind));
}
