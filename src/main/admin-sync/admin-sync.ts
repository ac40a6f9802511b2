import type {
  AdminStatus,
  ConnectionTransition,
} from '../../shared/admin-api-types';
import { AppFailure } from '../../shared/result';
import { formatEpochMicros } from '../../shared/timestamps';
import type { AdminClient } from '../admin-api/admin-client-types';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Timers } from '../timers';
import { clearAdminCache, readSnapshot } from './admin-cache';
import { normaliseBaseUrl, type AdminEnvironment } from './admin-config';
import { readAdminSettings, saveAdminSetting } from './admin-settings';
import { assessCycle, type Assessment } from './connection-state';
import { ConnectionTracker } from './connection-tracker';
import {
  DEFAULT_POLL_BUDGET_PER_MINUTE,
  DEFAULT_POLL_INTERVALS,
  delayAfterCycle,
  fitToBudget,
  pollableParts,
  type PollIntervals,
  type ScheduledPart,
} from './poll-schedule';
import { Poller, type PollPlan } from './poller';
import { PullCycle, type CycleReport } from './pull-cycle';
import type { TokenStore } from './token-store';

export type AdminClientConfig = {
  baseUrl: string;
  /** Read at each request; null when there is no token. */
  token: () => string | null;
  pollBudgetPerMinute: number;
};

export type AdminClientFactory = (config: AdminClientConfig) => AdminClient;

export type AdminSyncDeps = {
  db: Db;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  events: EventBus;
  createClient: AdminClientFactory;
  tokenStore: TokenStore;
  environment: AdminEnvironment;
  intervals?: Partial<PollIntervals>;
};

export type ConfigureInput = {
  baseUrl: string;
  token?: string;
  pollBudgetPerMinute?: number;
};

type HeldToken = { value: string; source: AdminStatus['tokenSource'] };

/**
 * The console's side of the admin API: its configuration, the client, the
 * poller that keeps the offline cache fresh, and the connection state.
 * Status changes are pushed as `admin:status-changed`, fresh data as
 * `dashboard:updated`, both after the data is committed.
 */
export class AdminSync {
  private readonly logger: Logger;
  private readonly intervals: PollIntervals;
  private readonly tracker: ConnectionTracker;
  private readonly poller: Poller;
  private baseUrl: string | null;
  private budget: number;
  private token: HeldToken | null;
  private client: AdminClient | null = null;
  private checkedAt: string | null = null;
  private lastSuccessAt: string | null = null;
  private downCycles = 0;
  private notBeforeMicros = 0;
  private closed = false;

  constructor(private readonly deps: AdminSyncDeps) {
    this.logger = deps.logger.child({ module: 'admin-sync' });
    this.intervals = { ...DEFAULT_POLL_INTERVALS, ...deps.intervals };
    const settings = readAdminSettings(deps.db);
    this.baseUrl = deps.environment.baseUrl ?? settings.baseUrl;
    this.budget =
      settings.pollBudgetPerMinute ?? DEFAULT_POLL_BUDGET_PER_MINUTE;
    this.token = this.initialToken();
    if (this.baseUrl !== null) this.adoptCache(this.baseUrl);
    this.tracker = new ConnectionTracker(deps.clock, this.logger, {
      state: this.configured() ? 'connecting' : 'not-configured',
      reason: this.configured() ? 'not contacted yet' : this.missing(),
    });
    this.poller = new Poller({
      clock: deps.clock,
      timers: deps.timers,
      logger: this.logger,
      plan: () => this.plan(),
      pull: (parts) => this.pull(parts),
    });
    if (this.configured()) this.connect();
  }

  status(): AdminStatus {
    const now = this.tracker.current;
    return {
      connection: now.state,
      baseUrl: this.baseUrl,
      tokenSource: this.token?.source ?? 'none',
      since: now.since,
      lastSuccessAt: this.lastSuccessAt,
      lastError: now.state === 'online' ? null : now.reason,
      capabilities: this.client?.capabilities() ?? [],
      capabilitiesCheckedAt: this.checkedAt,
      pollBudgetPerMinute: this.budget,
      recentTransitions: this.tracker.transitions(),
    };
  }

  /**
   * Points the console at a platform (and token), then checks it with one
   * sync. A different base URL empties the cache of the previous one. A
   * token the keychain refuses fails the call and changes nothing.
   */
  async configure(input: ConfigureInput): Promise<AdminStatus> {
    if (input.token !== undefined) this.keepToken(input.token);
    const baseUrl = normaliseBaseUrl(input.baseUrl);
    const budget = input.pollBudgetPerMinute ?? this.budget;
    const reconnect = baseUrl !== this.baseUrl || budget !== this.budget;
    this.saveSettings(baseUrl, budget);
    if (reconnect || this.client === null) this.reconnect();
    if (!this.configured()) {
      this.tracker.move({ state: 'not-configured', reason: this.missing() });
    }
    this.logger.info(
      { tokenSource: this.token?.source ?? 'none', budget },
      'admin API configured',
    );
    this.announce();
    return this.syncNow();
  }

  /** Re-reads what the platform offers. */
  async discover(): Promise<AdminStatus> {
    await this.poller.runNow(['discover']);
    return this.status();
  }

  /**
   * Pulls everything now, waiting for a cycle in progress first; if the
   * pull found new capabilities, their parts are pulled too.
   */
  async syncNow(): Promise<AdminStatus> {
    await this.poller.runNow();
    this.poller.poke();
    return this.status();
  }

  /** Starts background polling; for the app and serve mode. */
  startPolling(): void {
    this.poller.start();
  }

  /** The client, for one-off calls such as an audit-log pull. */
  requireClient(): AdminClient {
    if (this.client === null) {
      throw new AppFailure(
        'invalid-input',
        `the admin API is not configured: ${this.missing()}`,
      );
    }
    return this.client;
  }

  findTransition(id: string): ConnectionTransition | null {
    return this.tracker.find(id);
  }

  close(): void {
    this.closed = true;
    this.poller.close();
    this.client?.close();
  }

  private initialToken(): HeldToken | null {
    const { environment, tokenStore } = this.deps;
    if (environment.token) {
      return { value: environment.token, source: 'environment' };
    }
    try {
      const saved = tokenStore.load();
      return saved ? { value: saved, source: tokenStore.source } : null;
    } catch (error) {
      this.logger.warn({ err: error }, 'saved admin token unreadable');
      return null;
    }
  }

  private keepToken(token: string): void {
    this.deps.tokenStore.save(token);
    this.token = { value: token, source: this.deps.tokenStore.source };
  }

  private saveSettings(baseUrl: string, budget: number): void {
    this.adoptCache(baseUrl);
    saveAdminSetting(this.deps.db, 'baseUrl', baseUrl);
    saveAdminSetting(this.deps.db, 'pollBudgetPerMinute', budget);
    this.baseUrl = baseUrl;
    this.budget = budget;
  }

  /** Makes the cache the platform's at `baseUrl`, emptying another's. */
  private adoptCache(baseUrl: string): void {
    const { db } = this.deps;
    const cachedFrom = readAdminSettings(db).cacheBaseUrl;
    if (cachedFrom === baseUrl) return;
    if (cachedFrom !== null) {
      clearAdminCache(db);
      this.logger.info('admin cache emptied: another platform configured');
    }
    saveAdminSetting(db, 'cacheBaseUrl', baseUrl);
  }

  private configured(): boolean {
    return this.baseUrl !== null && this.token !== null;
  }

  private missing(): string {
    if (this.baseUrl === null) {
      return 'no base URL (--admin-url, WAR_ROOM_ADMIN_URL or admin:configure)';
    }
    return 'no token (WAR_ROOM_ADMIN_TOKEN or admin:configure)';
  }

  private connect(): void {
    this.client = this.deps.createClient({
      baseUrl: this.baseUrl!,
      token: () => this.token?.value ?? null,
      pollBudgetPerMinute: this.budget,
    });
  }

  private reconnect(): void {
    this.client?.close();
    this.client = null;
    this.checkedAt = null;
    this.notBeforeMicros = 0;
    this.downCycles = 0;
    if (this.configured()) this.connect();
  }

  private plan(): PollPlan | null {
    if (this.client === null || this.closed) return null;
    const parts = pollableParts((capability) => this.client!.has(capability));
    // Until the first discovery succeeds it is retried as often as data.
    const intervals = this.checkedAt
      ? this.intervals
      : { ...this.intervals, discover: this.intervals.alerts };
    return {
      intervals: fitToBudget(intervals, parts, this.budget),
      notBeforeMicros: this.notBeforeMicros,
    };
  }

  private async pull(parts: ScheduledPart[]): Promise<void> {
    const client = this.client;
    if (client === null) return;
    const cycle = new PullCycle({
      db: this.deps.db,
      clock: this.deps.clock,
      client,
      stopped: () => this.closed || this.client !== client,
    });
    const report = await cycle.run(parts);
    if (this.closed || this.client !== client) return;
    this.afterCycle(report);
  }

  private afterCycle(report: CycleReport): void {
    const now = formatEpochMicros(this.deps.clock.nowMicros());
    if (report.discovered) this.checkedAt = now;
    if (report.outcomes.some((outcome) => outcome.error === null)) {
      this.lastSuccessAt = now;
    }
    const health = readSnapshot(this.deps.db, 'health')?.value ?? null;
    const assessment = assessCycle(report.outcomes, health);
    const moved = assessment ? this.track(assessment) : false;
    this.scheduleAfter(assessment, report);
    this.reportGaps(report);
    if (report.updated.size > 0) {
      this.deps.events.emit('dashboard:updated', {
        parts: [...report.updated],
      });
    }
    if (moved || report.discovered) this.announce();
  }

  /** Records the assessment; true if the status visibly changed. */
  private track(assessment: Assessment): boolean {
    const before = this.tracker.current.reason;
    const moved = this.tracker.move(assessment) !== null;
    return moved || before !== assessment.reason;
  }

  private scheduleAfter(
    assessment: Assessment | null,
    report: CycleReport,
  ): void {
    const state = assessment?.state ?? this.tracker.current.state;
    this.downCycles = state === 'offline' ? this.downCycles + 1 : 0;
    const delayMs = delayAfterCycle({
      state,
      downCycles: this.downCycles,
      shortestIntervalMs: Math.min(...Object.values(this.intervals)),
      retryAfterMs: report.retryAfterMs,
    });
    this.notBeforeMicros = this.deps.clock.nowMicros() + delayMs * 1000;
  }

  private reportGaps(report: CycleReport): void {
    for (const { stream, gap } of report.gaps) {
      this.logger.warn(
        { stream, gapStart: gap.start, gapEnd: gap.end },
        'events may be missing between two pulls; pull the audit log ' +
          'for that window',
      );
    }
  }

  private announce(): void {
    this.deps.events.emit('admin:status-changed', this.status());
  }
}
