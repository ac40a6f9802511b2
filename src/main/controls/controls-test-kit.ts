import type {
  ActionAvailability,
  ActionKind,
  ActionRequest,
  OutboxAction,
} from '../../shared/outbox-types';
import type { Outbox, OutboxListener, QueueMeta } from '../outbox/outbox';

function availabilityOf(
  kind: ActionKind,
  available: boolean,
): ActionAvailability {
  return {
    kind,
    label: kind,
    available,
    capability: null,
    route: available ? `POST /api/admin/${kind}` : null,
    reason: available ? 'offered by the server' : 'the platform has no route',
    manualFallback: `Do the ${kind} by hand.`,
    destructive: kind === 'lockdown',
    readBack: false,
  };
}

/**
 * An outbox that keeps queued actions in memory and sends nothing, for
 * testing what stands in front of it.
 */
export function fakeOutbox(available: readonly ActionKind[]) {
  const actions: OutboxAction[] = [];
  const listeners = new Set<OutboxListener>();
  const kinds: ActionKind[] = [
    'lockdown',
    'allowlist-add',
    'allowlist-remove',
    'address-block',
    'session-revoke',
  ];

  function queue(request: ActionRequest, meta: QueueMeta): OutboxAction {
    const action = {
      id: `A${actions.length}`,
      incidentId: meta.incidentId,
      kind: request.kind,
      request,
      state: 'queued',
      queuedBy: meta.actor,
      secondPerson: meta.secondPerson ?? null,
    } as OutboxAction;
    actions.push(action);
    for (const listener of listeners) listener(action);
    return action;
  }

  const outbox = {
    availability: () =>
      kinds.map((kind) => availabilityOf(kind, available.includes(kind))),
    queue,
    list: () => [...actions].reverse(),
    waitingCount: () => actions.length,
    onChanged(listener: OutboxListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as Partial<Outbox> as Outbox;
  return { outbox, actions };
}
