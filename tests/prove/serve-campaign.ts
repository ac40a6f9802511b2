/**
 * The serve campaign: `war-room serve` as built, on a fresh data
 * directory, under seeded random requests to every API route and the
 * event stream that a browser page, a DNS-rebinding page or a local
 * process without the token could send: no token, wrong tokens (random,
 * one character off, case changed, in the wrong header or the query),
 * foreign Host and Origin headers, cross-site fetches. Each must be
 * refused (401 or 403) and leave the database as it was; the same
 * requests with everything right, sent in between, must get through, so
 * the refusals are not the server refusing everything.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CHANNEL_NAMES } from '../../src/shared/channel-names';
import {
  openStream,
  send,
  type TestResponse,
} from '../../src/main/serve/http-test-client';
import { seededRandom } from '../../src/main/outbox/outbox-test-kit';
import { startServe, type ServeProcess } from '../e2e/serve-process';
import type { Campaign, CampaignOptions, CampaignResult } from './campaign';

type Random = () => number;

/** A request before its credentials and headers are chosen. */
type Target = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string | Buffer;
  contentType?: string;
  /** The event stream answers with headers and stays open. */
  stream?: boolean;
  /** Accepted, it changes the database. */
  writes: boolean;
};

type Probe = {
  kind: string;
  headers: Record<string, string>;
  /** Appended to the path (a token in the query string). */
  query?: string;
};

const SHORT_BUDGET_MS = 25_000;
const PROBES_PER_ROUND = 40;
const TOKEN_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomText(random: Random, length: number, alphabet: string) {
  let text = '';
  for (let n = 0; n < length; n += 1) text += pick(random, [...alphabet]);
  return text;
}

function bump(counts: Record<string, number>, key: string) {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Every row of every table, hashed: what a refused request must not
 * change. Read through a read-only handle while the server runs (WAL).
 */
function databaseDigest(dataDir: string): Map<string, string> {
  const db = new Database(join(dataDir, 'war-room.db'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master
          WHERE type = 'table' ORDER BY name`,
      )
      .all() as { name: string }[];
    const digests = new Map<string, string>();
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).raw().all();
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      const hash = createHash('sha256').update(lines.join('\n'));
      digests.set(name, hash.digest('hex'));
    }
    return digests;
  } finally {
    db.close();
  }
}

/** The tables whose rows differ between two digests. */
function changedTables(
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

function targets(random: Random, incidentId: string, n: number): Target[] {
  const json = (value: unknown) => JSON.stringify(value);
  const invoke = (channel: string, body: unknown, writes: boolean) => ({
    name: channel,
    method: 'POST' as const,
    path: `/api/invoke/${channel}`,
    body: json(body),
    contentType: 'application/json',
    writes,
  });
  return [
    invoke(
      'incident:create',
      {
        title: `Probe incident ${n}`,
        severity: 'high',
        category: 'data-security',
      },
      true,
    ),
    invoke('journal:add-note', { incidentId, text: `Probe note ${n}` }, true),
    invoke(
      'contacts:save',
      { contact: { name: `Probe contact ${n}`, roles: ['legal'] } },
      true,
    ),
    invoke('incident:list', {}, false),
    invoke('app:info', {}, false),
    // Any channel of the contract, with whatever body; the guards come first.
    invoke(pick(random, CHANNEL_NAMES), {}, false),
    {
      name: 'evidence upload',
      method: 'POST',
      path:
        `/api/evidence/upload?incidentId=${incidentId}` +
        `&name=probe-${n}.txt&type=log-export`,
      body: Buffer.from(`probe evidence ${n}\n`),
      contentType: 'application/octet-stream',
      writes: true,
    },
    {
      name: 'event stream',
      method: 'GET',
      path: '/api/events',
      stream: true,
      writes: false,
    },
    {
      name: 'unknown route',
      method: 'GET',
      path: '/api/nothing-here',
      writes: false,
    },
  ];
}

/** Tokens that are not the token. */
function wrongToken(
  random: Random,
  token: string,
): { kind: string; value: string } {
  const roll = random();
  if (roll < 0.3) {
    const length = 1 + Math.floor(random() * 90);
    return {
      kind: 'wrong token: random',
      value: randomText(random, length, TOKEN_ALPHABET),
    };
  }
  if (roll < 0.6) {
    const at = Math.floor(random() * token.length);
    const others = TOKEN_ALPHABET.replace(token[at], '');
    const value =
      token.slice(0, at) + pick(random, [...others]) + token.slice(at + 1);
    return { kind: 'wrong token: one character off', value };
  }
  if (roll < 0.8) {
    const letters = [...token]
      .map((c, i) => (/[a-z]/i.test(c) ? i : -1))
      .filter((i) => i >= 0);
    const at = pick(random, letters);
    const c = token[at];
    const swapped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
    const value =
      random() < 0.5
        ? token.slice(0, at) + swapped + token.slice(at + 1)
        : token.toUpperCase() === token
          ? token.toLowerCase()
          : token.toUpperCase();
    return { kind: 'wrong token: case changed', value };
  }
  const value =
    random() < 0.5
      ? `${token}${pick(random, [...TOKEN_ALPHABET])}`
      : token.slice(0, -1);
  return { kind: 'wrong token: longer or shorter', value };
}

/** The right token where the server does not look for it. */
function misplacedToken(random: Random, token: string): Probe {
  const kind = 'token in the wrong place';
  const places: (() => Probe)[] = [
    () => ({ kind, headers: { 'x-auth-token': token } }),
    () => ({ kind, headers: { authorization: token } }),
    () => ({ kind, headers: { authorization: `Token ${token}` } }),
    () => ({
      kind,
      headers: {
        authorization: `Basic ${Buffer.from(`war-room:${token}`).toString('base64')}`,
      },
    }),
    () => ({ kind, headers: { cookie: `token=${token}` } }),
    () => ({ kind, headers: { authorization: `Bearer ${token} ${token}` } }),
    () => ({ kind, headers: {}, query: `token=${token}` }),
    () => ({ kind, headers: {}, query: `access_token=${token}` }),
  ];
  return pick(random, places)();
}

function randomHost(random: Random, port: number): string {
  const hosts = [
    () =>
      `${randomText(random, 3 + Math.floor(random() * 10), 'abcdefghijklmnopqrstuvwxyz')}.example:${port}`,
    () => `127.0.0.1.nip.io:${port}`,
    () => `localhost.attacker.test:${port}`,
    () =>
      `${Math.floor(random() * 224)}.${Math.floor(random() * 256)}.0.${Math.floor(random() * 256)}:${port}`,
    () => `127.0.0.2:${port}`,
    () => `0.0.0.0:${port}`,
    () => `127.0.0.1:${(port % 60_000) + 1 + Math.floor(random() * 1000)}`,
    () => `localhost:${port + 1}`,
    () => '127.0.0.1',
    () => 'localhost',
    () => `[::1]:${port}`,
    () => `[::ffff:127.0.0.1]:${port}`,
    () => `[2001:db8::${Math.floor(random() * 0xffff).toString(16)}]:${port}`,
    () => `2130706433:${port}`,
    () => `0x7f000001:${port}`,
  ];
  return pick(random, hosts)();
}

function randomOrigin(random: Random, port: number): string {
  const origins = [
    () =>
      `https://${randomText(random, 4 + Math.floor(random() * 8), 'abcdefghijklmnopqrstuvwxyz')}.example`,
    () => `http://127.0.0.1:${port + 1}`,
    () => `https://127.0.0.1:${port}`,
    () => `http://localhost:${port}.attacker.test`,
    () => `http://[::1]:${port}`,
    () => `http://127.0.0.1`,
    () => `http://evil.test:${port}`,
    () => `file://`,
    () => `chrome-extension://${randomText(random, 32, 'abcdefghijklmnop')}`,
  ];
  return pick(random, origins)();
}

/** A bad request: what it gets wrong, as headers and query. */
function badProbe(random: Random, token: string, port: number): Probe {
  const right = { authorization: `Bearer ${token}` };
  const roll = Math.floor(random() * 6);
  switch (roll) {
    case 0:
      return { kind: 'no token', headers: {} };
    case 1: {
      const wrong = wrongToken(random, token);
      return random() < 0.85
        ? {
            kind: wrong.kind,
            headers: { authorization: `Bearer ${wrong.value}` },
          }
        : {
            kind: wrong.kind,
            headers: {},
            query: `token=${encodeURIComponent(wrong.value)}`,
          };
    }
    case 2:
      return misplacedToken(random, token);
    case 3:
      return {
        kind: 'foreign Host',
        headers: { ...right, host: randomHost(random, port) },
      };
    case 4:
      return {
        kind: 'foreign Origin',
        headers: { ...right, origin: randomOrigin(random, port) },
      };
    default:
      return random() < 0.5
        ? {
            kind: 'cross-site: Origin null',
            headers: {
              ...right,
              origin: 'null',
              'sec-fetch-site': 'cross-site',
            },
          }
        : {
            kind: 'cross-site: Sec-Fetch-Site',
            headers: {
              ...right,
              'sec-fetch-site': pick(random, ['cross-site', 'same-site']),
              'sec-fetch-mode': pick(random, ['cors', 'no-cors', 'navigate']),
            },
          };
  }
}

/** Everything right, in each of the ways a real client may send it. */
function controlProbe(
  random: Random,
  token: string,
  port: number,
  target: Target,
): Probe {
  const host = pick(random, [
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `LOCALHOST:${port}`,
  ]);
  const headers: Record<string, string> = { host };
  if (random() < 0.5) headers.origin = `http://${host.toLowerCase()}`;
  if (random() < 0.5) headers['sec-fetch-site'] = 'same-origin';
  // EventSource cannot send headers: the stream takes the token as a query.
  if (target.stream && random() < 0.5) {
    return { kind: 'control', headers, query: `token=${token}` };
  }
  headers.authorization = `${pick(random, ['Bearer', 'bearer'])} ${token}`;
  return { kind: 'control', headers };
}

async function fire(
  port: number,
  target: Target,
  probe: Probe,
): Promise<TestResponse | { status: number }> {
  const headers: Record<string, string> = { ...probe.headers };
  if (target.contentType) headers['content-type'] = target.contentType;
  const separator = target.path.includes('?') ? '&' : '?';
  const path = probe.query
    ? `${target.path}${separator}${probe.query}`
    : target.path;
  if (target.stream) {
    const stream = await openStream(port, path, headers);
    stream.close();
    return { status: stream.status };
  }
  return send(port, {
    method: target.method,
    path,
    headers,
    body: target.body,
  });
}

type Tally = {
  tried: Record<string, number>;
  refused: Record<string, number>;
  mistakes: Record<string, number>;
  controls: number;
  controlsAccepted: number;
  controlWritesSeen: number;
  digestChecks: number;
  failures: string[];
};

async function createIncident(
  serve: ServeProcess,
  port: number,
): Promise<string> {
  const response = await send(port, {
    method: 'POST',
    path: '/api/invoke/incident:create',
    headers: {
      authorization: `Bearer ${serve.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      title: 'Serve campaign',
      severity: 'high',
      category: 'data-security',
    }),
  });
  const result = response.json<{ ok: boolean; value?: { id: string } }>();
  if (!result.ok || !result.value) {
    throw new Error(
      `the control incident was not created: ${response.status} ${response.text}`,
    );
  }
  return result.value.id;
}

async function badRound(
  serve: ServeProcess,
  port: number,
  random: Random,
  incidentId: string,
  round: number,
  tally: Tally,
) {
  const before = databaseDigest(serve.dataDir);
  for (let n = 0; n < PROBES_PER_ROUND; n += 1) {
    const target = pick(random, targets(random, incidentId, round * 1000 + n));
    let probe = badProbe(random, serve.token, port);
    // The event stream is the one place the query carries the token.
    while (target.stream && probe.query === `token=${serve.token}`) {
      probe = badProbe(random, serve.token, port);
    }
    bump(tally.tried, probe.kind);
    const response = await fire(port, target, probe);
    if (response.status === 401 || response.status === 403) {
      bump(tally.refused, probe.kind);
      continue;
    }
    bump(tally.mistakes, probe.kind);
    if (Object.keys(tally.mistakes).length + tally.failures.length < 12) {
      tally.failures.push(
        `${probe.kind} to ${target.name} answered ${response.status}: ` +
          JSON.stringify({ headers: probe.headers, query: probe.query }),
      );
    }
  }
  tally.digestChecks += 1;
  const changed = changedTables(before, databaseDigest(serve.dataDir));
  if (changed.length > 0) {
    tally.failures.push(
      `round ${round}: refused requests changed ${changed.join(', ')}`,
    );
  }
}

async function controlRound(
  serve: ServeProcess,
  port: number,
  random: Random,
  incidentId: string,
  round: number,
  tally: Tally,
) {
  for (const target of targets(random, incidentId, round * 1000 + 999)) {
    if (target.name === 'unknown route') continue;
    const before = databaseDigest(serve.dataDir);
    const probe = controlProbe(random, serve.token, port, target);
    const response = await fire(port, target, probe);
    tally.controls += 1;
    const refused = response.status === 401 || response.status === 403;
    const expectOk =
      target.writes ||
      target.stream ||
      ['incident:list', 'app:info'].includes(target.name);
    const body = 'text' in response ? response.text : '';
    const failed = !target.stream && expectOk && !body.startsWith('{"ok":true');
    if (refused || (expectOk && response.status !== 200) || failed) {
      tally.failures.push(
        `control ${target.name} answered ${response.status} ` +
          `${body.slice(0, 200)}: ${JSON.stringify(probe.headers)}`,
      );
      continue;
    }
    tally.controlsAccepted += 1;
    const changed = changedTables(before, databaseDigest(serve.dataDir));
    if (target.writes && changed.length > 0) {
      tally.controlWritesSeen += 1;
    } else if (target.writes) {
      tally.failures.push(
        `control ${target.name} was accepted but changed nothing`,
      );
    }
  }
}

function figuresOf(tally: Tally): CampaignResult['figures'] {
  const figures: CampaignResult['figures'] = {};
  for (const kind of Object.keys(tally.tried).sort()) {
    figures[`tried: ${kind}`] = tally.tried[kind];
  }
  const total = (counts: Record<string, number>) =>
    Object.values(counts).reduce((a, b) => a + b, 0);
  figures['bad requests tried'] = total(tally.tried);
  figures.refused = total(tally.refused);
  figures['accepted by mistake'] = total(tally.mistakes);
  figures['mistakes by kind'] =
    Object.entries(tally.mistakes)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  figures['database digests unchanged'] = tally.digestChecks;
  figures['control requests'] = tally.controls;
  figures['control accepted'] = tally.controlsAccepted;
  figures['control writes that changed the db'] = tally.controlWritesSeen;
  return figures;
}

async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  if (
    !existsSync('out/main/cli.js') ||
    !existsSync('out/renderer/index.html')
  ) {
    return {
      figures: {},
      failures: [
        'War Room is not built (out/ is missing): run `npm run build` first',
      ],
    };
  }
  const random = seededRandom(options.seed ^ 0x5e7e);
  const budgetMs = options.short
    ? Math.min(options.budgetMs, SHORT_BUDGET_MS)
    : options.budgetMs;
  const deadline = Date.now() + budgetMs * 0.9;
  const tally: Tally = {
    tried: {},
    refused: {},
    mistakes: {},
    controls: 0,
    controlsAccepted: 0,
    controlWritesSeen: 0,
    digestChecks: 0,
    failures: [],
  };
  const serve = await startServe(join(options.workDir, 'data'));
  try {
    const port = Number(new URL(serve.origin).port);
    const incidentId = await createIncident(serve, port);
    for (let round = 0; round < 2 || Date.now() < deadline; round += 1) {
      await badRound(serve, port, random, incidentId, round, tally);
      await controlRound(serve, port, random, incidentId, round, tally);
    }
    options.log(
      `served at ${serve.origin}; token of ${serve.token.length} characters`,
    );
  } finally {
    const code = await serve.stop();
    if (code !== 0)
      tally.failures.push(
        `war-room serve exited with ${code}: ${serve.stderr()}`,
      );
  }
  if (tally.controlsAccepted === 0) {
    tally.failures.push(
      'no control request got through: the refusals prove nothing',
    );
  }
  return { figures: figuresOf(tally), failures: tally.failures };
}

export const campaign: Campaign = {
  name: 'serve',
  promise:
    'serve mode refuses every request without the token or from a foreign ' +
    'host, origin or site, and a refused request changes nothing',
  run: runCampaign,
};
