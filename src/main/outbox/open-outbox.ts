/**
 * The outbox as a War Room runs it: on the admin sync's client and
 * connection state, woken whenever that state changes, so actions go out
 * as soon as the platform is reachable again.
 */
import type { AdminSync } from '../admin-sync/admin-sync';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { announceEntry, type EventBus } from '../events';
import type { JournalWriter } from '../journal/append-entries';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import { createOutbox, type AdminLink, type Outbox } from './outbox';

/** Settings a War Room may pass; each has a default (outbox.ts). */
export type OutboxOptions = {
  /** Default 15 minutes. */
  staleAfterMs?: number;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
};

export type OutboxBase = {
  db: Db;
  writer: JournalWriter;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  events: EventBus;
};

function linkTo(admin: AdminSync): AdminLink {
  return {
    client() {
      try {
        return admin.requireClient();
      } catch {
        return null;
      }
    },
    connection: () => admin.status().connection,
  };
}

/** The outbox and a function that stops listening to the admin state. */
export function openOutbox(
  admin: AdminSync,
  base: OutboxBase,
  options: OutboxOptions = {},
): { outbox: Outbox; detach: () => void } {
  const outbox = createOutbox({
    ...base,
    ...options,
    link: linkTo(admin),
    announce: (entry) => announceEntry(base.events, entry),
  });
  const detach = base.events.subscribe((name) => {
    if (name === 'admin:status-changed') outbox.kick();
  });
  return { outbox, detach };
}
