import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import type { PollIntervals, ScheduledPart } from './poll-schedule';

export type PollPlan = {
  /** The parts to poll and the interval of each. */
  intervals: Partial<PollIntervals>;
  /** Nothing is pulled before this (backoff, `Retry-After`); micros. */
  notBeforeMicros: number;
};

export type PollerDeps = {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** The plan as things stand; null when there is nothing to poll. */
  plan(): PollPlan | null;
  /** Pulls the parts; expected to resolve whatever the platform says. */
  pull(parts: ScheduledPart[]): Promise<void>;
};

/** How long to wait before looking again when nothing can be polled. */
export const IDLE_RECHECK_MS = 60_000;

/**
 * Runs pull cycles when parts fall due, one cycle at a time: a cycle asked
 * for while another runs joins it. Every wait goes through the injected
 * timers; `close` ends the loop at its next wait and starts no new cycle.
 */
export class Poller {
  private readonly lastPulled = new Map<ScheduledPart, number>();
  private flight: Promise<void> | null = null;
  private sleeper: AbortController | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly deps: PollerDeps) {}

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.loop();
  }

  /**
   * Pulls `parts` now, after any cycle in progress. By default every
   * planned part, and then any part the pull made available (a discovery
   * that found routes) that has never been pulled.
   */
  async runNow(parts?: ScheduledPart[]): Promise<void> {
    if (this.flight) await this.flight;
    const plan = this.deps.plan();
    if (this.stopped || plan === null) return;
    await this.cycle(parts ?? plannedParts(plan));
    if (parts !== undefined) return;

    const after = this.deps.plan();
    const fresh = after
      ? plannedParts(after).filter((part) => !this.lastPulled.has(part))
      : [];
    if (fresh.length > 0 && !this.stopped) await this.cycle(fresh);
  }

  /** Ends a wait early so a changed plan takes effect at once. */
  poke(): void {
    this.sleeper?.abort();
  }

  close(): void {
    this.stopped = true;
    this.sleeper?.abort();
  }

  /** Milliseconds until the next part falls due under `plan`. */
  msUntilDue(plan: PollPlan): number {
    const parts = plannedParts(plan);
    if (parts.length === 0) return IDLE_RECHECK_MS;
    const now = this.deps.clock.nowMicros();
    const due = Math.max(
      plan.notBeforeMicros,
      Math.min(...parts.map((part) => this.dueAt(plan, part))),
    );
    return Math.max(0, Math.ceil((due - now) / 1000));
  }

  private dueAt(plan: PollPlan, part: ScheduledPart): number {
    const last = this.lastPulled.get(part);
    const interval = plan.intervals[part] ?? IDLE_RECHECK_MS;
    return last === undefined ? 0 : last + interval * 1000;
  }

  private dueParts(plan: PollPlan): ScheduledPart[] {
    const now = this.deps.clock.nowMicros();
    return plannedParts(plan).filter((part) => this.dueAt(plan, part) <= now);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const plan = this.deps.plan();
      const waitMs = plan === null ? IDLE_RECHECK_MS : this.msUntilDue(plan);
      if (waitMs > 0 || plan === null) {
        await this.sleep(waitMs);
        continue;
      }
      await this.cycle(this.dueParts(plan));
    }
  }

  private cycle(parts: ScheduledPart[]): Promise<void> {
    this.flight ??= this.pullOnce(parts).finally(() => {
      this.flight = null;
    });
    return this.flight;
  }

  private async pullOnce(parts: ScheduledPart[]): Promise<void> {
    const startedAt = this.deps.clock.nowMicros();
    try {
      await this.deps.pull(parts);
    } catch (error) {
      this.deps.logger.error(
        { err: error, parts },
        'admin API pull cycle failed',
      );
    }
    for (const part of parts) this.lastPulled.set(part, startedAt);
  }

  private async sleep(ms: number): Promise<void> {
    const sleeper = new AbortController();
    this.sleeper = sleeper;
    try {
      await this.deps.timers.sleep(ms, sleeper.signal);
    } catch {
      // Woken early by `poke` or `close`; the loop looks again.
    } finally {
      if (this.sleeper === sleeper) this.sleeper = null;
    }
  }
}

function plannedParts(plan: PollPlan): ScheduledPart[] {
  return Object.keys(plan.intervals) as ScheduledPart[];
}
