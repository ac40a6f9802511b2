/**
 * The child side of query-runner.ts: opens both journals' data directories
 * as the app does and times `timeline:page` through the contract,
 * reporting each call as a JSON line before and after it runs, so the
 * parent can stop a call that overruns.
 */
import type { TimelinePage } from '../../src/shared/ipc-contract';
import { openWarRoom, type WarRoom } from '../../src/main/war-room';
import { nowMicros } from './bench-kit';
import { PAGE_QUERIES, type PageQuery } from './page-queries';
import type { RunnerJournal, RunnerMessage, RunnerSpec } from './query-runner';
import { BENCH_CONTEXT } from './seed-journal';

type OpenJournal = RunnerJournal & { warRoom: WarRoom };

function send(message: RunnerMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function timeCall(journal: OpenJournal, input: object) {
  const started = nowMicros();
  const result = await journal.warRoom.invoke(
    'timeline:page',
    { incidentId: journal.incidentId, ...input },
    BENCH_CONTEXT,
  );
  const micros = nowMicros() - started;
  if (!result.ok) {
    throw new Error(`timeline:page failed: ${result.error.message}`);
  }
  const page = result.value as TimelinePage;
  const shape = {
    rows: page.rows.length,
    total: page.total,
    capped: page.totalCap !== null,
  };
  return { micros, shape };
}

/** Even a slow query gets this many measured repetitions for its median. */
const MINIMUM_MEASURED = 3;

/** Runs the query once on each journal, alternating which goes first. */
async function runRepetition(
  query: PageQuery,
  journals: OpenJournal[],
  rep: number,
  measured: boolean,
) {
  const order = rep % 2 === 0 ? journals : [...journals].reverse();
  for (const journal of order) {
    const { side } = journal;
    send({ type: 'start', query: query.name, side });
    const input = query.input(journal.entries, rep);
    const { micros, shape } = await timeCall(journal, input);
    send({ type: 'timed', query: query.name, side, micros, measured, shape });
  }
}

/**
 * Warms up for at most a quarter of the query's budget, then measures
 * until its repetitions or its budget run out — but at least
 * MINIMUM_MEASURED times; the parent's call limit bounds those.
 */
async function measureQuery(
  spec: RunnerSpec,
  query: PageQuery,
  journals: OpenJournal[],
) {
  const started = nowMicros();
  const elapsed = () => nowMicros() - started;
  const budget = spec.budgetMicrosPerQuery;
  let rep = 0;
  do {
    await runRepetition(query, journals, rep++, false);
  } while (rep < spec.warmUp && elapsed() < budget / 4);

  for (
    let measured = 0;
    measured < MINIMUM_MEASURED ||
    (measured < spec.repetitions && elapsed() < budget);
    measured++
  ) {
    await runRepetition(query, journals, rep++, true);
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as RunnerSpec;
  const started = nowMicros();
  const journals = spec.journals.map((journal) => ({
    ...journal,
    warRoom: openWarRoom({ dataDir: journal.dataDir }),
  }));
  send({ type: 'ready', openMicros: nowMicros() - started });
  try {
    for (const query of PAGE_QUERIES) {
      if (!spec.queries.includes(query.name)) continue;
      await measureQuery(spec, query, journals);
      send({ type: 'query-done', query: query.name });
    }
    send({ type: 'finished' });
  } finally {
    for (const journal of journals) journal.warRoom.close();
  }
}

await main();
