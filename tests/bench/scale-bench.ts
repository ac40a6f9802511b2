import type { VerifyReport } from '../../src/shared/journal-types';
import {
  formatCount,
  formatMicros,
  formatMillis,
  formatSeconds,
  formatTable,
  heading,
  median,
  nowMicros,
  percentile,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';
import { RARE_TERM, RARE_TERM_COUNT } from './note-corpus';
import { RARE_TERM_SEARCH } from './page-queries';
import {
  runQueriesBounded,
  type PageShape,
  type QuerySamples,
  type RunnerJournal,
  type Side,
} from './query-runner';
import { invokeValue, seedJournal, type SeededJournal } from './seed-journal';

export type ScaleBenchOptions = {
  smallEntries: number;
  largeEntries: number;
  /** Measured repetitions of each query on each journal, at most. */
  repetitions: number;
  /** Stop repeating a query after this long, whatever the count. */
  budgetMicrosPerQuery: number;
  /** A single query call longer than this is stopped. */
  callLimitMs: number;
};

export type LargeJournal = { dataDir: string; title: string; entries: number };

const TARGET_RATIO = 2;
const WARM_UP_REPETITIONS = 5;
const OPEN_LIMIT_MS = 5 * 60_000;

async function seed(
  workspace: BenchWorkspace,
  name: string,
  entries: number,
): Promise<SeededJournal> {
  console.log(`seeding ${formatCount(entries)} entries (${name}) …`);
  const seeded = await seedJournal(
    workspace.dir(name),
    entries,
    `Scale benchmark, ${formatCount(entries)} entries`,
  );
  const perSecond = entries / (seeded.seedMicros / 1_000_000);
  console.log(
    `seeded ${formatCount(entries)} entries in ` +
      `${formatSeconds(seeded.seedMicros)} ` +
      `(${formatCount(Math.round(perSecond))} entries/s, database ` +
      `${(seeded.databaseBytes / 1024 / 1024).toFixed(0)} MiB)`,
  );
  return seeded;
}

async function verifyMicros(journal: SeededJournal, times: number) {
  const timings: number[] = [];
  let report: VerifyReport | null = null;
  for (let index = 0; index < times; index++) {
    const started = nowMicros();
    report = await invokeValue<VerifyReport>(
      journal.warRoom,
      'journal:verify',
      { incidentId: journal.incident.id },
    );
    timings.push(nowMicros() - started);
  }
  if (!report?.ok || report.entries !== journal.entries) {
    throw new Error(
      `journal:verify on the ${formatCount(journal.entries)}-entry journal ` +
        `reported ${JSON.stringify(report)}`,
    );
  }
  return median(timings);
}

/** Information only: a full check is linear in the journal by design. */
async function reportVerify(small: SeededJournal, large: SeededJournal) {
  const rows = [['journal', 'journal:verify', 'per 1,000 entries']];
  for (const [journal, times] of [
    [small, 3],
    [large, 1],
  ] as const) {
    const micros = await verifyMicros(journal, times);
    rows.push([
      `${formatCount(journal.entries)} entries`,
      formatMicros(micros),
      formatMillis(micros / 1000 / (journal.entries / 1000)),
    ]);
  }
  console.log(formatTable(rows));
}

function describeShape(shape: PageShape | undefined): string {
  if (!shape) return '—';
  const capped = shape.capped ? ' (capped)' : '';
  return `${shape.rows} rows of ${formatCount(shape.total)}${capped}`;
}

/** The planted term must be found exactly as often at both sizes. */
function checkRareTerm(samples: QuerySamples): void {
  for (const side of ['small', 'large'] as const) {
    const found = samples.shape[side]?.total;
    if (found === undefined || found === RARE_TERM_COUNT) continue;
    throw new Error(
      `the ${side} journal has ${found} notes with "${RARE_TERM}", not ` +
        `${RARE_TERM_COUNT}: the seed is wrong`,
    );
  }
}

/**
 * The median of the measured calls; for a query stopped before any were
 * measured, of its warm-up calls, marked as such.
 */
function sideMedian(samples: QuerySamples, side: Side) {
  const measured = samples.micros[side];
  if (measured.length > 0) return { micros: median(measured), note: '' };
  return { micros: median(samples.warmUpMicros[side]), note: ' (warm-up)' };
}

function medianFigure(samples: QuerySamples, side: Side, limitMs: number) {
  if (samples.stoppedOn === side) return `> ${formatSeconds(limitMs * 1000)}`;
  const { micros, note } = sideMedian(samples, side);
  return `${formatMicros(micros)}${note}`;
}

function queryTarget(
  name: string,
  samples: QuerySamples,
  labels: Record<Side, string>,
  limitMs: number,
): TargetResult {
  const small = median(samples.micros.small);
  const large = median(samples.micros.large);
  const measure = `timeline:page ${name}: ${labels.large} ÷ ${labels.small}`;
  const smallSoFar = sideMedian(samples, 'small');
  if (samples.stoppedOn === 'large' && Number.isFinite(smallSoFar.micros)) {
    return {
      measure,
      ratio: (limitMs * 1000) / smallSoFar.micros,
      atLeast: true,
      target: TARGET_RATIO,
      detail:
        `one call over ${formatSeconds(limitMs * 1000)} at ` +
        `${labels.large} (stopped) vs median ` +
        `${formatMicros(smallSoFar.micros)}${smallSoFar.note}`,
    };
  }
  if (samples.stoppedOn === 'small') {
    return {
      measure,
      ratio: null,
      target: TARGET_RATIO,
      detail: '',
      reason: `failed: one call overran ${limitMs} ms at ${labels.small}`,
    };
  }
  if (!Number.isFinite(small) || !Number.isFinite(large)) {
    return {
      measure,
      ratio: null,
      target: TARGET_RATIO,
      detail: '',
      reason: 'failed: no measured repetitions',
    };
  }
  return {
    measure,
    ratio: large / small,
    target: TARGET_RATIO,
    detail: `median ${formatMicros(large)} vs ${formatMicros(small)}`,
  };
}

function reportQueries(
  samples: Map<string, QuerySamples>,
  labels: Record<Side, string>,
  limitMs: number,
): TargetResult[] {
  const rows = [
    [
      'query (limit 100)',
      `${labels.small}: returns`,
      `${labels.large}: returns`,
      'reps',
      `${labels.small}: median`,
      `${labels.large}: median`,
      `${labels.large}: p90`,
      'ratio',
    ],
  ];
  const targets: TargetResult[] = [];
  for (const [name, query] of samples) {
    const { small, large } = query.micros;
    const target = queryTarget(name, query, labels, limitMs);
    rows.push([
      name,
      describeShape(query.shape.small),
      describeShape(query.shape.large),
      formatCount(Math.min(small.length, large.length)),
      medianFigure(query, 'small', limitMs),
      medianFigure(query, 'large', limitMs),
      formatMicros(percentile(large, 90)),
      target.ratio === null
        ? '—'
        : `${target.atLeast ? '≥ ' : ''}${target.ratio.toFixed(2)}×`,
    ]);
    targets.push(target);
  }
  console.log(formatTable(rows));
  return targets;
}

function runnerJournal(side: Side, journal: SeededJournal): RunnerJournal {
  return {
    side,
    dataDir: journal.warRoom.dataDir,
    incidentId: journal.incident.id,
    entries: journal.entries,
  };
}

async function measureQueries(
  small: SeededJournal,
  large: SeededJournal,
  options: ScaleBenchOptions,
) {
  const run = await runQueriesBounded(
    [runnerJournal('small', small), runnerJournal('large', large)],
    {
      repetitions: options.repetitions,
      warmUp: WARM_UP_REPETITIONS,
      budgetMicrosPerQuery: options.budgetMicrosPerQuery,
      callLimitMs: options.callLimitMs,
      openLimitMs: OPEN_LIMIT_MS,
    },
  );
  checkRareTerm(run.samples.get(RARE_TERM_SEARCH.name)!);
  console.log(
    `\nqueries timed in a child process (opening both databases took ` +
      `${run.openMicros.map(formatSeconds).join(', ')}); a call over ` +
      `${formatSeconds(options.callLimitMs * 1000)} is stopped:`,
  );
  return run.samples;
}

/**
 * The first timeline page, a deep page and full-text searches on a
 * 10,000-entry journal against the same on a 1,000,000-entry one, through
 * the contract the app uses. The large data directory is kept for the
 * scrolling benchmark; the workspace removes it at the end of the run.
 */
export async function runScaleBench(
  workspace: BenchWorkspace,
  options: ScaleBenchOptions,
): Promise<{ targets: TargetResult[]; large: LargeJournal }> {
  heading('Scale: timeline and search at 1,000,000 vs 10,000 entries');
  const small = await seed(workspace, 'scale-small', options.smallEntries);
  const large = await seed(workspace, 'scale-large', options.largeEntries);
  try {
    console.log('');
    await reportVerify(small, large);
  } finally {
    small.warRoom.close();
    large.warRoom.close();
  }

  const samples = await measureQueries(small, large, options);
  const labels = {
    small: formatCount(small.entries),
    large: formatCount(large.entries),
  };
  return {
    targets: reportQueries(samples, labels, options.callLimitMs),
    large: {
      dataDir: large.warRoom.dataDir,
      title: large.incident.title,
      entries: large.entries,
    },
  };
}
