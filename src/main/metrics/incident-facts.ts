import type {
  MilestoneKind,
  Resolution,
} from '../../shared/incident-lifecycle';
import type {
  IncidentCategory,
  Severity,
} from '../../shared/incident-taxonomy';
import type { Db } from '../db/open-database';
import { statement } from '../db/statement-cache';
import { COMMAND_KINDS } from '../incidents/incident-command';
import { milestoneTimes, type MilestoneTimesText } from './incident-durations';

/** What the metrics need of one incident. */
export type IncidentFacts = {
  id: string;
  title: string;
  severity: Severity;
  category: IncidentCategory;
  status: 'open' | 'closed';
  resolution: Resolution | null;
  openedAt: string;
  closedAt: string | null;
  times: MilestoneTimesText;
};

type FactsRow = {
  id: string;
  title: string;
  severity: Severity;
  category: IncidentCategory;
  status: 'open' | 'closed';
  resolution: Resolution | null;
  opened_at: string;
  closed_at: string | null;
  detected_at: string | null;
};

/** Milestone entries in journal order; a later one corrects an earlier. */
function readMilestones(db: Db, incidentId: string) {
  return statement<{ payload: string }>(
    db,
    `SELECT payload FROM journal_entries
      WHERE scope = ? AND kind = ? ORDER BY scope_pos`,
  )
    .all(incidentId, COMMAND_KINDS.milestoneSet)
    .map((row) => JSON.parse(row.payload) as { milestone: string; at: string })
    .map((payload) => ({
      milestone: payload.milestone as MilestoneKind,
      at: payload.at,
    }));
}

/** Every incident with its milestones, oldest first. */
export function readIncidentFacts(db: Db): IncidentFacts[] {
  const rows = statement<FactsRow>(
    db,
    `SELECT id, title, severity, category, status, resolution, opened_at,
       closed_at, detected_at
     FROM incidents ORDER BY opened_at, id`,
  ).all();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    severity: row.severity,
    category: row.category,
    status: row.status,
    resolution: row.resolution,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    times: milestoneTimes(readMilestones(db, row.id), row.detected_at),
  }));
}
