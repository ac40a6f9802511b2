import { ulid } from 'ulid';
import type { JournalEntry } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';
import { TIMELINE_KINDS } from '../../shared/timeline-exchange-types';
import type { EventBus } from '../events';
import { appendEntry } from '../journal/append-entries';
import { exportTimeline } from '../timeline-exchange/timeline-export';
import {
  importTimeline,
  type ImportControl,
} from '../timeline-exchange/timeline-import';
import { announceEntry } from '../events';
import type { EvidenceDependencies } from './evidence-handlers';
import type { HandlerMap } from './handler-map';

type TimelineExchangeChannel =
  'timeline:export' | 'timeline:import' | 'timeline:cancel-import';

type RunningImport = { controller: AbortController; appending: boolean };

/**
 * Imports in progress, by the id their caller chose. One can be cancelled
 * until it starts appending; from then on it runs to its end, so an import
 * is never left half-appended on request.
 */
class ImportRegistry {
  private readonly running = new Map<string, RunningImport>();

  start(importId: string | undefined): {
    importId: string;
    signal: AbortSignal;
  } {
    const id = importId ?? ulid();
    if (this.running.has(id)) {
      throw new AppFailure('invalid-input', `import ${id} is already running`);
    }
    const controller = new AbortController();
    this.running.set(id, { controller, appending: false });
    return { importId: id, signal: controller.signal };
  }

  markAppending(importId: string): void {
    const running = this.running.get(importId);
    if (running) running.appending = true;
  }

  cancel(importId: string): boolean {
    const running = this.running.get(importId);
    if (!running || running.appending) return false;
    running.controller.abort();
    return true;
  }

  done(importId: string): void {
    this.running.delete(importId);
  }
}

function announceBatch(events: EventBus, last: JournalEntry): void {
  events.emit('journal:appended', {
    scope: last.scope,
    entryId: last.id,
    kind: last.kind,
  });
}

/** Timeline export and import, with progress events and cancelling. */
export function createTimelineExchangeHandlers(
  deps: EvidenceDependencies,
): Pick<HandlerMap, TimelineExchangeChannel> {
  const { db, writer, events, intake } = deps;
  const imports = new ImportRegistry();

  return {
    'timeline:export': async (input, context) => {
      const summary = await exportTimeline(db, input);
      announceEntry(
        events,
        appendEntry(db, writer, {
          scope: input.incidentId,
          kind: TIMELINE_KINDS.exported,
          actor: input.actor ?? context.defaultActor,
          payload: { ...summary },
        }),
      );
      return summary;
    },

    'timeline:import': async (input, context) => {
      const { importId, signal } = imports.start(input.importId);
      const control: ImportControl = {
        importId,
        signal,
        onProgress: (progress) =>
          events.emit('timeline:import-progress', progress),
        onAppending: () => imports.markAppending(importId),
        onBatch: (last) => announceBatch(events, last),
      };
      try {
        const report = await importTimeline(
          intake,
          {
            incidentId: input.incidentId,
            path: input.path,
            format: input.format,
            zone: input.zone,
            skipBadRows: input.skipBadRows ?? false,
            actor: input.actor ?? context.defaultActor,
          },
          control,
        );
        if (!report.refused) {
          events.emit('incident:changed', { incidentId: input.incidentId });
        }
        return report;
      } finally {
        imports.done(importId);
      }
    },

    'timeline:cancel-import': ({ importId }) => ({
      cancelled: imports.cancel(importId),
    }),
  };
}
