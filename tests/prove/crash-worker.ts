/**
 * The process the crash campaign kills. It opens a data directory through
 * `openWarRoom`, as the app does, with the admin API pointed at the
 * simulator the campaign runs, and then loops until it is killed: notes on
 * the journal, small timeline imports, evidence files of random sizes and
 * emergency actions for the outbox to send. After each operation returns
 * it prints one JSON line saying what was confirmed saved, which the
 * campaign holds it to after the kill.
 *
 * Run as `node crash-worker.mjs MODE SPEC_JSON` from the bundle the
 * campaign builds (or `node --import tsx crash-worker.ts …`), the token in
 * WAR_ROOM_ADMIN_TOKEN. MODE `loop` works until killed; `drain` only lets
 * the outbox send what is queued, prints `settled` and exits.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/main/outbox/outbox-test-kit';
import { unsettledCount } from '../../src/main/outbox/outbox-store';
import { createLogger } from '../../src/main/logger';
import { openWarRoom, type WarRoom } from '../../src/main/war-room';
import type { ActionRequest } from '../../src/shared/outbox-types';
import type { IntakeOutcome } from '../../src/shared/evidence-types';
import type { JournalEntry } from '../../src/shared/journal-types';
import type { TimelineImportReport } from '../../src/shared/timeline-exchange-types';

/** What the campaign tells each run of the worker. */
export type CrashWorkerSpec = {
  dataDir: string;
  /** Where the worker writes the files it imports and takes in. */
  inputsDir: string;
  adminUrl: string;
  incidentId: string;
  /** The PRNG seed of this run (the campaign's seed and the run number). */
  seed: number;
  /** Action kinds the simulator's profile can take. */
  actionKinds: ('lockout-create' | 'allowlist-add' | 'lockdown')[];
  /** Largest evidence file, in bytes. */
  maxEvidenceBytes: number;
};

/** One line on stdout: what the worker saw confirmed saved. */
export type WorkerReport =
  | { t: 'ready'; pid: number; strayTempFiles: string[] }
  | { t: 'entry'; id: string }
  | { t: 'evidence'; id: string; sha256: string; size: number }
  | {
      t: 'import';
      evidenceId: string;
      sha256: string;
      imported: number;
    }
  | { t: 'action'; id: string }
  | { t: 'failed'; op: string; message: string }
  | { t: 'settled'; unsettled: number };

const context = { defaultActor: 'crash-worker', transport: 'test' } as const;

function report(line: WorkerReport): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function invoke<T>(warRoom: WarRoom, channel: string, input: unknown) {
  const result = await warRoom.invoke(channel, input, context);
  if (!result.ok) {
    throw new Error(
      `${channel}: ${result.error.kind}: ${result.error.message}`,
    );
  }
  return result.value as T;
}

type Step = { spec: CrashWorkerSpec; warRoom: WarRoom; random: () => number };

let fileCounter = 0;

function uniqueName(spec: CrashWorkerSpec, extension: string): string {
  fileCounter += 1;
  return join(
    spec.inputsDir,
    `${process.pid}-${spec.seed}-${fileCounter}.${extension}`,
  );
}

async function addNote({ spec, warRoom }: Step): Promise<void> {
  const entry = await invoke<JournalEntry>(warRoom, 'journal:add-note', {
    incidentId: spec.incidentId,
    text: `Crash campaign note ${process.pid}-${fileCounter++}`,
  });
  report({ t: 'entry', id: entry.id });
}

async function addEvidence({ spec, warRoom, random }: Step): Promise<void> {
  // Mostly small files, now and then one of several megabytes, so kills
  // land in the copy, the fsync, the rename and the registration.
  const share = random() < 0.2 ? random() : random() * 0.05;
  const size = Math.floor(share * spec.maxEvidenceBytes);
  const content = randomBytes(size);
  const path = uniqueName(spec, 'bin');
  writeFileSync(path, content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const [outcome] = await invoke<IntakeOutcome[]>(
    warRoom,
    'evidence:add-paths',
    { incidentId: spec.incidentId, paths: [path], type: 'other' },
  );
  if (!outcome.ok) throw new Error(`evidence refused: ${outcome.message}`);
  report({ t: 'evidence', id: outcome.item.id, sha256, size });
}

async function importTimeline({ spec, warRoom, random }: Step) {
  const rows = 1 + Math.floor(random() * 8);
  const lines = ['message,datetime,timestamp_desc,hostname'];
  for (let row = 0; row < rows; row += 1) {
    const second = String(row % 60).padStart(2, '0');
    lines.push(
      `crash import ${process.pid}-${fileCounter} row ${row},` +
        `2025-01-20T10:12:${second}Z,Event time,web-${row}`,
    );
  }
  const path = uniqueName(spec, 'csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const result = await invoke<TimelineImportReport>(
    warRoom,
    'timeline:import',
    { incidentId: spec.incidentId, path },
  );
  if (result.refused || result.evidenceId === null) {
    throw new Error(`timeline import refused: ${result.fileProblem}`);
  }
  report({
    t: 'import',
    evidenceId: result.evidenceId,
    sha256: result.sha256,
    imported: result.imported,
  });
}

function actionRequest(kind: string, n: number): ActionRequest {
  if (kind === 'lockout-create') {
    return {
      kind: 'lockout-create',
      reason: `Crash campaign lockout ${n}`,
      message: `Locked during the crash campaign (${n})`,
      durationHours: null,
      allowReadOnly: false,
    };
  }
  if (kind === 'lockdown') {
    return { kind: 'lockdown', reason: `Crash campaign lockdown ${n}` };
  }
  return {
    kind: 'allowlist-add',
    reason: `Crash campaign responder ${n}`,
    address: `100.66.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
    description: null,
    expiresAt: null,
  };
}

function queueAction({ spec, warRoom, random }: Step): void {
  const kind = spec.actionKinds[Math.floor(random() * spec.actionKinds.length)];
  const n = Math.floor(random() * 1_000_000);
  const action = warRoom.outbox.queue(actionRequest(kind, n), {
    incidentId: spec.incidentId,
    actor: 'crash-worker',
  });
  report({ t: 'action', id: action.id });
}

/** Picks an operation: mostly notes, as a commander's journal is. */
async function step(current: Step): Promise<void> {
  const draw = current.random();
  if (draw < 0.5) return addNote(current);
  if (draw < 0.75) return addEvidence(current);
  if (draw < 0.9) return queueAction(current);
  return importTimeline(current);
}

function strayTempFiles(warRoom: WarRoom): string[] {
  try {
    return readdirSync(join(warRoom.dataDir, 'vault', 'tmp'));
  } catch {
    return [];
  }
}

async function loop(spec: CrashWorkerSpec, warRoom: WarRoom): Promise<never> {
  mkdirSync(spec.inputsDir, { recursive: true });
  const current = { spec, warRoom, random: seededRandom(spec.seed) };
  for (;;) {
    try {
      await step(current);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report({ t: 'failed', op: 'step', message });
    }
  }
}

async function drain(warRoom: WarRoom): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (unsettledCount(warRoom.db) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const unsettled = unsettledCount(warRoom.db);
  warRoom.close();
  report({ t: 'settled', unsettled });
}

async function main(): Promise<void> {
  const [mode, specText] = process.argv.slice(2);
  const spec = JSON.parse(specText) as CrashWorkerSpec;
  const warRoom = openWarRoom({
    dataDir: spec.dataDir,
    logger: createLogger(),
    admin: {
      environment: {
        baseUrl: spec.adminUrl,
        token: process.env.WAR_ROOM_ADMIN_TOKEN,
      },
      intervals: {},
    },
    // Short waits between attempts, so the final drain finishes quickly.
    outbox: { backoff: { baseMs: 5, capMs: 50 } },
  });
  // Temporary files of the killed run are removed by openWarRoom; any
  // still here, other than this process's own, survived a restart.
  report({
    t: 'ready',
    pid: process.pid,
    strayTempFiles: strayTempFiles(warRoom),
  });
  warRoom.startAdminSync();
  if (mode === 'drain') return drain(warRoom);
  return loop(spec, warRoom);
}

await main();
