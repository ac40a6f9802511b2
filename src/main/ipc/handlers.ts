import type { AppInfo } from '../../shared/ipc-contract';
import type { VerifyReport } from '../../shared/journal-types';
import type { Clock } from '../clock';
import { checkPages } from '../db/open-database';
import {
  createIncident,
  getIncident,
  requireIncident,
  listIncidents,
} from '../incidents/incident-store';
import { addNote, amendEntry } from '../journal/journal-notes';
import {
  readEntryHistory,
  readTimelineFacets,
  readTimelinePage,
} from '../journal/timeline-queries';
import { verifyChains } from '../journal/verify-chains';
import {
  announceEntry,
  createCommandHandlers,
  type CommandDependencies,
} from './command-handlers';
import type { HandlerMap } from './handler-map';
import { SingleFlight } from './single-flight';

export type HandlerDependencies = CommandDependencies & {
  clock: Clock;
  info: Omit<AppInfo, 'defaultActor'>;
};

export function createHandlers(deps: HandlerDependencies): HandlerMap {
  const { db, writer, clock, events } = deps;
  const verifications = new SingleFlight<VerifyReport>();

  return {
    ...createCommandHandlers(deps),

    'app:info': (_input, context) => ({
      ...deps.info,
      defaultActor: context.defaultActor,
    }),

    'incident:create': (input, context) => {
      const incident = createIncident(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
        checklists: deps.library.forIncident(
          input.category,
          input.subtype ?? null,
        ),
      });
      events.emit('incident:changed', { incidentId: incident.id });
      return incident;
    },

    'incident:list': () => listIncidents(db),

    'incident:get': ({ incidentId }) => getIncident(db, incidentId),

    'journal:add-note': (input, context) => {
      requireIncident(db, input.incidentId);
      const entry = addNote(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announceEntry(events, entry);
      return entry;
    },

    'journal:amend': (input, context) => {
      requireIncident(db, input.incidentId);
      const entry = amendEntry(db, writer, {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announceEntry(events, entry);
      return entry;
    },

    'journal:history': ({ entryId }) => readEntryHistory(db, entryId),

    'journal:verify': ({ incidentId }) => {
      if (incidentId !== undefined) requireIncident(db, incidentId);
      return verifications.run(incidentId ?? '', () => {
        if (incidentId !== undefined) {
          return verifyChains(db, clock, [incidentId]);
        }
        checkPages(db);
        return verifyChains(db, clock);
      });
    },

    'timeline:page': ({ incidentId, ...query }) => {
      requireIncident(db, incidentId);
      return readTimelinePage(db, { scope: incidentId, ...query });
    },

    'timeline:facets': ({ incidentId }) => {
      requireIncident(db, incidentId);
      return readTimelineFacets(db, incidentId);
    },
  };
}
