import type { DashboardSnapshot } from '../../shared/admin-api-types';
import type { Db } from '../db/open-database';
import { readSnapshot } from './admin-cache';
import { summariseEventCache } from './event-queries';

/**
 * What the dashboard shows, from the cache alone: each part with the time
 * it was fetched, so the pane can say how old it is while offline.
 */
export function readDashboardSnapshot(db: Db): DashboardSnapshot {
  return {
    alerts: readSnapshot(db, 'alerts'),
    health: readSnapshot(db, 'health'),
    metrics: readSnapshot(db, 'metrics'),
    events: summariseEventCache(db),
  };
}
