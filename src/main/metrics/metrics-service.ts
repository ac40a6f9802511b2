import type {
  MetricsOverview,
  PeriodSummary,
  SummaryPeriod,
} from '../../shared/metrics-types';
import type { Db } from '../db/open-database';
import {
  listFollowUps,
  readReviewEntries,
  sectionsFrom,
} from '../review/review-projection';
import { computeMetrics } from './compute-metrics';
import { readIncidentFacts } from './incident-facts';
import { periodSummary } from './period-summaries';

export function readMetrics(db: Db, nowUtc: string): MetricsOverview {
  return db.transaction(() => {
    const followUps = listFollowUps(db, nowUtc.slice(0, 10));
    return computeMetrics(
      readIncidentFacts(db),
      followUps.filter((followUp) => followUp.overdue).length,
      nowUtc,
    );
  })();
}

function readLessons(db: Db, incidentIds: string[]): Map<string, string> {
  const lessons = new Map<string, string>();
  for (const incidentId of incidentIds) {
    const written = sectionsFrom(readReviewEntries(db, incidentId)).find(
      (section) => section.section === 'lessons-learned',
    );
    if (written?.text) lessons.set(incidentId, written.text);
  }
  return lessons;
}

/** The summary of the period holding `atMs` (epoch milliseconds). */
export function readSummary(
  db: Db,
  period: SummaryPeriod,
  atMs: number,
  nowUtc: string,
): PeriodSummary {
  return db.transaction(() => {
    const incidents = readIncidentFacts(db);
    const input = {
      incidents,
      followUps: listFollowUps(db, nowUtc.slice(0, 10)),
      lessons: readLessons(
        db,
        incidents.map((incident) => incident.id),
      ),
      nowUtc,
    };
    return periodSummary(period, input, atMs);
  })();
}
