import type { AppInfo } from '../../shared/ipc-contract';
import type { VerifyReport } from '../../shared/journal-types';
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
import { checkVault } from '../evidence/evidence-verification';
import { announceEntry } from '../events';
import { createCommandHandlers } from './command-handlers';
import {
  createEvidenceHandlers,
  type EvidenceDependencies,
} from './evidence-handlers';
import { createAdminHandlers, type AdminDependencies } from './admin-handlers';
import { createTimelineExchangeHandlers } from './timeline-exchange-handlers';
import {
  createReviewHandlers,
  type ReviewDependencies,
} from './review-handlers';
import {
  createControlsHandlers,
  type ControlsDependencies,
} from './controls-handlers';
import {
  createContactsHandlers,
  type ContactsDependencies,
} from './contacts-handlers';
import type { HandlerMap } from './handler-map';
import { SingleFlight } from './single-flight';

export type HandlerDependencies = EvidenceDependencies &
  AdminDependencies &
  ControlsDependencies &
  ContactsDependencies &
  Pick<ReviewDependencies, 'printPdf'> & {
    info: Omit<AppInfo, 'defaultActor'>;
  };

/**
 * Every channel's handler, plus the one operation that is not a channel:
 * a serve-mode upload, whose body is a byte stream rather than JSON.
 */
export function createHandlers(deps: HandlerDependencies): {
  handlers: HandlerMap;
  takeInUpload: ReturnType<typeof createEvidenceHandlers>['takeInUpload'];
} {
  const evidence = createEvidenceHandlers(deps);
  return {
    handlers: {
      ...createCoreHandlers(deps),
      ...evidence.handlers,
      ...createAdminHandlers(deps),
      ...createTimelineExchangeHandlers(deps),
      ...createReviewHandlers(deps),
      ...createControlsHandlers(deps),
      ...createContactsHandlers(deps),
    },
    takeInUpload: evidence.takeInUpload,
  };
}

function createCoreHandlers(
  deps: HandlerDependencies,
): Omit<
  HandlerMap,
  | `evidence:${string}`
  | `admin:${string}`
  | `dashboard:${string}`
  | 'timeline:export'
  | 'timeline:import'
  | 'timeline:cancel-import'
  | `review:${string}`
  | `report:${string}`
  | `metrics:${string}`
  | `controls:${string}`
  | `contacts:${string}`
  | `escalation:${string}`
  | `comms:${string}`
  | `resources:${string}`
> {
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

    'journal:verify': async ({ incidentId, vault }) => {
      if (incidentId !== undefined) requireIncident(db, incidentId);
      const report = await verifications.run(incidentId ?? '', () => {
        if (incidentId !== undefined) {
          return verifyChains(db, clock, [incidentId]);
        }
        checkPages(db);
        return verifyChains(db, clock);
      });
      if (!vault) return { ...report, vault: null };

      const vaultCheck = await checkVault(
        db,
        deps.intake.vault,
        clock,
        incidentId,
      );
      return { ...report, ok: report.ok && vaultCheck.ok, vault: vaultCheck };
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
