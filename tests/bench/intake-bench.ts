import { randomBytes } from 'node:crypto';
import { copyFile, open, rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { IntakeOutcome } from '../../src/shared/evidence-types';
import type { Incident } from '../../src/shared/ipc-contract';
import { VAULT_CHUNK_BYTES } from '../../src/main/evidence/evidence-vault';
import { openWarRoom, type WarRoom } from '../../src/main/war-room';
import {
  formatCount,
  formatTable,
  heading,
  median,
  nowMicros,
  type BenchWorkspace,
  type TargetResult,
} from './bench-kit';
import { invokeValue } from './seed-journal';

export type IntakeBenchOptions = {
  /** Size of the evidence file. */
  bytes: number;
  /** Copy and intake alternate this many times each. */
  rounds: number;
};

/** Intake must reach 0.8× a plain copy's throughput: time ≤ 1.25×. */
const TARGET_TIME_RATIO = 1 / 0.8;
const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

async function writeSourceFile(path: string, bytes: number): Promise<void> {
  const block = randomBytes(VAULT_CHUNK_BYTES);
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The baseline: read and write in the vault's chunk size, then fsync. */
async function plainCopy(source: string, target: string): Promise<void> {
  const input = await open(source, 'r');
  const output = await open(target, 'wx');
  const buffer = Buffer.allocUnsafe(VAULT_CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await output.write(buffer, 0, bytesRead);
    }
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
}

/** The kernel's own copy (copy_file_range), then fsync; for information. */
async function kernelCopy(source: string, target: string): Promise<void> {
  await copyFile(source, target);
  const output = await open(target, 'r+');
  await output.sync();
  await output.close();
}

type Measured = {
  micros: number;
  peakGrowthBytes: number;
  /** CPU time of this process, all threads, user and system. */
  cpuMicros: number;
};

/**
 * Times `run` and samples the resident set every few milliseconds; the
 * growth is the highest sample above the level just before it started.
 */
async function measure(run: () => Promise<void>): Promise<Measured> {
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  const cpuBefore = process.cpuUsage();
  const started = nowMicros();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  const micros = nowMicros() - started;
  const cpu = process.cpuUsage(cpuBefore);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    micros,
    peakGrowthBytes: peak - before,
    cpuMicros: cpu.user + cpu.system,
  };
}

function megabytesPerSecond(bytes: number, micros: number): string {
  return `${((bytes / (1024 * 1024)) * (1_000_000 / micros)).toFixed(0)} MiB/s`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

async function openBenchIncident(dataDir: string) {
  const warRoom = openWarRoom({ dataDir });
  const incident = await invokeValue<Incident>(warRoom, 'incident:create', {
    title: 'Intake benchmark',
    severity: 'medium',
    category: 'data-security',
  });
  return { warRoom, incident };
}

async function takeIn(warRoom: WarRoom, incidentId: string, path: string) {
  const [outcome] = await invokeValue<IntakeOutcome[]>(
    warRoom,
    'evidence:add-paths',
    { incidentId, paths: [path], type: 'disk-image' },
  );
  if (!outcome.ok) throw new Error(`intake refused: ${outcome.message}`);
}

/**
 * Evidence intake of one large file (streamed into the vault, hashed three
 * ways, fsynced, registered) against a plain chunked copy with fsync of the
 * same file, alternating so both see the same page cache and disk state.
 * Each intake goes to a fresh data directory so nothing is deduplicated.
 */
export async function runIntakeBench(
  workspace: BenchWorkspace,
  options: IntakeBenchOptions,
): Promise<TargetResult[]> {
  heading(`Evidence intake of a ${mebibytes(options.bytes)} file`);
  const dir = workspace.dir('intake');
  const source = join(dir, 'evidence.img');
  await writeSourceFile(source, options.bytes);

  const copies: Measured[] = [];
  const kernelCopies: Measured[] = [];
  const intakes: Measured[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const target = join(dir, `copy-${round}`);
    copies.push(await measure(() => plainCopy(source, target)));
    await rm(target);
    kernelCopies.push(await measure(() => kernelCopy(source, target)));
    await rm(target);

    const { warRoom, incident } = await openBenchIncident(
      workspace.dir(`intake-${round}`),
    );
    intakes.push(await measure(() => takeIn(warRoom, incident.id, source)));
    warRoom.close();
    await rm(warRoom.dataDir, { recursive: true, force: true });
  }

  return report(options, { copies, kernelCopies, intakes });
}

function report(
  options: IntakeBenchOptions,
  runs: Record<'copies' | 'kernelCopies' | 'intakes', Measured[]>,
): TargetResult[] {
  const time = (list: Measured[]) => median(list.map((run) => run.micros));
  const peak = (list: Measured[]) =>
    Math.max(...list.map((run) => run.peakGrowthBytes));
  const copyMicros = time(runs.copies);
  const intakeMicros = time(runs.intakes);
  const kernelMicros = time(runs.kernelCopies);
  const rows = [
    ['variant', 'median time', 'throughput', 'CPU time', 'peak RSS growth'],
    ...(
      [
        ['plain copy + fsync', runs.copies],
        ['kernel copyFile + fsync', runs.kernelCopies],
        ['War Room intake', runs.intakes],
      ] as const
    ).map(([name, list]) => [
      name,
      `${(time(list) / 1000).toFixed(0)} ms`,
      megabytesPerSecond(options.bytes, time(list)),
      `${(median(list.map((run) => run.cpuMicros)) / 1000).toFixed(0)} ms`,
      mebibytes(peak(list)),
    ]),
  ];
  console.log(formatTable(rows));
  console.log(
    `machine: ${cpus().length} cores; the intake's CPU time over the core ` +
      'count bounds how fast it can be on this machine',
  );
  const throughputRatio = copyMicros / intakeMicros;
  console.log(
    `intake throughput ${throughputRatio.toFixed(2)}× the plain copy's ` +
      `(target ≥ 0.8×), ${(kernelMicros / intakeMicros).toFixed(2)}× the ` +
      `kernel copy's; ${formatCount(options.rounds)} rounds`,
  );

  return [
    {
      measure: 'intake time ÷ plain copy (≤ 1.25× is ≥ 0.8× throughput)',
      ratio: intakeMicros / copyMicros,
      target: Number(TARGET_TIME_RATIO.toFixed(2)),
      detail:
        `${megabytesPerSecond(options.bytes, intakeMicros)} vs ` +
        `${megabytesPerSecond(options.bytes, copyMicros)}; throughput ` +
        `${throughputRatio.toFixed(2)}×`,
    },
    {
      measure: 'intake peak memory growth ÷ 64 MiB',
      ratio: peak(runs.intakes) / MEMORY_LIMIT_BYTES,
      target: 1,
      detail: `${mebibytes(peak(runs.intakes))} (plain copy ${mebibytes(
        peak(runs.copies),
      )})`,
    },
  ];
}
