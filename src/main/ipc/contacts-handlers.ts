import type { Clock } from '../clock';
import {
  acknowledgeNotification,
  listRegimes,
  listResources,
  listTemplates,
  readNotifications,
  readSent,
  recordNotification,
  recordSent,
  removeResource,
  saveResource,
  saveTemplate,
  seedDefaults,
  setRegime,
} from '../contacts/comms-store';
import {
  formatContactsCsv,
  formatVcards,
  parseContactsCsv,
  parseVcards,
} from '../contacts/contact-exchange';
import {
  addContacts,
  listContacts,
  removeContact,
  saveContact,
  searchContacts,
} from '../contacts/contact-store';
import {
  draftCommunication,
  readEscalationOverview,
} from '../contacts/escalation-overview';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events';
import { requireIncident } from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import type { RulesView } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import { announceEntry } from '../events';
import type { HandlerMap, InvokeContext } from './handler-map';

export type ContactsDependencies = {
  db: Db;
  writer: JournalWriter;
  events: EventBus;
  clock: Clock;
  rules: RulesView;
};

type ContactsChannel = Extract<
  keyof HandlerMap,
  `${'contacts' | 'escalation' | 'comms' | 'resources'}:${string}`
>;

const actorOf = (input: { actor?: string }, context: InvokeContext) =>
  input.actor ?? context.defaultActor;

function announceAll(events: EventBus, entries: JournalEntry[]): void {
  for (const entry of entries) announceEntry(events, entry);
}

function createDirectoryHandlers(
  deps: ContactsDependencies,
): Pick<HandlerMap, Extract<ContactsChannel, `contacts:${string}`>> {
  const { db, writer, events } = deps;
  return {
    'contacts:list': (filter) => searchContacts(listContacts(db), filter),
    'contacts:save': (input, context) => {
      const { contact, entry } = saveContact(db, writer, {
        ...input,
        actor: actorOf(input, context),
      });
      announceEntry(events, entry);
      events.emit('contacts:changed', { part: 'contacts' });
      return contact;
    },
    'contacts:remove': (input, context) => {
      announceEntry(
        events,
        removeContact(db, writer, { ...input, actor: actorOf(input, context) }),
      );
      events.emit('contacts:changed', { part: 'contacts' });
      return { id: input.id };
    },
    'contacts:import': (input, context) => {
      const parsed =
        input.format === 'vcard'
          ? parseVcards(input.text)
          : parseContactsCsv(input.text);
      const entries = addContacts(
        db,
        writer,
        parsed.contacts,
        actorOf(input, context),
      );
      announceAll(events, entries);
      events.emit('contacts:changed', { part: 'contacts' });
      return { imported: entries.length, problems: parsed.problems };
    },
    'contacts:export': ({ format }) => {
      const contacts = listContacts(db);
      return format === 'vcard'
        ? { fileName: 'contacts.vcf', text: formatVcards(contacts) }
        : { fileName: 'contacts.csv', text: formatContactsCsv(contacts) };
    },
  };
}

function createEscalationHandlers(
  deps: ContactsDependencies,
): Pick<HandlerMap, Extract<ContactsChannel, `escalation:${string}`>> {
  const { db, writer, events, clock } = deps;
  return {
    'escalation:overview': ({ incidentId }) => {
      requireIncident(db, incidentId);
      return readEscalationOverview(
        db,
        deps.rules.rules,
        incidentId,
        clock.nowMicros(),
      );
    },
    'escalation:notify': (input, context) => {
      requireIncident(db, input.incidentId);
      announceEntry(
        events,
        recordNotification(db, writer, {
          ...input,
          actor: actorOf(input, context),
        }),
      );
      return readNotifications(db, input.incidentId);
    },
    'escalation:acknowledge': (input, context) => {
      requireIncident(db, input.incidentId);
      announceEntry(
        events,
        acknowledgeNotification(db, writer, {
          ...input,
          actor: actorOf(input, context),
        }),
      );
      return readNotifications(db, input.incidentId);
    },
  };
}

function createCommsHandlers(
  deps: ContactsDependencies,
): Pick<
  HandlerMap,
  Extract<ContactsChannel, `comms:${string}` | `resources:${string}`>
> {
  const { db, writer, events, clock } = deps;
  const changed = (part: string) => events.emit('contacts:changed', { part });
  return {
    'comms:templates': () => listTemplates(db),
    'comms:save-template': ({ actor, ...template }, context) => {
      announceEntry(
        events,
        saveTemplate(db, writer, template, actorOf({ actor }, context)),
      );
      changed('templates');
      return listTemplates(db);
    },
    'comms:draft': (input) => {
      requireIncident(db, input.incidentId);
      return draftCommunication(db, input, clock.nowMicros());
    },
    'comms:record-sent': (input, context) => {
      requireIncident(db, input.incidentId);
      announceEntry(
        events,
        recordSent(db, writer, { ...input, actor: actorOf(input, context) }),
      );
      return readSent(db, input.incidentId);
    },
    'comms:regimes': () => listRegimes(db),
    'comms:set-regime': ({ actor, ...regime }, context) => {
      announceEntry(
        events,
        setRegime(db, writer, regime, actorOf({ actor }, context)),
      );
      changed('regimes');
      return listRegimes(db);
    },
    'resources:list': () => listResources(db),
    'resources:save': ({ actor, ...resource }, context) => {
      announceEntry(
        events,
        saveResource(db, writer, resource, actorOf({ actor }, context)),
      );
      changed('resources');
      return listResources(db);
    },
    'resources:remove': ({ id, actor }, context) => {
      announceEntry(
        events,
        removeResource(db, writer, id, actorOf({ actor }, context)),
      );
      changed('resources');
      return listResources(db);
    },
  };
}

/**
 * Seeds the plan's contacts, templates and resources the first time any
 * of these channels is used, not when the app opens, so a database that
 * never uses them keeps an empty organisation journal.
 */
export function createContactsHandlers(
  deps: ContactsDependencies,
): Pick<HandlerMap, ContactsChannel> {
  const handlers: Pick<HandlerMap, ContactsChannel> = {
    ...createDirectoryHandlers(deps),
    ...createEscalationHandlers(deps),
    ...createCommsHandlers(deps),
  };
  let seeded = false;
  const seedOnce = () => {
    if (!seeded) seedDefaults(deps.db, deps.writer);
    seeded = true;
  };
  const entries = Object.entries(handlers).map(([channel, handler]) => [
    channel,
    (input: never, context: InvokeContext) => {
      seedOnce();
      return (handler as (i: never, c: InvokeContext) => unknown)(
        input,
        context,
      );
    },
  ]);
  return Object.fromEntries(entries) as Pick<HandlerMap, ContactsChannel>;
}
