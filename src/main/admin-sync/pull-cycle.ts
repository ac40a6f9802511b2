import { formatEpochMicros } from '../../shared/timestamps';
import type {
  AdminApiError,
  AdminClient,
  AdminResult,
} from '../admin-api/admin-client-types';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import {
  recordEmptyPull,
  recordFailedPull,
  storeSnapshot,
  type PullTimes,
  type SnapshotPart,
  type SnapshotValue,
} from './admin-cache';
import type { CallOutcome } from './connection-state';
import { storeEvents, type GapWindow } from './event-cache';
import type { ScheduledPart } from './poll-schedule';

/** The platform's most rows per events request (CONTRACT §4.1.2). */
export const EVENTS_LIMIT = 200;

export type DashboardPart = 'alerts' | 'health' | 'metrics' | 'events';

export type CycleDeps = {
  db: Db;
  clock: Clock;
  client: AdminClient;
  /** True once War Room is closing: nothing more is written. */
  stopped(): boolean;
};

export type CycleReport = {
  outcomes: CallOutcome[];
  /** Dashboard parts with freshly fetched data. */
  updated: Set<DashboardPart>;
  gaps: { stream: 'events' | 'failed-logins'; gap: GapWindow }[];
  /** The platform asked to wait this long (429 `Retry-After`). */
  retryAfterMs: number | null;
  /** Capabilities were re-read successfully. */
  discovered: boolean;
};

type PartResult = { error: AdminApiError | null; finishedAt: string };

function errorOf<T>(result: AdminResult<T>): AdminApiError | null {
  return result.ok ? null : result.error;
}

/**
 * After these the rest of a cycle is not tried: nobody answers, the
 * platform refuses this console, or it asks to slow down, so more
 * requests only spend the budget. A timeout ends the cycle only if
 * nothing has answered before it.
 */
function endsCycle(error: AdminApiError, answered: boolean): boolean {
  switch (error.kind) {
    case 'offline':
    case 'not-configured':
    case 'unauthorised':
    case 'network-rejected':
    case 'rate-limited':
      return true;
    case 'timeout':
      return !answered;
    default:
      return false;
  }
}

export class PullCycle {
  readonly report: CycleReport = {
    outcomes: [],
    updated: new Set(),
    gaps: [],
    retryAfterMs: null,
    discovered: false,
  };

  constructor(private readonly deps: CycleDeps) {}

  /** Pulls each part in turn (capabilities first) and caches the data. */
  async run(parts: readonly ScheduledPart[]): Promise<CycleReport> {
    const ordered = [...parts].sort(
      (a, b) => Number(b === 'discover') - Number(a === 'discover'),
    );
    for (const part of ordered) {
      const startedAt = this.now();
      const result = await this.pull(part, startedAt);
      if (this.deps.stopped()) break;
      const answered = this.report.outcomes.some(
        (o) => o.error === null || o.error.status !== null,
      );
      this.report.outcomes.push({ what: part, error: result.error });
      if (result.error) this.noteFailure(part, result, startedAt);
      if (result.error && endsCycle(result.error, answered)) break;
    }
    return this.report;
  }

  private now(): string {
    return formatEpochMicros(this.deps.clock.nowMicros());
  }

  private noteFailure(
    part: ScheduledPart,
    result: PartResult,
    startedAt: string,
  ): void {
    const error = result.error!;
    if (error.retryAfterSeconds !== undefined) {
      this.report.retryAfterMs = Math.max(
        this.report.retryAfterMs ?? 0,
        error.retryAfterSeconds * 1000,
      );
    }
    if (part === 'discover') return;
    recordFailedPull(
      this.deps.db,
      part,
      { startedAt, finishedAt: result.finishedAt },
      error.kind,
    );
  }

  private pull(part: ScheduledPart, startedAt: string): Promise<PartResult> {
    switch (part) {
      case 'discover':
        return this.discover();
      case 'alerts':
      case 'health':
      case 'metrics':
        return this.snapshot(part, startedAt);
      case 'events':
        return this.events('events', {}, startedAt);
      case 'failed-logins':
        return this.events(
          'failed-logins',
          { eventType: 'failed_login' },
          startedAt,
        );
      case 'identity':
        return this.identity(startedAt);
    }
  }

  private finished(result: AdminResult<unknown>): PartResult {
    return {
      error: errorOf(result),
      finishedAt: result.ok ? result.receivedAt : this.now(),
    };
  }

  private async discover(): Promise<PartResult> {
    const result = await this.deps.client.discover();
    if (result.ok && !this.deps.stopped()) this.report.discovered = true;
    return this.finished(result);
  }

  private async snapshot(
    part: SnapshotPart,
    startedAt: string,
  ): Promise<PartResult> {
    const { client } = this.deps;
    switch (part) {
      case 'alerts':
        return this.store(part, await client.alerts(), startedAt);
      case 'health':
        return this.store(part, await client.health(), startedAt);
      case 'metrics':
        return this.store(part, await client.metrics(), startedAt);
    }
  }

  private store<P extends SnapshotPart>(
    part: P,
    result: AdminResult<SnapshotValue[P]>,
    startedAt: string,
  ): PartResult {
    if (!result.ok || this.deps.stopped()) return this.finished(result);

    const times = { startedAt, finishedAt: result.receivedAt };
    storeSnapshot(this.deps.db, part, result.value, times);
    this.report.updated.add(part);
    return this.finished(result);
  }

  private async events(
    stream: 'events' | 'failed-logins',
    filter: { eventType?: string },
    startedAt: string,
  ): Promise<PartResult> {
    const result = await this.deps.client.events({
      ...filter,
      limit: EVENTS_LIMIT,
    });
    if (!result.ok || this.deps.stopped()) return this.finished(result);

    const times: PullTimes = { startedAt, finishedAt: result.receivedAt };
    const outcome = storeEvents(
      this.deps.db,
      stream,
      result.value,
      times,
      EVENTS_LIMIT,
    );
    if (outcome.gap) this.report.gaps.push({ stream, gap: outcome.gap });
    this.report.updated.add('events');
    return this.finished(result);
  }

  private async identity(startedAt: string): Promise<PartResult> {
    const result = await this.deps.client.identity();
    if (result.ok && !this.deps.stopped()) {
      recordEmptyPull(this.deps.db, 'identity', {
        startedAt,
        finishedAt: result.receivedAt,
      });
    }
    return this.finished(result);
  }
}
