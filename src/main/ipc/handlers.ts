import type { AppInfo } from '../../shared/ipc-contract';
import type { JournalEntry, VerifyReport } from '../../shared/journal-types';
import type { Clock } from '../clock';
import { checkPages, type Db } from '../db/open-database';
import type { EventBus } from '../events';
import {
  createIncident,
  getIncident,
  listIncidents,
} from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import { addNote, amendEntry } from '../journal/journal-notes';
import {
  readEntryHistory,
  readTimelineFacets,
  readTimelinePage,
} from '../journal/timeline-queries';
import { verifyChains } from '../journal/verify-chains';
import type { HandlerMap } from './handler-map';
import { SingleFlight } from './single-flight';

export type HandlerDependencies = {
  db: Db;
  writer: JournalWriter;
  clock: Clock;
  events: EventBus;
  info: Omit<AppInfo, 'defaultActor'>;
};

/** Tells every window about an entry once its transaction has committed. */
function announce(events: EventBus, entry: JournalEntry): void {
  events.emit('journal:appended', {
    scope: entry.scope,
    entryId: entry.id,
    kind: entry.kind,
  });
  events.emit('incident:changed', { incidentId: entry.scope });
}

export function createHandlers(deps: HandlerDependencies): HandlerMap {
  const { db, writer, clock, events } = deps;
  const verifications = new SingleFlight<VerifyReport>();

  return {
    'app:info': (_input, context) => ({
      ...deps.info,
      defaultActor: context.defaultActor,
    }),

    'incident:create': (input, context) => {
      const incident = createIncident(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      events.emit('incident:changed', { incidentId: incident.id });
      return incident;
    },

    'incident:list': () => listIncidents(db),

    'incident:get': ({ incidentId }) => getIncident(db, incidentId),

    'journal:add-note': (input, context) => {
      getIncident(db, input.incidentId);
      const entry = addNote(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announce(events, entry);
      return entry;
    },

    'journal:amend': (input, context) => {
      getIncident(db, input.incidentId);
      const entry = amendEntry(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announce(events, entry);
      return entry;
    },

    'journal:history': ({ entryId }) => readEntryHistory(db, entryId),

    'journal:verify': ({ incidentId }) => {
      if (incidentId !== undefined) getIncident(db, incidentId);
      return verifications.run(incidentId ?? '', () => {
        if (incidentId !== undefined) {
          return verifyChains(db, clock, [incidentId]);
        }
        checkPages(db);
        return verifyChains(db, clock);
      });
    },

    'timeline:page': ({ incidentId, ...query }) => {
      getIncident(db, incidentId);
      return readTimelinePage(db, { scope: incidentId, ...query });
    },

    'timeline:facets': ({ incidentId }) => {
      getIncident(db, incidentId);
      return readTimelineFacets(db, incidentId);
    },
  };
}
