import type { EventSeverity } from '../../../shared/admin-api-types';
import type { TimelineOrder } from '../../../shared/ipc-contract';

/** What selects a set of timeline pages; part of every page's key. */
export type TimelineFilter = {
  order: TimelineOrder;
  kinds: string[];
  actors: string[];
  search: string;
};

/** What selects the cached security events shown; part of each page key. */
export type SecurityEventFilter = {
  eventType: string;
  severity: EventSeverity | '';
  user: string;
  ip: string;
};

/**
 * Every query key in one place, nested so that invalidating a prefix
 * (`timeline.all(id)`) reaches everything derived from that journal.
 */
export const queryKeys = {
  appInfo: () => ['app-info'] as const,
  incidents: {
    all: () => ['incidents'] as const,
    list: () => ['incidents', 'list'] as const,
  },
  timeline: {
    all: (incidentId: string) => ['timeline', incidentId] as const,
    page: (incidentId: string, filter: TimelineFilter, block: number) =>
      ['timeline', incidentId, 'page', filter, block] as const,
    facets: (incidentId: string) => ['timeline', incidentId, 'facets'] as const,
    history: (incidentId: string, entryId: string) =>
      ['timeline', incidentId, 'history', entryId] as const,
  },
  rules: () => ['rules'] as const,
  playbooks: () => ['playbooks'] as const,
  command: {
    all: () => ['command'] as const,
    state: (incidentId: string) => ['command', incidentId] as const,
  },
  verify: {
    all: () => ['verify'] as const,
    incident: (incidentId: string) => ['verify', incidentId] as const,
  },
  evidence: {
    all: (incidentId: string) => ['evidence', incidentId] as const,
    list: (incidentId: string) => ['evidence', incidentId, 'list'] as const,
    detail: (incidentId: string, evidenceId: string) =>
      ['evidence', incidentId, 'detail', evidenceId] as const,
  },
  admin: {
    status: () => ['admin', 'status'] as const,
  },
  /** Everything read from the admin-API cache; refreshed after each pull. */
  dashboard: {
    all: () => ['dashboard'] as const,
    snapshot: () => ['dashboard', 'snapshot'] as const,
    events: {
      all: () => ['dashboard', 'events'] as const,
      page: (filter: SecurityEventFilter, block: number) =>
        ['dashboard', 'events', filter, block] as const,
    },
    failedLogins: {
      all: () => ['dashboard', 'failed-logins'] as const,
      window: (windowHours: number) =>
        ['dashboard', 'failed-logins', windowHours] as const,
    },
  },
  review: {
    incident: (incidentId: string) => ['review', incidentId] as const,
    followUps: () => ['review', 'follow-ups'] as const,
  },
  /** Emergency actions: the outbox, what the server offers, guard rails. */
  controls: {
    all: () => ['controls'] as const,
    overview: (incidentId: string) =>
      ['controls', 'overview', incidentId] as const,
    actions: (incidentId: string) =>
      ['controls', 'actions', incidentId] as const,
    settings: () => ['controls', 'settings'] as const,
    address: (address: string) => ['controls', 'address', address] as const,
  },
  /** Everything across incidents; any journal change may move it. */
  metrics: {
    all: () => ['metrics'] as const,
    overview: () => ['metrics', 'overview'] as const,
  },
};
