import type { EventName } from '../shared/channel-names';
import type { IpcEvents } from '../shared/ipc-contract';
import type { JournalEntry } from '../shared/journal-types';

export type EventListener = <E extends EventName>(
  name: E,
  payload: IpcEvents[E],
) => void;

/**
 * Fan-out of committed changes to whichever transports are attached
 * (Electron windows, serve-mode event streams). Emitted only after the
 * transaction that made the change has committed.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: IpcEvents[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}

/** Tells every transport of a committed entry and of its incident's change. */
export function announceEntry(events: EventBus, entry: JournalEntry): void {
  events.emit('journal:appended', {
    scope: entry.scope,
    entryId: entry.id,
    kind: entry.kind,
  });
  events.emit('incident:changed', { incidentId: entry.scope });
}
