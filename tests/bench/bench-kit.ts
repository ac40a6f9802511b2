import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One ratio held against its target, as the summary table prints it. */
export type TargetResult = {
  measure: string;
  /** Subject ÷ baseline; null when the measurement could not be made. */
  ratio: number | null;
  /** The ratio must be at most this. */
  target: number;
  /**
   * The subject was stopped before it finished, so the true ratio is at
   * least `ratio`.
   */
  atLeast?: boolean;
  /** The absolute figures behind the ratio. */
  detail: string;
  /** Why there is no ratio (skipped, or the benchmark failed). */
  reason?: string;
};

/** Microseconds on the monotonic clock, with sub-microsecond fraction. */
export function nowMicros(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile; `p` from 0 to 100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatMicros(micros: number): string {
  if (!Number.isFinite(micros)) return '—';
  if (micros >= 10_000) return `${(micros / 1000).toFixed(1)} ms`;
  if (micros >= 1_000) return `${(micros / 1000).toFixed(2)} ms`;
  return `${micros.toFixed(0)} µs`;
}

export function formatMillis(millis: number): string {
  if (!Number.isFinite(millis)) return '—';
  return `${millis.toFixed(1)} ms`;
}

export function formatSeconds(micros: number): string {
  return `${(micros / 1_000_000).toFixed(1)} s`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatRatio(ratio: number | null, atLeast = false): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${atLeast ? '≥ ' : ''}${ratio.toFixed(2)}×`;
}

/** Pads each column to its widest cell; the first row is the heading. */
export function formatTable(rows: readonly string[][]): string {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [lines[0], rule, ...lines.slice(1)].join('\n');
}

export function heading(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 74 - title.length))}`);
}

export const yieldToEventLoop = () =>
  new Promise<void>((done) => setImmediate(done));

/**
 * Every directory the benchmarks write lives under one temporary root, so
 * one removal cleans up after a finished, failed or interrupted run.
 */
export type BenchWorkspace = {
  root: string;
  /** A fresh directory under the root. */
  dir(name: string): string;
  remove(): void;
};

export function createWorkspace(): BenchWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'war-room-bench-'));
  return {
    root,
    dir(name) {
      const path = join(root, name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

type CleanupTask = () => unknown;

const cleanupTasks: CleanupTask[] = [];
let interrupted = false;

/** Once set, failures are the interrupt's doing and are not reported. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/**
 * Registers something to undo (a child process, a browser) if the run is
 * interrupted; returns the function that unregisters it once the
 * benchmark has undone it itself.
 */
export function onInterrupt(task: CleanupTask): () => void {
  cleanupTasks.push(task);
  return () => {
    const index = cleanupTasks.indexOf(task);
    if (index >= 0) cleanupTasks.splice(index, 1);
  };
}

/** Marks the run as interrupted, then undoes what is registered. */
export async function interruptRun(): Promise<void> {
  interrupted = true;
  await runInterruptTasks();
}

/** Runs the registered tasks, newest first, each at most once. */
export async function runInterruptTasks(): Promise<void> {
  while (cleanupTasks.length > 0) {
    const task = cleanupTasks.pop()!;
    try {
      await task();
    } catch (error) {
      console.error(`cleanup failed: ${String(error)}`);
    }
  }
}

/** Thrown when a benchmark cannot run here; the summary prints the reason. */
export class BenchmarkSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BenchmarkSkipped';
  }
}
