import type { JournalEntry } from '../../shared/journal-types';
import { REPORT_KINDS } from '../../shared/review-types';
import { formatEpochMicros } from '../../shared/timestamps';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events';
import { appendEntry, type JournalWriter } from '../journal/append-entries';
import { readMetrics, readSummary } from '../metrics/metrics-service';
import {
  exportReport,
  renderReport,
  type PrintPdf,
} from '../report/report-export';
import { listFollowUps } from '../review/review-projection';
import {
  addFollowUp,
  readReview,
  recordMeeting,
  updateFollowUp,
  writeSection,
} from '../review/review-store';
import { announceEntry } from '../events';
import type { HandlerMap } from './handler-map';

export type ReviewDependencies = {
  db: Db;
  writer: JournalWriter;
  clock: Clock;
  events: EventBus;
  /** The desktop app's PDF printer; null in serve mode and the CLI. */
  printPdf: PrintPdf | null;
};

type ReviewEdits = Pick<
  HandlerMap,
  Extract<keyof HandlerMap, `review:${string}`>
>;

/** Review edits; each answers with the incident's whole review. */
function createReviewEditHandlers(deps: ReviewDependencies): ReviewEdits {
  const { db, writer, clock, events } = deps;
  const today = () => formatEpochMicros(clock.nowMicros()).slice(0, 10);

  function reviewAfter(entry: JournalEntry) {
    announceEntry(events, entry);
    return readReview(db, entry.scope, today());
  }

  return {
    'review:get': ({ incidentId }) => readReview(db, incidentId, today()),
    'review:write-section': (input, context) =>
      reviewAfter(
        writeSection(db, writer, {
          ...input,
          actor: input.actor ?? context.defaultActor,
        }),
      ),
    'review:record-meeting': (input, context) =>
      reviewAfter(
        recordMeeting(db, writer, {
          ...input,
          actor: input.actor ?? context.defaultActor,
        }),
      ),
    'review:add-follow-up': (input, context) =>
      reviewAfter(
        addFollowUp(db, writer, {
          ...input,
          actor: input.actor ?? context.defaultActor,
        }),
      ),
    'review:update-follow-up': (input, context) =>
      reviewAfter(
        updateFollowUp(db, writer, {
          ...input,
          actor: input.actor ?? context.defaultActor,
        }),
      ),
    'review:follow-ups': () => listFollowUps(db, today()),
  };
}

type ReportAndMetrics = Pick<
  HandlerMap,
  Extract<keyof HandlerMap, `report:${string}` | `metrics:${string}`>
>;

function createReportHandlers(deps: ReviewDependencies): ReportAndMetrics {
  const { db, writer, clock, events } = deps;
  const nowUtc = () => formatEpochMicros(clock.nowMicros());

  return {
    'report:render': ({ incidentId, format }) => ({
      format,
      content: renderReport(db, incidentId, format, nowUtc()),
    }),
    'report:export': async (input, context) => {
      const summary = await exportReport(db, input, nowUtc(), deps.printPdf);
      announceEntry(
        events,
        appendEntry(db, writer, {
          scope: input.incidentId,
          kind: REPORT_KINDS.exported,
          actor: input.actor ?? context.defaultActor,
          payload: { ...summary },
        }),
      );
      return summary;
    },
    'metrics:overview': () => readMetrics(db, nowUtc()),
    'metrics:summary': ({ period, date }) => {
      const atMs = date
        ? Date.parse(`${date}T12:00:00Z`)
        : Math.floor(clock.nowMicros() / 1000);
      return readSummary(db, period, atMs, nowUtc());
    },
  };
}

/** The post-incident review, the incident report and the metrics. */
export function createReviewHandlers(
  deps: ReviewDependencies,
): ReviewEdits & ReportAndMetrics {
  return { ...createReviewEditHandlers(deps), ...createReportHandlers(deps) };
}
