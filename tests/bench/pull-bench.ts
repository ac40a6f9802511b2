import { join } from 'node:path';
import type { SecurityEvent } from '../../src/shared/admin-api-types';
import { formatEpochMicros } from '../../src/shared/timestamps';
import { createAdminClient } from '../../src/main/admin-api/admin-client';
import type { AdminClient } from '../../src/main/admin-api/admin-client-types';
import { storeEvents } from '../../src/main/admin-sync/event-cache';
import { EVENTS_LIMIT, PullCycle } from '../../src/main/admin-sync/pull-cycle';
import { systemClock } from '../../src/main/clock';
import { openDatabase, type Db } from '../../src/main/db/open-database';
import { createLogger } from '../../src/main/logger';
import { systemTimers } from '../../src/main/timers';
import {
  startAdminSimulator,
  type AdminSimulator,
} from '../admin-sim/simulator';
import {
  formatCount,
  formatTable,
  heading,
  median,
  nowMicros,
  onInterrupt,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';

export type PullBenchOptions = {
  /** Generated events in the simulator (its 9 example rows come on top). */
  events: number;
  /** Each variant runs this many times, in rotated order. */
  rounds: number;
};

/**
 * A ceiling of War Room's own: the design sets no target for pulls. The
 * pull stores each page of at most 200 rows in its own
 * fsync'd transaction (rewriting the pages of six indexes every time),
 * checking every id and logging the pull, behind a real HTTP exchange and
 * the client's validation; the baseline pays none of that.
 */
const TARGET_RATIO = 10;

/**
 * The contract's maximum; the default budget would spread 500 pulls over
 * a quarter of an hour.
 */
const BENCH_BUDGET_PER_MINUTE = 600;

/** Keeps the first row of an id, as the cache does. */
const INSERT_RAW = `INSERT INTO admin_security_events (id, occurred_at,
    event_type, severity, user_id, ip_address, description, details,
    first_seen_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO NOTHING`;

type RawEvent = {
  id: string;
  timestamp: string;
  event_type: string;
  severity: SecurityEvent['severity'];
  user_id: string | null;
  ip_address: string | null;
  description: string;
  details: Record<string, unknown>;
};

/**
 * A simulator whose events route, for benchmarks only, goes on where the
 * previous request stopped, so pulls of 200 reach every row.
 */
async function startBenchSimulator(events: number): Promise<AdminSimulator> {
  const sim = await startAdminSimulator({
    preset: 'designed',
    volume: { events },
    benchEventPages: true,
    clock: { frozen: true },
  });
  onInterrupt(() => sim.close());
  return sim;
}

/** Every page the events route serves, as the bodies it sent. */
async function capturePages(events: number): Promise<string[]> {
  const sim = await startBenchSimulator(events);
  const pages: string[] = [];
  try {
    for (;;) {
      const response = await fetch(
        `${sim.url}/api/admin/security/events?limit=${EVENTS_LIMIT}`,
        { headers: { authorization: `Bearer ${sim.token}` } },
      );
      const body = await response.text();
      if (!response.ok) throw new Error(`capture: ${response.status} ${body}`);
      pages.push(body);
      if ((JSON.parse(body) as unknown[]).length < EVENTS_LIMIT) return pages;
    }
  } finally {
    await sim.close();
  }
}

function openCache(dir: string): Db {
  return openDatabase(join(dir, 'cache.db'));
}

function cachedCount(db: Db): number {
  return (
    db.prepare('SELECT count(*) AS n FROM admin_security_events').get() as {
      n: number;
    }
  ).n;
}

/** The baseline: parse every body, one prepared INSERT, one transaction. */
function rawInsert(dir: string, pages: readonly string[]): number {
  const db = openCache(dir);
  try {
    const insert = db.prepare(INSERT_RAW);
    const seenAt = formatEpochMicros(systemClock.nowMicros());
    const started = nowMicros();
    db.transaction(() => {
      for (const page of pages) {
        for (const row of JSON.parse(page) as RawEvent[]) {
          insert.run(
            row.id,
            row.timestamp,
            row.event_type,
            row.severity,
            row.user_id,
            row.ip_address,
            row.description,
            JSON.stringify(row.details),
            seenAt,
          );
        }
      }
    }).immediate();
    return nowMicros() - started;
  } finally {
    db.close();
  }
}

function normalised(row: RawEvent): SecurityEvent {
  return {
    id: row.id,
    occurredAt: `${row.timestamp}${row.timestamp.includes('.') ? '' : '.000000'}Z`,
    eventType: row.event_type,
    severity: row.severity,
    userId: row.user_id,
    ipAddress: row.ip_address,
    description: row.description,
    details: row.details,
  };
}

/** The cache's own store alone: no HTTP and no client, a pull per page. */
function storeOnly(dir: string, pages: readonly string[]): number {
  const db = openCache(dir);
  try {
    const started = nowMicros();
    for (const page of pages) {
      const rows = (JSON.parse(page) as RawEvent[]).map(normalised);
      const at = formatEpochMicros(systemClock.nowMicros());
      storeEvents(
        db,
        'events',
        rows,
        { startedAt: at, finishedAt: at },
        EVENTS_LIMIT,
      );
    }
    return nowMicros() - started;
  } finally {
    db.close();
  }
}

function benchClient(sim: AdminSimulator): AdminClient {
  return createAdminClient({
    baseUrl: sim.url,
    token: () => sim.token,
    clock: systemClock,
    timers: systemTimers,
    logger: createLogger(),
    pollBudgetPerMinute: BENCH_BUDGET_PER_MINUTE,
  });
}

/**
 * The subject: the poller's events pull, `pulls` times, through the real
 * client over loopback HTTP into the cache. Discovery runs before timing.
 */
async function pullThroughClient(
  dir: string,
  events: number,
  pulls: number,
): Promise<{ micros: number; cached: number }> {
  const sim = await startBenchSimulator(events);
  const client = benchClient(sim);
  const db = openCache(dir);
  try {
    const discovered = await client.discover();
    if (!discovered.ok || !client.has('events')) {
      throw new Error('the simulator offered no events route');
    }
    const cycle = () =>
      new PullCycle({ db, clock: systemClock, client, stopped: () => false });
    const started = nowMicros();
    for (let pull = 0; pull < pulls; pull += 1) {
      const report = await cycle().run(['events']);
      const error = report.outcomes[0]?.error;
      if (error) throw new Error(`pull ${pull}: ${error.message}`);
    }
    return { micros: nowMicros() - started, cached: cachedCount(db) };
  } finally {
    client.close();
    db.close();
    await sim.close();
  }
}

type Timings = Record<'raw' | 'store' | 'pull', number[]>;

async function runRound(
  workspace: BenchWorkspace,
  round: number,
  options: PullBenchOptions,
  pages: readonly string[],
  timings: Timings,
): Promise<number> {
  let cached = 0;
  const steps = [
    () => timings.raw.push(rawInsert(workspace.dir(`raw-${round}`), pages)),
    () => timings.store.push(storeOnly(workspace.dir(`store-${round}`), pages)),
    async () => {
      const pulled = await pullThroughClient(
        workspace.dir(`pull-${round}`),
        options.events,
        pages.length,
      );
      timings.pull.push(pulled.micros);
      cached = pulled.cached;
    },
  ];
  for (let turn = 0; turn < steps.length; turn += 1) {
    await steps[(round + turn) % steps.length]();
  }
  return cached;
}

function rate(rows: number, micros: number): string {
  return `${formatCount(Math.round(rows / (micros / 1_000_000)))} rows/s`;
}

function report(rows: number, pages: number, timings: Timings): TargetResult {
  const raw = median(timings.raw);
  const line = (name: string, list: number[]) => [
    name,
    `${(median(list) / 1000).toFixed(0)} ms`,
    rate(rows, median(list)),
    `${(median(list) / raw).toFixed(2)}×`,
  ];
  console.log(
    formatTable([
      ['variant', 'median time', 'throughput', '÷ raw'],
      line('raw: JSON.parse + one INSERT, one transaction', timings.raw),
      line(`cache store only: ${pages} transactions`, timings.store),
      line(`pull: client over HTTP + cache, ${pages} pulls`, timings.pull),
    ]),
  );
  const ratio = median(timings.pull) / raw;
  return {
    measure: `pull ${formatCount(rows)} events ÷ raw parse + insert`,
    ratio,
    target: TARGET_RATIO,
    detail:
      `${rate(rows, median(timings.pull))} vs ${rate(rows, raw)}; store ` +
      `alone ${(median(timings.store) / raw).toFixed(2)}×`,
  };
}

/**
 * Pulling security events into the offline cache. The platform answers at
 * most 200 newest events with no cursor, so 100,000 cannot be pulled from
 * it at all; the simulator's benchmark-only paging serves the next 200
 * older rows on each request instead. What is measured is therefore the
 * real per-pull path (HTTP on loopback, the client's parsing and
 * normalising, the cache's de-duplication, pull log and fsync'd
 * transaction) repeated for every page, against parsing the same bodies
 * and inserting their rows into the same table with one prepared
 * statement in one transaction.
 */
export async function runPullBench(
  workspace: BenchWorkspace,
  options: PullBenchOptions,
): Promise<TargetResult[]> {
  heading(`Pulling ${formatCount(options.events)} security events`);
  const pages = await capturePages(options.events);
  const rows = pages.flatMap((page) => JSON.parse(page) as RawEvent[]);
  const distinct = new Set(rows.map((row) => row.id)).size;
  console.log(
    `${formatCount(rows.length)} rows (the simulator's ` +
      `${formatCount(options.events)} generated and its example rows; ` +
      `${formatCount(distinct)} distinct ids, as its generator repeats ` +
      `some at this volume) in ${pages.length} pages of at most ` +
      `${EVENTS_LIMIT}; poll budget raised to ${BENCH_BUDGET_PER_MINUTE}/min`,
  );
  const timings: Timings = { raw: [], store: [], pull: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    const cached = await runRound(workspace, round, options, pages, timings);
    if (cached !== distinct) {
      throw new Error(`the pull cached ${cached} of ${distinct} events`);
    }
  }
  return [report(rows.length, pages.length, timings)];
}
