/**
 * The crash campaign: a War Room process (crash-worker.ts) writes notes,
 * imports timelines, takes in evidence and queues emergency actions while
 * the campaign SIGKILLs it at random moments and starts it again. After
 * every kill, whatever the worker was told was saved must still be there,
 * every chain must verify and every evidence item must have its whole
 * vault file; after every restart no temporary file may be left in the
 * vault; and once the outbox has drained, the admin-API simulator must
 * show no action taking effect twice. Run once against each simulator
 * profile (`reference`, `plan`), each with its own data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import {
  startAdminSimulator,
  type AdminSimulator,
  type SimProfile,
} from '../admin-sim/simulator';
import { systemClock } from '../../src/main/clock';
import { openDatabase, type Db } from '../../src/main/db/open-database';
import { openVault, rehashBlob } from '../../src/main/evidence/evidence-vault';
import { verifyChains } from '../../src/main/journal/verify-chains';
import { createLogger } from '../../src/main/logger';
import {
  effectsByKey,
  seededRandom,
} from '../../src/main/outbox/outbox-test-kit';
import { DATABASE_FILE, openWarRoom } from '../../src/main/war-room';
import type { Incident } from '../../src/shared/ipc-contract';
import type { Campaign, CampaignOptions } from './campaign';
import type { CrashWorkerSpec, WorkerReport } from './crash-worker';

const workerSource = fileURLToPath(
  new URL('./crash-worker.ts', import.meta.url),
);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Inside node_modules so the bundle's packages resolve as the sources'
 * do, and few enough levels below the root to find `resources/` as well.
 * One folder per run, so runs side by side do not remove each other's.
 */
const bundleDir = join(
  repoRoot,
  'node_modules',
  '.cache',
  'war-room-prove',
  `crash-${process.pid}`,
);
const bundleFile = 'crash-worker.mjs';

/**
 * Bundles the worker once. Loading the main process's sources through the
 * TypeScript loader takes seconds on two busy cores; a bundle starts in
 * under one, which is what lets a full run reach its kills in time.
 */
async function bundleWorker(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      ssr: workerSource,
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        output: { format: 'es', entryFileNames: bundleFile },
      },
    },
  });
  return join(bundleDir, bundleFile);
}

const FULL_KILLS = 200;
const SHORT_KILLS = 25;
const SHORT_KILL_MS = 35_000;

/** What the worker said was saved, kept across every run of a phase. */
type Promised = {
  entries: Set<string>;
  evidence: Map<string, string>;
  imports: { evidenceId: string; sha256: string; imported: number }[];
  actions: Set<string>;
};

type Tally = {
  kills: number;
  restarts: number;
  killedBeforeReady: number;
  operations: number;
  entriesChecked: number;
  evidenceChecked: number;
  importsChecked: number;
  actionsChecked: number;
  losses: number;
  doubles: number;
  chainFailures: number;
  strayFiles: number;
  confirmedActions: number;
  unsettledActions: number;
  unregisteredBlobs: number;
  /** Final state of every action, e.g. `confirmed` → 40. */
  actionStates: Map<string, number>;
  failures: string[];
};

function newTally(): Tally {
  return {
    kills: 0,
    restarts: 0,
    killedBeforeReady: 0,
    operations: 0,
    entriesChecked: 0,
    evidenceChecked: 0,
    importsChecked: 0,
    actionsChecked: 0,
    losses: 0,
    doubles: 0,
    chainFailures: 0,
    strayFiles: 0,
    confirmedActions: 0,
    unsettledActions: 0,
    unregisteredBlobs: 0,
    actionStates: new Map(),
    failures: [],
  };
}

type WorkerRun = {
  child: ChildProcess;
  /** Resolves with the worker's first line, or null if it died first. */
  ready: Promise<Extract<WorkerReport, { t: 'ready' }> | null>;
  /** Resolves when the process has exited (for any reason). */
  exited: Promise<{ code: number | null; signal: string | null }>;
  stderr: () => string;
};

function startWorker(
  workerScript: string,
  mode: 'loop' | 'drain',
  spec: CrashWorkerSpec,
  sim: AdminSimulator,
  onReport: (line: WorkerReport) => void,
): WorkerRun {
  const child = spawn(
    process.execPath,
    [workerScript, mode, JSON.stringify(spec)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WAR_ROOM_ADMIN_TOKEN: sim.token },
    },
  );
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  let markReady: (
    line: Extract<WorkerReport, { t: 'ready' }> | null,
  ) => void = () => undefined;
  const ready = new Promise<Extract<WorkerReport, { t: 'ready' }> | null>(
    (resolve) => (markReady = resolve),
  );
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (text) => {
    let line: WorkerReport;
    try {
      line = JSON.parse(text) as WorkerReport;
    } catch {
      // A line cut short by the kill was never a confirmation.
      return;
    }
    if (line.t === 'ready') markReady(line);
    else onReport(line);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>(
    (resolve) =>
      child.on('close', (code, signal) => {
        markReady(null);
        resolve({ code, signal });
      }),
  );
  return { child, ready, exited, stderr: () => errors };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function record(promised: Promised, tally: Tally, line: WorkerReport) {
  if (line.t !== 'failed') tally.operations += 1;
  switch (line.t) {
    case 'entry':
      promised.entries.add(line.id);
      break;
    case 'evidence':
      promised.evidence.set(line.id, line.sha256);
      break;
    case 'import':
      promised.imports.push(line);
      promised.evidence.set(line.evidenceId, line.sha256);
      break;
    case 'action':
      promised.actions.add(line.id);
      break;
    case 'failed':
      tally.failures.push(`an operation failed in the worker: ${line.message}`);
      break;
    default:
      break;
  }
}

type CheckContext = {
  label: string;
  db: Db;
  promised: Promised;
  tally: Tally;
  /** Evidence ids whose vault file was already re-hashed. */
  rehashed: Set<string>;
  vault: ReturnType<typeof openVault>;
};

function lose(check: CheckContext, what: string): void {
  check.tally.losses += 1;
  check.tally.failures.push(`${check.label}: lost ${what}`);
}

function checkEntries(check: CheckContext): void {
  const present = check.db.prepare(
    'SELECT 1 FROM journal_entries WHERE id = ?',
  );
  for (const id of check.promised.entries) {
    if (present.get(id) === undefined) lose(check, `journal entry ${id}`);
  }
  const importedRows = check.db.prepare(
    `SELECT count(*) AS n FROM journal_entries
      WHERE kind = 'timeline.imported'
        AND json_extract(payload, '$.source.evidenceId') = ?`,
  );
  for (const done of check.promised.imports) {
    const { n } = importedRows.get(done.evidenceId) as { n: number };
    if (n !== done.imported) {
      lose(
        check,
        `rows of timeline import ${done.evidenceId}: ${done.imported} ` +
          `reported imported, ${n} present`,
      );
    }
  }
}

async function checkEvidence(check: CheckContext): Promise<void> {
  const registered = check.db.prepare(
    'SELECT sha256 FROM evidence_items WHERE id = ?',
  );
  for (const [id, sha256] of check.promised.evidence) {
    const row = registered.get(id) as { sha256: string } | undefined;
    if (row === undefined) lose(check, `evidence item ${id}`);
    else if (row.sha256 !== sha256) {
      lose(check, `evidence ${id}: registered ${row.sha256}, sent ${sha256}`);
    }
  }
  // Every registered item, reported or not (a kill may fall between the
  // commit and the report), must have its whole file in the vault.
  const items = check.db
    .prepare('SELECT id, sha256 FROM evidence_items')
    .all() as { id: string; sha256: string }[];
  for (const item of items) {
    if (check.rehashed.has(item.id)) continue;
    const found = await rehashBlob(check.vault, item.sha256);
    if (found === null) {
      lose(check, `the vault file of evidence ${item.id} (${item.sha256})`);
    } else if (found.sha256 !== item.sha256) {
      lose(
        check,
        `the content of evidence ${item.id}: vault file hashes to ` +
          `${found.sha256}, registered ${item.sha256}`,
      );
    } else check.rehashed.add(item.id);
  }
}

function checkActions(check: CheckContext): void {
  const present = check.db.prepare('SELECT 1 FROM outbox_actions WHERE id = ?');
  for (const id of check.promised.actions) {
    if (present.get(id) === undefined) lose(check, `outbox action ${id}`);
  }
}

async function checkChains(check: CheckContext): Promise<void> {
  const report = await verifyChains(check.db, systemClock);
  if (report.ok) return;
  check.tally.chainFailures += 1;
  const first = report.problems[0];
  check.tally.failures.push(
    `${check.label}: chain verification failed (${report.problems.length} ` +
      `problems, first: ${JSON.stringify(first)})`,
  );
}

/** Everything the killed worker was told was saved, read back from disk. */
async function checkAfterKill(
  check: Omit<CheckContext, 'db'>,
  dataDir: string,
): Promise<void> {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const full = { ...check, db };
    checkEntries(full);
    await checkEvidence(full);
    checkActions(full);
    await checkChains(full);
  } finally {
    db.close();
  }
}

/** A data directory with one incident, opened the way the app opens it. */
async function prepareDataDir(dataDir: string): Promise<string> {
  const warRoom = openWarRoom({ dataDir, logger: createLogger() });
  try {
    const result = await warRoom.invoke(
      'incident:create',
      {
        title: 'Crash campaign',
        severity: 'high',
        category: 'data-security',
      },
      { defaultActor: 'crash-campaign', transport: 'test' },
    );
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as Incident).id;
  } finally {
    warRoom.close();
  }
}

type Phase = {
  workerScript: string;
  profile: SimProfile;
  kills: number;
  deadline: number;
  options: CampaignOptions;
  tally: Tally;
};

const ACTION_KINDS: Record<SimProfile, CrashWorkerSpec['actionKinds']> = {
  reference: ['lockout-create', 'allowlist-add'],
  plan: ['lockdown', 'allowlist-add'],
};

function checkStrays(
  ready: Extract<WorkerReport, { t: 'ready' }>,
  label: string,
  tally: Tally,
): void {
  if (ready.strayTempFiles.length === 0) return;
  tally.strayFiles += ready.strayTempFiles.length;
  tally.failures.push(
    `${label}: temporary vault files survived the restart: ` +
      ready.strayTempFiles.join(', '),
  );
}

async function runPhase(phase: Phase): Promise<void> {
  const { profile, options, tally } = phase;
  const dataDir = join(options.workDir, profile, 'data');
  const inputsDir = join(options.workDir, profile, 'inputs');
  mkdirSync(inputsDir, { recursive: true });
  const sim = await startAdminSimulator({
    profile,
    preset: 'designed',
    seed: options.seed,
  });
  // Some refused and some unanswered requests, so kills also land while
  // an action is in doubt.
  sim.control.inject({ kind: 'error-rate', rate: 0.15 });
  sim.control.inject({ kind: 'reset-after', chance: 0.05 });
  sim.control.inject({ kind: 'latency', ms: 3 });
  const random = seededRandom(options.seed ^ profile.length);
  const promised: Promised = {
    entries: new Set(),
    evidence: new Map(),
    imports: [],
    actions: new Set(),
  };
  const rehashed = new Set<string>();
  const vault = openVault(dataDir);
  try {
    const incidentId = await prepareDataDir(dataDir);
    const spec = (run: number): CrashWorkerSpec => ({
      dataDir,
      inputsDir,
      adminUrl: sim.url,
      incidentId,
      seed: options.seed * 1_000 + run,
      actionKinds: ACTION_KINDS[profile],
      maxEvidenceBytes: options.short ? 1024 * 1024 : 4 * 1024 * 1024,
    });
    let done = 0;
    while (done < phase.kills && Date.now() < phase.deadline) {
      const kill = tally.kills + 1;
      const label =
        `seed ${options.seed}, ${profile} profile, kill ${kill}` +
        ` (replay with --seed ${options.seed})`;
      const run = startWorker(
        phase.workerScript,
        'loop',
        spec(kill),
        sim,
        (line) => record(promised, tally, line),
      );
      tally.restarts += 1;
      // Now and then a kill before the worker has even opened the data
      // directory; otherwise somewhere in its loop.
      const early = random() < 0.1;
      const ready = early ? null : await run.ready;
      if (ready) checkStrays(ready, label, tally);
      else if (!early) {
        tally.failures.push(
          `${label}: the worker died before it was ready: ${run.stderr()}`,
        );
      }
      await pause(early ? random() * 300 : 30 + random() * 900);
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      if (exit.signal !== 'SIGKILL') {
        tally.failures.push(
          `${label}: the worker exited by itself (${exit.code}): ${run.stderr()}`,
        );
      }
      tally.kills += 1;
      if (early) tally.killedBeforeReady += 1;
      done += 1;
      await checkAfterKill(
        { label, promised, tally, rehashed, vault },
        dataDir,
      );
      if (kill % 10 === 0) {
        options.log(
          `${profile}: ${kill} kills, ${tally.operations} operations, ` +
            `${tally.losses} losses`,
        );
      }
    }
    await finalDrain(phase, spec(tally.kills + 1), sim);
    rehashed.clear();
    await checkAfterKill(
      {
        label: `seed ${options.seed}, ${profile} profile, after the final drain`,
        promised,
        tally,
        rehashed,
        vault,
      },
      dataDir,
    );
    // Each of these was checked after every kill from its report onwards.
    tally.entriesChecked += promised.entries.size;
    tally.importsChecked += promised.imports.length;
    tally.actionsChecked += promised.actions.size;
    tally.evidenceChecked += rehashed.size;
    tally.unregisteredBlobs += unregisteredBlobs(dataDir, vault);
  } finally {
    await sim.close();
  }
}

/**
 * Vault files no evidence item names: content stored by an intake killed
 * before it could register it. Harmless (content-addressed, never shown),
 * so counted rather than failed.
 */
function unregisteredBlobs(
  dataDir: string,
  vault: ReturnType<typeof openVault>,
): number {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const known = new Set(
      (
        db.prepare('SELECT DISTINCT sha256 FROM evidence_items').all() as {
          sha256: string;
        }[]
      ).map((row) => row.sha256),
    );
    const root = join(vault.dir, 'sha256');
    if (!existsSync(root)) return 0;
    const files = readdirSync(root, { recursive: true, withFileTypes: true });
    return files.filter((file) => file.isFile() && !known.has(file.name))
      .length;
  } finally {
    db.close();
  }
}

/**
 * One last run that only dispatches, to the end; then each action id
 * must have taken effect at most once, and each confirmed one exactly once.
 */
async function finalDrain(
  phase: Phase,
  spec: CrashWorkerSpec,
  sim: AdminSimulator,
): Promise<void> {
  const { tally, options, profile } = phase;
  const label = `seed ${options.seed}, ${profile} profile, final drain`;
  sim.control.clearFaults();
  let settled: Extract<WorkerReport, { t: 'settled' }> | null = null;
  const run = startWorker(phase.workerScript, 'drain', spec, sim, (line) => {
    if (line.t === 'settled') settled = line;
  });
  tally.restarts += 1;
  const ready = await run.ready;
  if (ready) checkStrays(ready, label, tally);
  const exit = await run.exited;
  if (exit.code !== 0 || settled === null) {
    tally.failures.push(
      `${label}: the drain did not finish (${exit.code}): ${run.stderr()}`,
    );
    return;
  }
  const left = (settled as { unsettled: number }).unsettled;
  tally.unsettledActions += left;
  if (left > 0) {
    tally.failures.push(`${label}: ${left} actions still waiting to be sent`);
  }

  const db = openDatabase(join(spec.dataDir, DATABASE_FILE));
  const states = new Map(
    (
      db.prepare('SELECT id, state FROM outbox_actions').all() as {
        id: string;
        state: string;
      }[]
    ).map((row) => [row.id, row.state]),
  );
  db.close();
  const byKey = effectsByKey(sim.control.effects());
  for (const [id, state] of states) {
    const effects = byKey.get(id)?.length ?? 0;
    tally.actionStates.set(state, (tally.actionStates.get(state) ?? 0) + 1);
    if (effects > 1) {
      tally.doubles += 1;
      tally.failures.push(
        `${label}: action ${id} took effect ${effects} times`,
      );
    }
    if (state === 'confirmed') {
      tally.confirmedActions += 1;
      if (effects === 0) {
        tally.losses += 1;
        tally.failures.push(
          `${label}: action ${id} is confirmed but never took effect`,
        );
      }
    }
  }
  for (const key of byKey.keys()) {
    if (!states.has(key)) {
      tally.failures.push(`${label}: an effect carries unknown key ${key}`);
    }
  }
}

export const campaign: Campaign = {
  name: 'crash',
  weight: 3,
  promise:
    'a War Room killed at any moment loses nothing it reported saved, ' +
    'leaves every chain verifiable and every evidence file whole, and ' +
    'never applies an emergency action twice',
  async run(options) {
    const started = Date.now();
    const target = options.short ? SHORT_KILLS : FULL_KILLS;
    // Leave time for the final drains and checks; the short form keeps
    // to about half a minute of kills whatever its budget.
    const killTime = options.budgetMs * 0.9;
    const deadline =
      started + (options.short ? Math.min(killTime, SHORT_KILL_MS) : killTime);
    const tally = newTally();
    const workerScript = await bundleWorker();
    options.log(`worker bundled in ${Date.now() - started} ms`);
    const profiles: SimProfile[] = ['reference', 'plan'];
    try {
      for (const [index, profile] of profiles.entries()) {
        const share = Math.ceil(
          (target - tally.kills) / (profiles.length - index),
        );
        const phaseDeadline =
          started + ((deadline - started) * (index + 1)) / profiles.length;
        await runPhase({
          workerScript,
          profile,
          kills: share,
          deadline: phaseDeadline,
          options,
          tally,
        });
      }
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
    }
    if (tally.kills < target) {
      const shortfall = `stopped at ${tally.kills} of ${target} kills: the time budget ran out`;
      // The full run promises its number of kills; the short form, bound
      // to half a minute on whatever machine, only reports a shortfall.
      if (options.short) options.log(shortfall);
      else tally.failures.push(`seed ${options.seed}: ${shortfall}`);
    }
    return {
      figures: {
        kills: tally.kills,
        'kills before ready': tally.killedBeforeReady,
        restarts: tally.restarts,
        'operations confirmed': tally.operations,
        'entries checked': tally.entriesChecked,
        'evidence checked': tally.evidenceChecked,
        'timeline imports checked': tally.importsChecked,
        'actions checked': tally.actionsChecked,
        'actions confirmed': tally.confirmedActions,
        'action final states': [...tally.actionStates]
          .map(([state, count]) => `${state} ${count}`)
          .join(', '),
        losses: tally.losses,
        doubles: tally.doubles,
        'chain failures': tally.chainFailures,
        'stray files': tally.strayFiles,
        'vault files not registered': tally.unregisteredBlobs,
      },
      failures: tally.failures,
    };
  },
};
