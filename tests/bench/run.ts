/**
 * `npm run bench`: measures War Room against the targets its design sets
 * and prints every figure with the ratio it is judged by. Each ratio's
 * two sides are measured in this run, on this machine. Missing a target
 * is reported, not failed: the exit code is 0 unless a benchmark itself
 * broke.
 *
 * Options (for quicker runs while working on a benchmark):
 *   --only append,scale,scroll,intake,pull,import   run some of them
 *   --entries N                  size of the large journal (1,000,000)
 *   --appends N                  measured appends per variant (2,000)
 *   --intake-mib N               size of the evidence file (2048)
 *   --pull-events N              security events to pull (100,000)
 *   --import-rows N              rows of the imported timeline (1,000,000)
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runAppendBench } from './append-bench';
import { runImportBench } from './import-bench';
import { runIntakeBench } from './intake-bench';
import { runPullBench } from './pull-bench';
import {
  BenchmarkSkipped,
  createWorkspace,
  formatCount,
  formatRatio,
  formatSeconds,
  formatTable,
  heading,
  nowMicros,
  interruptRun,
  runInterruptTasks,
  wasInterrupted,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';
import { runScaleBench, type LargeJournal } from './scale-bench';
import { runScrollFramesBench } from './scroll-frames-bench';
import { seedJournal } from './seed-journal';

const BENCHMARKS = [
  'append',
  'scale',
  'scroll',
  'intake',
  'pull',
  'import',
] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

type RunOptions = {
  only: Set<BenchmarkName>;
  largeEntries: number;
  appends: number;
  intakeBytes: number;
  pullEvents: number;
  importRows: number;
};

function positiveInteger(name: string, text: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number above 0, not ${text}`);
  }
  return value;
}

function parseOptions(): RunOptions {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: BENCHMARKS.join(',') },
      entries: { type: 'string', default: '1000000' },
      appends: { type: 'string', default: '2000' },
      'intake-mib': { type: 'string', default: '2048' },
      'pull-events': { type: 'string', default: '100000' },
      'import-rows': { type: 'string', default: '1000000' },
    },
  });
  const only = values.only.split(',').map((name) => name.trim());
  const unknown = only.filter(
    (name) => !(BENCHMARKS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new Error(`--only takes ${BENCHMARKS.join(', ')}, not ${unknown}`);
  }
  return {
    only: new Set(only as BenchmarkName[]),
    largeEntries: positiveInteger('entries', values.entries),
    appends: positiveInteger('appends', values.appends),
    intakeBytes:
      positiveInteger('intake-mib', values['intake-mib']) * 1024 * 1024,
    pullEvents: positiveInteger('pull-events', values['pull-events']),
    importRows: positiveInteger('import-rows', values['import-rows']),
  };
}

function printMachine(workspace: BenchWorkspace): void {
  const sqlite = new Database(':memory:');
  const version = sqlite.prepare('SELECT sqlite_version() AS v').get() as {
    v: string;
  };
  sqlite.close();
  console.log(
    `War Room benchmarks — ${new Date().toISOString()}\n` +
      `Node ${process.version}, SQLite ${version.v}, ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}\n` +
      `temporary data under ${workspace.root} (removed at the end)`,
  );
}

type Outcome = { targets: TargetResult[]; broke: boolean };

/**
 * Runs one benchmark; a skip or a failure becomes a summary line with its
 * reason instead of ending the run.
 */
async function attempt(
  measure: string,
  run: () => Promise<TargetResult[]>,
): Promise<Outcome> {
  try {
    return { targets: await run(), broke: false };
  } catch (error) {
    if (wasInterrupted()) throw error;
    const skipped = error instanceof BenchmarkSkipped;
    if (!skipped) console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${skipped ? 'skipped' : 'FAILED'}: ${message}`);
    return {
      targets: [
        {
          measure,
          ratio: null,
          target: Number.NaN,
          detail: '',
          reason: `${skipped ? 'skipped' : 'failed'}: ${message}`,
        },
      ],
      broke: !skipped,
    };
  }
}

function verdict(result: TargetResult): string {
  if (result.ratio === null) {
    return result.reason?.startsWith('skipped') ? 'SKIP' : 'FAIL';
  }
  // A stopped call overran a limit far above any target.
  if (result.atLeast) return 'MISS';
  return result.ratio <= result.target ? 'PASS' : 'MISS';
}

function printSummary(results: TargetResult[], startedAt: number): void {
  heading('Summary');
  console.log(
    formatTable([
      ['measure', 'ratio', 'target', 'result', 'figures'],
      ...results.map((result) => [
        result.measure,
        formatRatio(result.ratio, result.atLeast),
        Number.isNaN(result.target) ? '—' : `≤ ${result.target}×`,
        verdict(result),
        result.ratio === null
          ? (result.reason ?? '').split('\n')[0]
          : result.detail,
      ]),
    ]),
  );
  const passed = results.filter((result) => verdict(result) === 'PASS');
  console.log(
    `\n${passed.length} of ${results.length} targets met; ` +
      `whole run ${formatSeconds(nowMicros() - startedAt)}`,
  );
}

/** The scroll benchmark alone still needs a large journal to scroll. */
async function seedLargeJournal(
  workspace: BenchWorkspace,
  entries: number,
): Promise<LargeJournal> {
  heading(`Seeding ${formatCount(entries)} entries for scrolling`);
  const seeded = await seedJournal(
    workspace.dir('scale-large'),
    entries,
    `Scale benchmark, ${formatCount(entries)} entries`,
  );
  seeded.warRoom.close();
  console.log(`seeded in ${formatSeconds(seeded.seedMicros)}`);
  return {
    dataDir: seeded.warRoom.dataDir,
    title: seeded.incident.title,
    entries,
  };
}

async function runBenchmarks(workspace: BenchWorkspace, options: RunOptions) {
  const outcomes: Outcome[] = [];
  let large: LargeJournal | null = null;
  if (options.only.has('append')) {
    outcomes.push(
      await attempt('durable append ÷ raw insert', () =>
        runAppendBench(workspace, {
          appends: options.appends,
          rounds: 20,
          budgetMicros: 180_000_000,
        }),
      ),
    );
  }
  if (options.only.has('scale')) {
    outcomes.push(
      await attempt('timeline and search at scale', async () => {
        const scale = await runScaleBench(workspace, {
          smallEntries: 10_000,
          largeEntries: options.largeEntries,
          repetitions: 200,
          budgetMicrosPerQuery: 20_000_000,
          callLimitMs: 10_000,
        });
        large = scale.large;
        return scale.targets;
      }),
    );
  }
  if (options.only.has('intake')) {
    outcomes.push(
      await attempt('evidence intake ÷ plain copy', () =>
        runIntakeBench(workspace, { bytes: options.intakeBytes, rounds: 3 }),
      ),
    );
  }
  if (options.only.has('pull')) {
    outcomes.push(
      await attempt('security-event pull ÷ raw insert', () =>
        runPullBench(workspace, { events: options.pullEvents, rounds: 3 }),
      ),
    );
  }
  if (options.only.has('import')) {
    outcomes.push(
      await attempt('timeline import ÷ csv-parse + raw insert', () =>
        runImportBench(workspace, { rows: options.importRows }),
      ),
    );
  }
  if (options.only.has('scroll')) {
    outcomes.push(
      await attempt('frame p95 while scrolling ÷ empty page', async () => {
        large ??= await seedLargeJournal(workspace, options.largeEntries);
        return [await runScrollFramesBench(large)];
      }),
    );
  }
  return outcomes;
}

async function main(): Promise<void> {
  const startedAt = nowMicros();
  const options = parseOptions();
  const workspace = createWorkspace();
  const interrupted = async (signal: string) => {
    console.log(`\n${signal}: stopping and removing ${workspace.root}`);
    await interruptRun();
    workspace.remove();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  printMachine(workspace);
  let outcomes: Outcome[];
  try {
    outcomes = await runBenchmarks(workspace, options);
  } catch (error) {
    // The signal handler is cleaning up and will exit.
    if (wasInterrupted()) return;
    throw error;
  } finally {
    await runInterruptTasks();
    workspace.remove();
  }
  printSummary(
    outcomes.flatMap((outcome) => outcome.targets),
    startedAt,
  );
  process.exitCode = outcomes.some((outcome) => outcome.broke) ? 1 : 0;
}

await main();
