import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { ulid } from 'ulid';
import type { Incident } from '../../src/shared/ipc-contract';
import type {
  ImportPhase,
  TimelineImportProgress,
  TimelineImportReport,
} from '../../src/shared/timeline-exchange-types';
import { openWarRoom, type WarRoom } from '../../src/main/war-room';
import {
  formatCount,
  formatSeconds,
  formatTable,
  heading,
  nowMicros,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';
import { invokeValue } from './seed-journal';

export type ImportBenchOptions = {
  /** Rows in the generated Timesketch CSV. */
  rows: number;
};

/** Import must reach 0.5× the baseline's rows per second: time ≤ 2×. */
const TARGET_TIME_RATIO = 2;
const SAMPLE_EVERY_MS = 20;

const HEADER = 'message,datetime,timestamp_desc,timestamp,hostname,user,src_ip';
/** 2025-01-20T10:00:00Z, in microseconds; rows follow 1 ms apart. */
const START_MICROS = Date.UTC(2025, 0, 20, 10) * 1000;

function csvRow(index: number): string {
  const micros = START_MICROS + index * 1000;
  const utc = new Date(micros / 1000).toISOString().slice(0, 23);
  const ip = `203.0.113.${index % 250}`;
  return (
    `"Failed password for admin${index % 97} from ${ip}, port ${1024 + (index % 60000)}",` +
    `${utc}000+00:00,Event time,${micros},web-${index % 12},admin${index % 97},${ip}\n`
  );
}

/** Writes the file in chunks, so generating it needs no memory either. */
async function writeTimesketchCsv(path: string, rows: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(`${HEADER}\n`);
    const chunk: string[] = [];
    for (let index = 0; index < rows; index += 1) {
      chunk.push(csvRow(index));
      if (chunk.length === 10_000 || index === rows - 1) {
        await handle.write(chunk.join(''));
        chunk.length = 0;
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

type Measured = { micros: number; peakRss: number; rssBefore: number };

/** Times `run` and samples the resident set while it runs. */
async function measure(run: () => Promise<void>): Promise<Measured> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  const started = nowMicros();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  const micros = nowMicros() - started;
  return {
    micros,
    peakRss: Math.max(peakRss, process.memoryUsage.rss()),
    rssBefore,
  };
}

/**
 * The baseline: the same file through csv-parse, every row inserted with
 * one prepared statement in one transaction, with the journal's durability
 * settings (WAL, synchronous = FULL).
 */
async function rawImport(dir: string, file: string): Promise<number> {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (message TEXT, datetime TEXT,
    timestamp_desc TEXT, timestamp INTEGER, fields TEXT) STRICT`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  let rows = 0;
  try {
    db.exec('BEGIN IMMEDIATE');
    const parser = createReadStream(file).pipe(parse({ columns: true }));
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      insert.run(
        row.message,
        row.datetime,
        row.timestamp_desc,
        Number(row.timestamp),
        JSON.stringify(row),
      );
      rows += 1;
    }
    db.exec('COMMIT');
    return rows;
  } finally {
    db.close();
  }
}

type PhaseTimes = Partial<Record<ImportPhase, number>>;

/** Follows an import's progress events to time its phases. */
function phaseTimer(warRoom: WarRoom, importId: string, phases: PhaseTimes) {
  let phase: ImportPhase | null = null;
  let since = nowMicros();
  const close = () => {
    if (phase) phases[phase] = nowMicros() - since;
  };
  const stop = warRoom.events.subscribe((name, payload) => {
    if (name !== 'timeline:import-progress') return;
    const progress = payload as TimelineImportProgress;
    if (progress.importId !== importId || progress.phase === phase) return;
    close();
    phase = progress.phase;
    since = nowMicros();
  });
  return () => {
    close();
    stop();
  };
}

/**
 * The subject: `timeline:import` into an incident on a fresh data
 * directory, timed from the call to its answer.
 */
async function warRoomImport(
  dataDir: string,
  file: string,
  phases: PhaseTimes,
): Promise<{ measured: Measured; report: TimelineImportReport }> {
  const warRoom = openWarRoom({ dataDir });
  try {
    const incident = await invokeValue<Incident>(warRoom, 'incident:create', {
      title: 'Import benchmark',
      severity: 'high',
      category: 'authentication-access-control',
    });
    const importId = ulid();
    const stop = phaseTimer(warRoom, importId, phases);
    let report: TimelineImportReport | null = null;
    const measured = await measure(async () => {
      report = await invokeValue<TimelineImportReport>(
        warRoom,
        'timeline:import',
        { incidentId: incident.id, path: file, importId },
      );
    });
    stop();
    return { measured, report: report! };
  } finally {
    warRoom.close();
  }
}

function rate(rows: number, micros: number): string {
  return `${formatCount(Math.round(rows / (micros / 1_000_000)))} rows/s`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
}

function report(
  rows: number,
  raw: Measured,
  imported: Measured,
  phases: PhaseTimes,
): TargetResult {
  console.log(
    formatTable([
      ['variant', 'time', 'rows per second', 'peak RSS', 'RSS growth'],
      ...(
        [
          ['csv-parse + one prepared INSERT', raw],
          ['timeline:import (check, evidence, journal)', imported],
        ] as const
      ).map(([name, run]) => [
        name,
        formatSeconds(run.micros),
        rate(rows, run.micros),
        mebibytes(run.peakRss),
        mebibytes(run.peakRss - run.rssBefore),
      ]),
    ]),
  );
  console.log(
    'import phases: ' +
      (['checking', 'taking-in', 'appending'] as const)
        .map((phase) => `${phase} ${formatSeconds(phases[phase] ?? 0)}`)
        .join(', '),
  );
  const throughput = raw.micros / imported.micros;
  console.log(
    `import throughput ${throughput.toFixed(2)}× the baseline's (target ` +
      `≥ 0.5×); peak memory ${mebibytes(imported.peakRss)}`,
  );
  return {
    measure: 'timeline import time ÷ csv-parse + raw insert (≤ 2× is ≥ 0.5×)',
    ratio: imported.micros / raw.micros,
    target: TARGET_TIME_RATIO,
    detail:
      `${rate(rows, imported.micros)} vs ${rate(rows, raw.micros)}; ` +
      `throughput ${throughput.toFixed(2)}×; peak RSS ` +
      mebibytes(imported.peakRss),
  };
}

/**
 * Importing a Timesketch CSV into an incident (a check pass, the file into
 * the evidence vault, then every row hashed into the journal a batch per
 * transaction) against csv-parse feeding one prepared INSERT in one
 * transaction, on the same file in the same run.
 */
export async function runImportBench(
  workspace: BenchWorkspace,
  options: ImportBenchOptions,
): Promise<TargetResult[]> {
  heading(
    `Timeline import of a ${formatCount(options.rows)}-row Timesketch CSV`,
  );
  const dir = workspace.dir('import');
  const file = join(dir, 'timeline.csv');
  await writeTimesketchCsv(file, options.rows);

  let rawRows = 0;
  const raw = await measure(async () => {
    rawRows = await rawImport(workspace.dir('import-raw'), file);
  });
  const phases: PhaseTimes = {};
  const imported = await warRoomImport(
    workspace.dir('import-journal'),
    file,
    phases,
  );
  if (rawRows !== options.rows || imported.report.imported !== options.rows) {
    throw new Error(
      `expected ${options.rows} rows, the baseline read ${rawRows} and ` +
        `the import ${imported.report.imported}`,
    );
  }
  return [report(options.rows, raw, imported.measured, phases)];
}
