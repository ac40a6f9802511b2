/**
 * The secrets campaign: an admin token nobody could mistake (40 random
 * characters from the seed) is set as WAR_ROOM_ADMIN_TOKEN and also given
 * through `admin:configure`, the way the desktop hands over the keychain's
 * copy; then War Room uses it for real (serve mode pulling and sending
 * emergency actions to the admin-API simulator, logging at debug level)
 * and writes everything it can write: evidence bundles, reports, every
 * timeline format, contacts, metrics summaries, through serve mode and
 * the `war-room` command line. Afterwards every byte under the work
 * directory (database, -wal, vault, exports, logs, captured stdout and
 * stderr) is searched for the token, raw and encoded. The simulator must
 * have seen the token, so an empty search cannot pass for a clean one.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { send } from '../../src/main/serve/http-test-client';
import { seededRandom } from '../../src/main/outbox/outbox-test-kit';
import {
  startAdminSimulator,
  type AdminSimulator,
} from '../admin-sim/simulator';
import type { Campaign, CampaignOptions, CampaignResult } from './campaign';

type Random = () => number;

const TOKEN_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters that URL-encoding changes, so that form is a real search. */
const TOKEN_SPECIALS = '+/=.~-_';

/** 40 characters: letters and digits with a few that encode differently. */
function tokenFrom(random: Random): string {
  let token = 'wr';
  while (token.length < 36) {
    token += TOKEN_ALPHABET[Math.floor(random() * TOKEN_ALPHABET.length)];
  }
  for (let n = 0; n < 4; n += 1) {
    token += TOKEN_SPECIALS[Math.floor(random() * TOKEN_SPECIALS.length)];
  }
  return token;
}

/** The token as it could appear in a file, each form named. */
function tokenForms(token: string): Map<string, Buffer> {
  const forms = new Map<string, Buffer>();
  const add = (name: string, text: string) =>
    forms.set(name, Buffer.from(text, 'utf8'));
  add('raw', token);
  add('url-encoded', encodeURIComponent(token));
  add('hex', Buffer.from(token).toString('hex'));
  add('HEX', Buffer.from(token).toString('hex').toUpperCase());
  forms.set('utf-16', Buffer.from(token, 'utf16le'));
  // Base64 depends on where the token sits in what was encoded: each of
  // the three alignments, trimmed to the characters the token alone fixes.
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([
      Buffer.alloc(shift, 0x20),
      Buffer.from(token),
    ]);
    for (const variant of ['base64', 'base64url'] as const) {
      const encoded = padded.toString(variant).replace(/=+$/, '');
      const from = shift === 0 ? 0 : Math.ceil((shift * 4) / 3) + 1;
      add(`${variant}+${shift}`, encoded.slice(from, encoded.length - 3));
    }
  }
  add('sha256', createHash('sha256').update(token).digest('hex'));
  return forms;
}

type Scan = { files: number; bytes: number; found: string[] };

function scanFile(path: string, forms: Map<string, Buffer>, scan: Scan) {
  const bytes = readFileSync(path);
  scan.files += 1;
  scan.bytes += bytes.length;
  for (const [name, form] of forms) {
    if (bytes.includes(form)) scan.found.push(`${name} in ${path}`);
  }
}

function scanTree(dir: string, forms: Map<string, Buffer>, scan: Scan) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) scanTree(path, forms, scan);
    else if (entry.isFile()) scanFile(path, forms, scan);
  }
}

type Captured = { code: number | null; stdout: string; stderr: string };

/** Runs `war-room …`, keeping stdout and stderr in files to be searched. */
function warRoom(
  args: string[],
  env: Record<string, string>,
  logDir: string,
  label: string,
): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/war-room.js', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      writeFileSync(join(logDir, `${label}.stdout`), stdout);
      writeFileSync(join(logDir, `${label}.stderr`), stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

type ServeProcess = {
  origin: string;
  token: string;
  dataDir: string;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | null>;
};

const READY_LINE =
  /^War Room is serving at (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)$/m;

/**
 * `war-room serve --admin-url …` with all its output kept (the browser
 * tests' helper lets go of stdout after the first line).
 */
async function startServe(
  dataDir: string,
  adminUrl: string,
  env: Record<string, string>,
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      'bin/war-room.js',
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--admin-url',
      adminUrl,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const started = Date.now();
  while (!READY_LINE.test(stdout)) {
    if (child.exitCode !== null || Date.now() - started > 20_000) {
      child.kill('SIGKILL');
      throw new Error(`war-room serve did not start: ${stderr}`);
    }
    await pause(50);
  }
  const [, origin, token] = READY_LINE.exec(stdout)!;
  return {
    origin,
    token,
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      return child.exitCode;
    },
  };
}

function keepOutput(serve: ServeProcess, logDir: string) {
  writeFileSync(join(logDir, 'serve.stdout'), serve.stdout());
  writeFileSync(join(logDir, 'serve.stderr'), serve.stderr());
}

type Context = {
  sim: AdminSimulator;
  serve: ServeProcess;
  port: number;
  exportsDir: string;
  failures: string[];
  calls: number;
};

async function invoke(
  context: Context,
  channel: string,
  input: unknown,
): Promise<unknown> {
  const response = await send(context.port, {
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: {
      authorization: `Bearer ${context.serve.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(input),
  });
  context.calls += 1;
  const result = response.json<{
    ok: boolean;
    value?: unknown;
    error?: unknown;
  }>();
  if (!result.ok) {
    context.failures.push(
      `${channel} failed: ${JSON.stringify(result.error).slice(0, 200)}`,
    );
  }
  return result.value;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An incident with notes, evidence, contacts and emergency actions. */
async function fillIncident(context: Context, n: number): Promise<string> {
  const incident = (await invoke(context, 'incident:create', {
    title: `Secrets drill ${n}`,
    severity: 'critical',
    category: 'authentication-access-control',
    description: 'The admin token was handled here; it must not be written',
  })) as { id: string };
  const incidentId = incident.id;
  await invoke(context, 'journal:add-note', {
    incidentId,
    text: `Rotated credentials, drill ${n}`,
  });
  await invoke(context, 'evidence:add-text', {
    incidentId,
    name: `notes-${n}.txt`,
    text: `Captured output for drill ${n}\n`,
    type: 'log-export',
  });
  const actions = [
    { kind: 'lockdown', reason: `Lockdown for secrets drill ${n}` },
    {
      kind: 'allowlist-add',
      reason: `Responder laptop ${n}`,
      address: `100.64.9.${n + 1}`,
      description: `responder ${n}`,
      expiresAt: null,
    },
    {
      kind: 'lockout-create',
      reason: `Containment lockout ${n}`,
      message: `The admin console is locked (${n}); ask the commander`,
      durationHours: null,
      allowReadOnly: true,
    },
  ];
  const confirmations: Record<string, string> = {
    lockdown: 'lockdown',
    'allowlist-add': 'allow address',
    'lockout-create': 'lockout',
  };
  for (const request of actions) {
    await invoke(context, 'controls:queue-action', {
      incidentId,
      request,
      confirmation: confirmations[request.kind],
      acceptWarnings: true,
    });
  }
  return incidentId;
}

/** Every export serve mode offers, into the exports directory. */
async function exportEverything(
  context: Context,
  incidentId: string,
  n: number,
) {
  const out = (name: string) => join(context.exportsDir, `${n}-${name}`);
  for (const format of [
    'timesketch-csv',
    'timesketch-jsonl',
    'iris-csv',
    'csv',
  ]) {
    await invoke(context, 'timeline:export', {
      incidentId,
      format,
      outPath: out(`timeline.${format}`),
    });
  }
  for (const format of ['md', 'html']) {
    await invoke(context, 'report:export', {
      incidentId,
      format,
      outPath: out(`report.${format}`),
    });
  }
  await invoke(context, 'evidence:export-bundle', {
    incidentId,
    outDir: out('bundle'),
    zip: true,
  });
  for (const format of ['vcard', 'csv']) {
    const file = (await invoke(context, 'contacts:export', { format })) as
      | {
          text: string;
        }
      | undefined;
    writeFileSync(out(`contacts.${format}`), file?.text ?? '');
  }
  for (const period of ['daily', 'weekly', 'monthly', 'quarterly']) {
    const summary = await invoke(context, 'metrics:summary', { period });
    writeFileSync(out(`metrics-${period}.json`), JSON.stringify(summary));
  }
  for (const channel of [
    'admin:status',
    'dashboard:snapshot',
    'metrics:overview',
  ]) {
    const value = await invoke(context, channel, {});
    writeFileSync(
      out(`${channel.replace(':', '-')}.json`),
      JSON.stringify(value),
    );
  }
  const actions = await invoke(context, 'controls:list-actions', {
    incidentId,
  });
  writeFileSync(out('actions.json'), JSON.stringify(actions));
}

/** The command line's exports over the same data directory. */
async function commandLine(
  context: Context,
  env: Record<string, string>,
  logDir: string,
  incidentId: string,
) {
  const dataDir = context.serve.dataDir;
  const out = (name: string) => join(context.exportsDir, `cli-${name}`);
  const runs: [string, string[]][] = [
    ['incident-list', ['incident', 'list']],
    ['note', ['note', '--incident', incidentId, 'from the command line']],
    ['verify', ['verify']],
    [
      'bundle',
      [
        'export',
        'bundle',
        '--incident',
        incidentId,
        '--out',
        out('bundle'),
        '--zip',
      ],
    ],
    [
      'report-md',
      [
        'export',
        'report',
        '--incident',
        incidentId,
        '--format',
        'md',
        '--out',
        out('report.md'),
      ],
    ],
    [
      'report-html',
      [
        'export',
        'report',
        '--incident',
        incidentId,
        '--format',
        'html',
        '--out',
        out('report.html'),
      ],
    ],
    ...['timesketch-csv', 'timesketch-jsonl', 'iris-csv', 'csv'].map(
      (format): [string, string[]] => [
        `timeline-${format}`,
        [
          'export',
          'timeline',
          '--incident',
          incidentId,
          '--format',
          format,
          '--out',
          out(`timeline.${format}`),
        ],
      ],
    ),
    ...['daily', 'weekly', 'monthly', 'quarterly'].map(
      (period): [string, string[]] => [
        `summary-${period}`,
        [
          'export',
          'summary',
          '--period',
          period,
          '--out',
          out(`summary-${period}.md`),
        ],
      ],
    ),
    ['verify-bundle', ['verify-bundle', out('bundle')]],
  ];
  for (const [label, args] of runs) {
    const withDir =
      label === 'verify-bundle' ? args : [...args, '--data-dir', dataDir];
    const result = await warRoom(withDir, env, logDir, `cli-${label}`);
    context.calls += 1;
    if (result.code !== 0) {
      context.failures.push(
        `war-room ${args.slice(0, 2).join(' ')} exited ${result.code}: ` +
          result.stderr.slice(0, 200),
      );
    }
  }
}

function outboxSettled(context: Context): boolean {
  return context.sim.control.effects().length > 0;
}

async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  if (!existsSync('out/main/cli.js')) {
    return {
      figures: {},
      failures: [
        'War Room is not built (out/ is missing): run `npm run build` first',
      ],
    };
  }
  const random = seededRandom(options.seed ^ 0x5ec2e7);
  const token = tokenFrom(random);
  const logDir = join(options.workDir, 'captured');
  const exportsDir = join(options.workDir, 'exports');
  mkdirSync(logDir);
  mkdirSync(exportsDir);
  const sim = await startAdminSimulator({
    token,
    preset: 'designed',
    idempotency: 'honour',
    seed: options.seed,
    volume: { events: 300, failedLogins: 100, auditLogs: 200 },
  });
  const env = {
    WAR_ROOM_ADMIN_TOKEN: token,
    WAR_ROOM_ADMIN_URL: sim.url,
    WAR_ROOM_LOG_LEVEL: 'debug',
    WAR_ROOM_ACTOR: 'ic-on-call',
  };
  const failures: string[] = [];
  // The command line's exports, one process each, take ~20 s after this.
  const deadline =
    Date.now() +
    (options.short ? 4_000 : Math.max(4_000, options.budgetMs * 0.8 - 30_000));
  let serve: ServeProcess | null = null;
  let context: Context | undefined;
  let rounds = 0;
  const forms = tokenForms(token);
  const live: Scan = { files: 0, bytes: 0, found: [] };
  try {
    serve = await startServe(join(options.workDir, 'data'), sim.url, env);
    const port = Number(new URL(serve.origin).port);
    context = { sim, serve, port, exportsDir, failures, calls: 0 };
    await invoke(context, 'admin:configure', { baseUrl: sim.url, token });
    await invoke(context, 'admin:discover', {});
    await invoke(context, 'contacts:save', {
      contact: { name: 'Legal on call', roles: ['legal'] },
    });
    let lastIncident = '';
    for (; rounds < 1 || Date.now() < deadline; rounds += 1) {
      lastIncident = await fillIncident(context, rounds);
      await invoke(context, 'admin:sync-now', {});
      await invoke(context, 'admin:audit-pull', {
        incidentId: lastIncident,
        start: '2025-01-19T00:00:00Z',
        end: '2025-01-20T12:00:00Z',
      });
      for (let wait = 0; wait < 50 && !outboxSettled(context); wait += 1) {
        await pause(100);
      }
      await exportEverything(context, lastIncident, rounds);
    }
    // The database's -wal and -shm exist only while it is open.
    scanTree(serve.dataDir, forms, live);
    const stopped = await serve.stop();
    keepOutput(serve, logDir);
    serve = null;
    if (stopped !== 0) failures.push(`war-room serve exited with ${stopped}`);
    await commandLine(context, env, logDir, lastIncident);
  } finally {
    if (serve !== null) {
      await serve.stop();
      keepOutput(serve, logDir);
    }
    await sim.close();
  }

  const carried = sim.requests
    .all()
    .filter((r) => r.authorization.matchesToken);
  if (carried.length === 0) {
    failures.push(
      'the simulator never saw the token: the search proves nothing',
    );
  }
  const effects = sim.control.effects().length;
  if (effects === 0) failures.push('no emergency action reached the simulator');

  const scan: Scan = { files: 0, bytes: 0, found: [...live.found] };
  scanTree(options.workDir, forms, scan);
  // The search finds what is there: the token planted in a scratch file.
  const probe = join(options.workDir, 'probe.txt');
  writeFileSync(probe, `Bearer ${Buffer.from(`x${token}`).toString('base64')}`);
  const control: Scan = { files: 0, bytes: 0, found: [] };
  scanFile(probe, forms, control);
  if (debugLines(join(options.workDir, 'data')) === 0) {
    failures.push('nothing was logged at debug level');
  }
  if (control.found.length === 0)
    failures.push('the search missed a planted base64 token');
  for (const place of scan.found.slice(0, 10))
    failures.push(`token found: ${place}`);

  return {
    figures: {
      rounds,
      'calls and commands': context?.calls ?? 0,
      'requests carrying the token': carried.length,
      'requests to the simulator': sim.requests.all().length,
      'actions applied by the simulator': effects,
      'token forms searched': forms.size,
      'files scanned': scan.files + live.files,
      'bytes scanned': scan.bytes + live.bytes,
      'scanned while serving': `${live.files} files, ${live.bytes} bytes`,
      'files of note': countKinds(options.workDir),
      'debug log lines': debugLines(join(options.workDir, 'data')),
      'places the token was found': scan.found.length,
    },
    failures,
  };
}

/** Lines logged at debug level (pino 20): the logger was as loud as it gets. */
function debugLines(dataDir: string): number {
  const file = join(dataDir, 'logs', 'war-room.log');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"level":20')).length;
}

/** How many of the files scanned are the database, its WAL and the logs. */
function countKinds(dir: string): string {
  const names: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else names.push(entry.name);
    }
  };
  walk(dir);
  const count = (test: (name: string) => boolean) => names.filter(test).length;
  const size = (name: string) =>
    existsSync(join(dir, 'data', name))
      ? statSync(join(dir, 'data', name)).size
      : 0;
  return (
    `db ${size('war-room.db')} B, wal ${size('war-room.db-wal')} B, ` +
    `logs ${count((n) => n.endsWith('.log'))}, ` +
    `captured ${count((n) => n.endsWith('.stdout') || n.endsWith('.stderr'))}`
  );
}

export const campaign: Campaign = {
  name: 'secrets',
  promise:
    'the admin token, though used for every pull and action, is in no ' +
    'file War Room writes: database, vault, exports, logs or output',
  run: runCampaign,
};
