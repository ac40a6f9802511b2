/**
 * Everything an incident report says, read in one transaction so the
 * timeline, evidence and chain heads describe the same journal.
 */
import type { CustodyEvent, EvidenceItem } from '../../shared/evidence-types';
import type { IncidentCommandState } from '../../shared/incident-command-types';
import type { Incident } from '../../shared/ipc-contract';
import type { TimelineRow } from '../../shared/journal-types';
import type { ReviewState } from '../../shared/review-types';
import type { Db } from '../db/open-database';
import { readBagSnapshot } from '../evidence/bundle/bag-snapshot';
import type { ChainHead } from '../evidence/bundle/chain-walk';
import { readCommandState } from '../incidents/command-state';
import { readTimelinePage } from '../journal/timeline-queries';
import { readReview } from '../review/review-store';

/** A report lists at most this many timeline entries, the earliest. */
export const REPORT_TIMELINE_LIMIT = 5_000;
const PAGE = 500;

export type ReportData = {
  generatedAt: string;
  incident: Incident;
  command: IncidentCommandState;
  /** In recorded order, up to REPORT_TIMELINE_LIMIT. */
  entries: TimelineRow[];
  /** Entries in the journal, all of them counted. */
  entryCount: number;
  evidence: EvidenceItem[];
  custody: Map<string, CustodyEvent[]>;
  review: ReviewState;
  heads: ChainHead[];
};

function readEntries(db: Db, incidentId: string, last: number) {
  const entries: TimelineRow[] = [];
  while (entries.length < Math.min(last, REPORT_TIMELINE_LIMIT)) {
    const page = readTimelinePage(db, {
      scope: incidentId,
      order: 'oldest-first',
      offset: entries.length,
      limit: PAGE,
    });
    if (page.rows.length === 0) break;
    entries.push(...page.rows);
  }
  return entries.slice(0, REPORT_TIMELINE_LIMIT);
}

export function readReportData(
  db: Db,
  incidentId: string,
  generatedAt: string,
): ReportData {
  return db.transaction(() => {
    const snapshot = readBagSnapshot(db, incidentId);
    return {
      generatedAt,
      incident: snapshot.incident,
      command: readCommandState(db, incidentId),
      entries: readEntries(db, incidentId, snapshot.lastPosition),
      entryCount: snapshot.lastPosition,
      evidence: snapshot.items,
      custody: snapshot.custody,
      review: readReview(db, incidentId, generatedAt.slice(0, 10)),
      heads: snapshot.heads,
    };
  })();
}
