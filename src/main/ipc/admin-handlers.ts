import type { EvidenceItem } from '../../shared/evidence-types';
import { AppFailure } from '../../shared/result';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events';
import type { IntakeContext } from '../evidence/evidence-intake';
import { requireIncident } from '../incidents/incident-store';
import type { JournalWriter } from '../journal/append-entries';
import { pinAlert, pinEvent, pinTransition } from '../admin-sync/admin-pins';
import type { AdminSync } from '../admin-sync/admin-sync';
import { pullAuditLogs } from '../admin-sync/audit-pull';
import { readDashboardSnapshot } from '../admin-sync/dashboard-snapshot';
import { readEventPage } from '../admin-sync/event-queries';
import { analyseFailedLogins } from '../admin-sync/failed-login-analysis';
import { announceEntry } from '../events';
import type { HandlerMap } from './handler-map';

export type AdminDependencies = {
  db: Db;
  writer: JournalWriter;
  events: EventBus;
  clock: Clock;
  intake: IntakeContext;
  admin: AdminSync;
};

type AdminChannel = Extract<
  keyof HandlerMap,
  `admin:${string}` | `dashboard:${string}`
>;

function announceEvidence(events: EventBus, item: EvidenceItem): void {
  events.emit('journal:appended', {
    scope: item.incidentId,
    entryId: item.entryId,
    kind: 'evidence.added',
  });
  events.emit('incident:changed', { incidentId: item.incidentId });
}

/** The admin API's connection and the dashboard over its offline cache. */
export function createAdminHandlers(
  deps: AdminDependencies,
): Pick<HandlerMap, AdminChannel> {
  const { db, writer, events, clock, admin } = deps;

  return {
    'admin:status': () => admin.status(),

    'admin:configure': (input) => admin.configure(input),

    'admin:discover': () => admin.discover(),

    'admin:sync-now': () => admin.syncNow(),

    'admin:pin-transition': ({ incidentId, transitionId }, context) => {
      requireIncident(db, incidentId);
      const transition = admin.findTransition(transitionId);
      if (!transition) {
        throw new AppFailure(
          'not-found',
          `no recent connection change has the id ${transitionId}`,
        );
      }
      const entry = pinTransition(db, writer, {
        incidentId,
        transition,
        actor: context.defaultActor,
        baseUrl: admin.status().baseUrl,
      });
      announceEntry(events, entry);
      return entry;
    },

    'admin:audit-pull': async (input, context) => {
      requireIncident(db, input.incidentId);
      const item = await pullAuditLogs(deps.intake, admin.requireClient(), {
        ...input,
        actor: input.actor ?? context.defaultActor,
      });
      announceEvidence(events, item);
      return item;
    },

    'dashboard:snapshot': () => readDashboardSnapshot(db),

    'dashboard:events': ({ offset, limit, ...filters }) =>
      readEventPage(db, filters, { offset, limit }),

    'dashboard:failed-logins': ({ windowHours }) =>
      analyseFailedLogins(db, clock.nowMicros(), windowHours),

    'dashboard:pin': (input, context) => {
      requireIncident(db, input.incidentId);
      const pin = input.source === 'alert' ? pinAlert : pinEvent;
      const entry = pin(db, writer, {
        incidentId: input.incidentId,
        id: input.id,
        note: input.note ?? '',
        actor: input.actor ?? context.defaultActor,
        baseUrl: admin.status().baseUrl,
      });
      announceEntry(events, entry);
      return entry;
    },
  };
}
