import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ulid } from 'ulid';
import type { Incident } from '../../src/shared/ipc-contract';
import { ENTRY_KINDS } from '../../src/shared/journal-types';
import { formatEpochMicros } from '../../src/shared/timestamps';
import { systemClock } from '../../src/main/clock';
import {
  appendEntry,
  createJournalWriter,
} from '../../src/main/journal/append-entries';
import { openWarRoom, type WarRoom } from '../../src/main/war-room';
import {
  formatCount,
  formatMicros,
  formatTable,
  heading,
  median,
  nowMicros,
  percentile,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';
import { noteText } from './note-corpus';
import { invokeValue } from './seed-journal';

export type AppendBenchOptions = {
  /** Measured appends per variant. */
  appends: number;
  /** The appends are spread over this many interleaved rounds. */
  rounds: number;
  /** Stop starting new rounds after this long. */
  budgetMicros: number;
};

const TARGET_RATIO = 1.5;
const WARM_UP_APPENDS = 50;

/**
 * The journal row with the journal's columns and nothing else: no chain,
 * no search index, no secondary indexes, no triggers. What an append
 * would cost if durability were all it paid for.
 */
const RAW_SCHEMA = `
  CREATE TABLE journal_entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    scope_pos INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    chain_seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    occurred_offset TEXT NOT NULL,
    time_source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    target_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`;

type RawRow = (string | number | null)[];

type RawInserter = { insert(row: RawRow): void; close(): void };

function openRawInserter(file: string): RawInserter {
  const db = new Database(file);
  // The journal's durability settings, so both pay the same fsync.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(RAW_SCHEMA);
  const statement = db.prepare(
    `INSERT INTO journal_entries (id, scope, scope_pos, device_id, chain_seq,
       kind, actor, occurred_at, occurred_offset, time_source, recorded_at,
       payload, target_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOne = db.transaction((row: RawRow) => statement.run(row));
  return {
    insert: (row) => insertOne.immediate(row),
    close: () => db.close(),
  };
}

/** Rows shaped as the journal stores a note, made before the clock runs. */
function rawRows(count: number, texts: readonly string[]): RawRow[] {
  const scope = ulid();
  const deviceId = ulid();
  return Array.from({ length: count }, (_, index) => {
    const at = formatEpochMicros(systemClock.nowMicros());
    return [
      ulid(),
      scope,
      index + 1,
      deviceId,
      index + 1,
      ENTRY_KINDS.note,
      'bench',
      at,
      '+00:00',
      'device-clock',
      at,
      JSON.stringify({ text: texts[index % texts.length] }),
      null,
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('hex'),
    ];
  });
}

type Variant = {
  name: string;
  run(index: number): unknown;
  timings: number[];
};

function journalVariants(
  warRoom: WarRoom,
  incidentId: string,
  texts: string[],
) {
  const writer = createJournalWriter(warRoom.deviceId, systemClock);
  const text = (index: number) => texts[index % texts.length];
  const viaContract: Variant = {
    name: "invoke('journal:add-note')",
    run: (index) =>
      invokeValue(warRoom, 'journal:add-note', {
        incidentId,
        text: text(index),
      }),
    timings: [],
  };
  const viaAppendEntry: Variant = {
    name: 'appendEntry',
    run: (index) =>
      appendEntry(warRoom.db, writer, {
        scope: incidentId,
        kind: ENTRY_KINDS.note,
        actor: 'bench',
        payload: { text: text(index) },
      }),
    timings: [],
  };
  return [viaContract, viaAppendEntry];
}

/**
 * Runs the variants in rounds, each round in a rotated order, so disk and
 * CPU drift over the run falls on every variant alike.
 */
async function runRounds(
  variants: Variant[],
  options: AppendBenchOptions,
): Promise<number> {
  const perRound = Math.ceil(options.appends / options.rounds);
  const started = nowMicros();
  let index = 0;
  let round = 0;
  for (; round < options.rounds; round++) {
    if (nowMicros() - started > options.budgetMicros) break;
    for (let turn = 0; turn < variants.length; turn++) {
      const variant = variants[(round + turn) % variants.length];
      for (let op = 0; op < perRound; op++) {
        const before = nowMicros();
        await variant.run(index + op);
        variant.timings.push(nowMicros() - before);
      }
    }
    index += perRound;
  }
  return round;
}

async function warmUp(variants: Variant[]): Promise<void> {
  for (const variant of variants) {
    for (let index = 0; index < WARM_UP_APPENDS; index++) {
      await variant.run(index);
    }
  }
}

function report(variants: Variant[], raw: Variant): TargetResult[] {
  const rawMedian = median(raw.timings);
  console.log(
    formatTable([
      ['variant', 'appends', 'median', 'p90', 'p99', 'median ÷ raw'],
      ...variants.map((variant) => [
        variant.name,
        formatCount(variant.timings.length),
        formatMicros(median(variant.timings)),
        formatMicros(percentile(variant.timings, 90)),
        formatMicros(percentile(variant.timings, 99)),
        `${(median(variant.timings) / rawMedian).toFixed(2)}×`,
      ]),
    ]),
  );
  return variants
    .filter((variant) => variant !== raw)
    .map((variant) => ({
      measure: `durable append: ${variant.name} ÷ raw insert`,
      ratio: median(variant.timings) / rawMedian,
      target: TARGET_RATIO,
      detail:
        `median ${formatMicros(median(variant.timings))} vs ` +
        `${formatMicros(rawMedian)} per append`,
    }));
}

/**
 * A durable journal append (validation, chain, hash, search index, one
 * fsync'd transaction) against a durable raw insert of the same row into
 * its own database file, both with WAL and synchronous = FULL.
 */
export async function runAppendBench(
  workspace: BenchWorkspace,
  options: AppendBenchOptions,
): Promise<TargetResult[]> {
  heading('Durable append: journal vs raw better-sqlite3 insert');
  const texts = Array.from({ length: 1000 }, (_, i) => noteText(i, 1000));
  const warRoom = openWarRoom({ dataDir: workspace.dir('append-journal') });
  const inserter = openRawInserter(join(workspace.dir('append-raw'), 'raw.db'));
  try {
    const incident = await invokeValue<Incident>(warRoom, 'incident:create', {
      title: 'Append benchmark',
      severity: 'medium',
      category: 'application-security',
    });
    const perRound = Math.ceil(options.appends / options.rounds);
    const rows = rawRows(perRound * options.rounds + WARM_UP_APPENDS, texts);
    let nextRaw = 0;
    const raw: Variant = {
      name: 'raw insert',
      run: () => inserter.insert(rows[nextRaw++]),
      timings: [],
    };
    const variants = [raw, ...journalVariants(warRoom, incident.id, texts)];

    await warmUp(variants);
    const rounds = await runRounds(variants, options);
    console.log(
      `${rounds} interleaved rounds; each append is its own transaction`,
    );
    return report(variants, raw);
  } finally {
    inserter.close();
    warRoom.close();
  }
}
