import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { onInterrupt } from './bench-kit';
import { PAGE_QUERIES } from './page-queries';

/*
 * The timeline queries are timed in a child process. A better-sqlite3 call
 * cannot be interrupted from JavaScript, and a query whose cost grows with
 * the journal can run for many minutes on a million entries; a child can be
 * killed when one call overruns, and the rest measured in a fresh one.
 */

export type Side = 'small' | 'large';

export type RunnerJournal = {
  side: Side;
  dataDir: string;
  incidentId: string;
  entries: number;
};

/** What the parent asks of one child. */
export type RunnerSpec = {
  journals: RunnerJournal[];
  /** Names from PAGE_QUERIES. */
  queries: string[];
  warmUp: number;
  repetitions: number;
  /** The child starts no repetition of a query after this long on it. */
  budgetMicrosPerQuery: number;
};

/** One JSON line each on the child's stdout. */
export type RunnerMessage =
  | { type: 'ready'; openMicros: number }
  | { type: 'start'; query: string; side: Side }
  | {
      type: 'timed';
      query: string;
      side: Side;
      micros: number;
      measured: boolean;
      shape: PageShape;
    }
  | { type: 'query-done'; query: string }
  | { type: 'finished' };

/** What a page held, so a wrong seed or a broken query shows. */
export type PageShape = { rows: number; total: number; capped: boolean };

export type QuerySamples = {
  micros: Record<Side, number[]>;
  /** Warm-up calls: the only figures left when a query is stopped early. */
  warmUpMicros: Record<Side, number[]>;
  /** The first page each side returned. */
  shape: Partial<Record<Side, PageShape>>;
  /** The side on which one call overran the limit and was stopped. */
  stoppedOn: Side | null;
};

export type RunnerLimits = {
  repetitions: number;
  warmUp: number;
  budgetMicrosPerQuery: number;
  /** A single call longer than this is stopped and reported as such. */
  callLimitMs: number;
  /** Opening both databases (with their integrity check) may take this. */
  openLimitMs: number;
};

const CHILD_ENTRY = resolve(import.meta.dirname, 'query-runner-child.ts');
const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

type ChildOutcome =
  | { kind: 'finished'; openMicros: number }
  | { kind: 'overran'; query: string; side: Side; openMicros: number };

function record(samples: Map<string, QuerySamples>, message: RunnerMessage) {
  if (message.type !== 'timed') return;
  const query = samples.get(message.query)!;
  query.shape[message.side] ??= message.shape;
  const into = message.measured ? query.micros : query.warmUpMicros;
  into[message.side].push(message.micros);
}

/**
 * Kills the child when opening the databases, or a single call, overruns
 * its limit, and tells at the end how the child's run went.
 */
function watchChild(child: ChildProcess, limits: RunnerLimits) {
  let openMicros = 0;
  let finished = false;
  let overran: ChildOutcome | null = null;
  let failure: string | null = null;
  let call: NodeJS.Timeout | undefined;
  const opening = setTimeout(() => {
    failure = `opening took over ${limits.openLimitMs} ms`;
    child.kill('SIGKILL');
  }, limits.openLimitMs);

  return {
    observe(message: RunnerMessage) {
      if (message.type === 'ready') {
        openMicros = message.openMicros;
        clearTimeout(opening);
      } else if (message.type === 'start') {
        const { query, side } = message;
        call = setTimeout(() => {
          overran = { kind: 'overran', query, side, openMicros };
          child.kill('SIGKILL');
        }, limits.callLimitMs);
      } else if (message.type === 'timed') {
        clearTimeout(call);
      } else if (message.type === 'finished') {
        finished = true;
      }
    },
    settle(code: number | null): ChildOutcome | Error {
      clearTimeout(opening);
      clearTimeout(call);
      if (overran) return overran;
      if (finished && code === 0) return { kind: 'finished', openMicros };
      return new Error(failure ?? `it exited with ${code}`);
    },
  };
}

function parseMessage(line: string): RunnerMessage | null {
  // Anything else a library prints is not part of the protocol.
  return line.startsWith('{"type":')
    ? (JSON.parse(line) as RunnerMessage)
    : null;
}

/** Runs one child to its end, or until a call overruns and it is killed. */
function runChild(
  spec: RunnerSpec,
  limits: RunnerLimits,
  samples: Map<string, QuerySamples>,
  onQueryDone: (query: string) => void,
): Promise<ChildOutcome> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD_ENTRY, JSON.stringify(spec)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const forget = onInterrupt(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const watch = watchChild(child, limits);

  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = parseMessage(line);
    if (!message) return;
    record(samples, message);
    watch.observe(message);
    if (message.type === 'query-done') onQueryDone(message.query);
  });

  return new Promise<ChildOutcome>((done, fail) => {
    child.once('exit', (code) => {
      forget();
      const outcome = watch.settle(code);
      if (!(outcome instanceof Error)) return done(outcome);
      fail(new Error(`the query runner failed: ${outcome.message}\n${stderr}`));
    });
  });
}

export type BoundedRun = {
  samples: Map<string, QuerySamples>;
  /** Time each child spent opening both databases. */
  openMicros: number[];
};

/**
 * Times every query of PAGE_QUERIES on both journals, one query after
 * another, each within its own budget. A query whose single call overruns
 * the limit is stopped; the queries after it carry on in a new child.
 */
export async function runQueriesBounded(
  journals: RunnerJournal[],
  limits: RunnerLimits,
): Promise<BoundedRun> {
  const samples = new Map<string, QuerySamples>(
    PAGE_QUERIES.map((query) => [
      query.name,
      {
        micros: { small: [], large: [] },
        warmUpMicros: { small: [], large: [] },
        shape: {},
        stoppedOn: null,
      },
    ]),
  );
  const openMicros: number[] = [];
  let queries = PAGE_QUERIES.map((query) => query.name);
  const markDone = (name: string) => {
    queries = queries.filter((query) => query !== name);
  };

  while (queries.length > 0) {
    const spec: RunnerSpec = {
      journals,
      queries,
      warmUp: limits.warmUp,
      repetitions: limits.repetitions,
      budgetMicrosPerQuery: limits.budgetMicrosPerQuery,
    };
    const outcome = await runChild(spec, limits, samples, markDone);
    openMicros.push(outcome.openMicros);
    if (outcome.kind === 'finished') break;
    samples.get(outcome.query)!.stoppedOn = outcome.side;
    markDone(outcome.query);
  }
  return { samples, openMicros };
}
