import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findExample } from '../../../tests/admin-sim/examples';
import { UTC_TIMESTAMP_PATTERN } from '../../shared/timestamps';
import { manualClock } from '../clock';
import { manualTimers } from '../timers';
import { createAdminClient } from './admin-client';
import {
  ADMIN_ERROR_KINDS,
  type AdminClient,
  type AdminResult,
} from './admin-client-types';
import { captureLogger, settle, START_MICROS } from './admin-client-test-kit';
import { ROUTE_CANDIDATES } from './capability-routes';

/**
 * A tiny server that answers whatever the test sets next, and an OpenAPI
 * document listing every route the console knows, so every read is tried.
 */
type Reply = {
  status: number;
  contentType: string | null;
  body: string;
  headers?: Record<string, string>;
};

const TOKEN = 'fuzz-token-3f9a1c7e52b84d06';

const OPENAPI = JSON.stringify({
  openapi: '3.1.0',
  paths: Object.fromEntries(
    ROUTE_CANDIDATES.map((c) => [c.path, { [c.method.toLowerCase()]: {} }]),
  ),
});

let server: Server;
let baseUrl: string;
let replies: Reply[] = [];
let openApi = { path: '/api/v1/openapi.json', body: OPENAPI };
let fallback: Reply = { status: 200, contentType: null, body: '' };

function answer(request: IncomingMessage, response: ServerResponse) {
  if (request.url === openApi.path) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(openApi.body);
    return;
  }
  const reply = replies.shift() ?? fallback;
  const echoed = reply.body.replaceAll(
    '{authorization}',
    request.headers.authorization ?? '',
  );
  const bodiless = reply.status === 204 || reply.status === 304;
  response.writeHead(reply.status, {
    ...(reply.contentType === null
      ? {}
      : { 'content-type': reply.contentType }),
    ...reply.headers,
  });
  response.end(bodiless ? undefined : echoed);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Setup = {
  client: AdminClient;
  timers: ReturnType<typeof manualTimers>;
  logLines: string[];
};

function setup(maxRetries = 0): Setup {
  const clock = manualClock(START_MICROS);
  const timers = manualTimers(clock);
  const logLines: string[] = [];
  const client = createAdminClient({
    baseUrl,
    token: () => TOKEN,
    clock,
    timers,
    logger: captureLogger(logLines),
    pollBudgetPerMinute: 1_000_000,
    maxRetries,
    random: () => 0.5,
    auditPaging: { pageSize: 100, maxPages: 3 },
  });
  return { client, timers, logLines };
}

beforeEach(() => {
  replies = [];
  openApi = { path: '/api/v1/openapi.json', body: OPENAPI };
});

type Call = (client: AdminClient) => Promise<AdminResult<unknown>>;

const CALLS: Record<string, Call> = {
  alerts: (c) => c.alerts(),
  events: (c) => c.events({ limit: 50 }),
  health: (c) => c.health(),
  metrics: (c) => c.metrics(),
  identity: (c) => c.identity(),
  lockouts: (c) => c.lockouts(),
  allowlist: (c) => c.allowlistEntries(),
  sessions: (c) => c.sessions(),
  audit: (c) => c.auditLogs({ start: '2025-01-20', end: '2025-01-21' }),
  request: (c) => c.request('GET', '/api/admin/anything'),
};

/** Every `…At` string in a successful value is stored UTC text. */
function timesOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => timesOf(item, found));
  if (typeof value !== 'object' || value === null) return found;
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith('At') && typeof item === 'string') found.push(item);
    else if (key !== 'details' && key !== 'body') timesOf(item, found);
  }
  return found;
}

function expectTyped(result: AdminResult<unknown>, logLines: string[]) {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    for (const time of timesOf(result.value)) {
      expect(time).toMatch(UTC_TIMESTAMP_PATTERN);
    }
  } else {
    expect(ADMIN_ERROR_KINDS).toContain(result.error.kind);
    expect(result.error.message).toMatch(/^[A-Z]+ \/\S*: \S/);
    const controls = [...result.error.message].filter((c) => c < ' ');
    expect(controls).toEqual([]);
  }
  expect(JSON.stringify(result)).not.toContain(TOKEN);
  expect(logLines.join('\n')).not.toContain(TOKEN);
}

const EXAMPLE_BODIES: unknown[] = [
  findExample('events.json', 'recent-mixed-events').response.body,
  findExample('alerts.json', 'all-alert-types').response.body,
  findExample('health.json', 'reference-behaviour-degraded').response.body,
  findExample('metrics.json', 'quiet-day').response.body,
  findExample('sessions.json', 'active-sessions').response.body,
  findExample('emergency-lockouts.json', 'list-active').response.body,
  findExample('ip-allowlist-list.json', 'global-entries').response.body,
  findExample('audit-logs.json', 'incident-window').response.body,
  findExample('audit-logs-super-admin.json', 'latest').response.body,
  findExample('whoami.json', 'probe-super-admin').response.body,
];

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, index) => index)
    : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) =>
      pathsOf((value as Record<string | number, unknown>)[key], [
        ...prefix,
        key,
      ]),
    ),
  ];
}

const REMOVE = Symbol('remove');

function replaced(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    at = at[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (next === REMOVE) delete at[last];
  else at[last] = next;
  return copy;
}

/** `base` with one value changed or removed, as JSON text. */
function mutation(base: unknown): fc.Arbitrary<string> {
  return fc
    .record({
      pick: fc.nat(),
      next: fc.oneof(fc.jsonValue(), fc.constant(REMOVE)),
    })
    .map(({ pick, next }) => {
      const paths = pathsOf(base);
      const path = paths[pick % paths.length];
      return JSON.stringify(replaced(base, path, next)) ?? 'null';
    });
}

/** A real example body with one value changed or removed. */
const mutatedExample = fc
  .constantFrom(...EXAMPLE_BODIES)
  .chain((base) => mutation(base));

const printable = fc
  .string({ maxLength: 40 })
  .filter((text) => /^[\x20-\x7e]*$/.test(text));

const reply: fc.Arbitrary<Reply> = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 204, 301, 307, 400, 401, 403, 404, 405, 422),
    fc.constantFrom(429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/problem+json',
    'text/plain; charset=utf-8',
    'text/html',
    'application/octet-stream',
    null,
  ),
  body: fc.oneof(
    mutatedExample,
    mutatedExample,
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue().map((v) => (JSON.stringify(v) ?? '').slice(0, 7)),
  ),
  headers: fc.record(
    {
      'retry-after': fc.oneof(
        fc.nat().map(String),
        fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        printable,
      ),
      location: fc.constantFrom('/elsewhere', 'http://evil.example/x', ''),
    },
    { requiredKeys: [] },
  ),
});

describe('whatever the server answers', () => {
  it('every call resolves, ok or with a typed error, never with the token', async () => {
    const outcomes = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(
        reply,
        fc.constantFrom(...Object.keys(CALLS)),
        async (next, call) => {
          // A fresh client each time: one long Retry-After would otherwise
          // hold every later poll.
          const { client, timers, logLines } = setup();
          expect((await client.discover()).ok).toBe(true);
          fallback = next;
          const result = await settle(timers, CALLS[call](client));
          expectTyped(result, logLines);
          const outcome = result.ok ? 'ok' : result.error.kind;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
      ),
      { numRuns: 400 },
    );

    const tried = [...outcomes.values()].reduce((a, b) => a + b, 0);
    expect(tried).toBe(400);
    for (const kind of ['ok', 'bad-response', 'server-error', 'validation']) {
      expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('reads a changed events body as valid or names what is wrong', async () => {
    const { client, timers } = setup(2);
    await client.discover();
    const outcomes = { accepted: 0, refused: 0 };
    const events = findExample('events.json', 'recent-mixed-events');
    await fc.assert(
      fc.asyncProperty(mutation(events.response.body), async (body) => {
        fallback = { status: 200, contentType: 'application/json', body };
        const result = await settle(timers, client.events({ limit: 10 }));
        if (result.ok) {
          outcomes.accepted += 1;
        } else {
          expect(result.error.kind, result.error.message).toBe('bad-response');
          expect(result.error.message).toMatch(
            /^GET \/api\/admin\/security\/events: (\(body\)|\[\d+\]|events)/,
          );
          outcomes.refused += 1;
        }
      }),
      { numRuns: 150 },
    );
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('a server that repeats the token back', () => {
  it('finds it scrubbed from errors, bodies and log lines', async () => {
    const { client, logLines } = setup();
    replies = [
      { status: 403, contentType: 'text/plain', body: 'no: {authorization}' },
      {
        status: 200,
        contentType: 'application/json',
        body: '{"detail":"{authorization}"}',
      },
    ];
    const refused = await client.request('GET', '/api/admin/x');
    const echoed = await client.request('GET', '/api/admin/x');

    expect(refused).toMatchObject({
      ok: false,
      error: { serverMessage: 'no: Bearer [token]' },
    });
    expect(echoed).toMatchObject({
      ok: true,
      value: { body: { detail: 'Bearer [token]' } },
    });
    expect(JSON.stringify([refused, echoed, logLines])).not.toContain(TOKEN);
  });
});

describe('answers the simulator does not give', () => {
  it('waits a Retry-After given as an HTTP date', async () => {
    const { client, timers } = setup(1);
    const inNine = new Date(START_MICROS / 1000 + 9_000).toUTCString();
    replies = [
      {
        status: 429,
        contentType: 'text/plain',
        body: 'slow down',
        headers: { 'retry-after': inNine },
      },
      { status: 200, contentType: 'application/json', body: '{"ok":1}' },
    ];
    const result = await settle(timers, client.request('GET', '/api/admin/x'));
    expect(result.ok).toBe(true);
    expect(timers.requested()).toEqual([9_000]);
  });

  it('reads a FastAPI-style 422 detail array into fields', async () => {
    const { client } = setup();
    const detail = [
      { loc: ['query', 'limit'], msg: 'too big', type: 'less_than_equal' },
    ];
    replies = [
      {
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ detail }),
      },
    ];
    const result = await client.request('GET', '/api/admin/x');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { 'query.limit': 'too big' } },
    });
  });

  it('follows a same-origin redirect of a read once, never off the server', async () => {
    const { client } = setup();
    replies = [
      {
        status: 307,
        contentType: null,
        body: '',
        headers: { location: '/api/admin/audit/logs/' },
      },
      { status: 200, contentType: 'application/json', body: '[]' },
      {
        status: 307,
        contentType: null,
        body: '',
        headers: { location: 'http://evil.example/steal' },
      },
    ];
    const followed = await client.request('GET', '/api/admin/audit/logs');
    const refused = await client.request('GET', '/api/admin/audit/logs');
    expect(followed).toMatchObject({ ok: true, value: { body: [] } });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'bad-response', status: 307 },
    });
  });

  it("reads FastAPI's default /openapi.json, with shared and $ref parameters", async () => {
    const lockdown = '/api/admin/security/emergency-lockdown';
    openApi = {
      path: '/openapi.json',
      body: JSON.stringify({
        openapi: '3.1.0',
        paths: {
          [lockdown]: {
            parameters: [{ $ref: '#/components/parameters/Limit' }],
            post: {
              parameters: [{ $ref: '#/components/parameters/Reason' }],
            },
          },
          '/api/admin/ip-allowlist/entries/{id}': { delete: {} },
        },
        components: {
          parameters: {
            Reason: { name: 'reason', in: 'query' },
            Limit: { name: 'limit', in: 'query' },
          },
        },
      }),
    };
    const { client } = setup();
    const result = await client.discover();

    expect(result.ok).toBe(true);
    expect(client.route('emergency-lockdown')).toMatchObject({
      input: 'query',
      foundBy: 'openapi',
    });
    expect(client.route('allowlist-remove')?.path).toBe(
      '/api/admin/ip-allowlist/entries/{entry_id}',
    );
    expect(client.has('alerts')).toBe(false);
  });

  it('is offline when the host name does not resolve', async () => {
    const clock = manualClock(START_MICROS);
    const client = createAdminClient({
      baseUrl: 'http://admin.war-room-test.invalid',
      token: () => TOKEN,
      clock,
      timers: manualTimers(clock),
      logger: captureLogger([]),
    });
    const result = await client.request('GET', '/api/admin/super-admin-only');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'offline', mayHaveTakenEffect: false },
    });
    if (!result.ok) {
      expect(result.error.message).toContain('could not be resolved (DNS)');
    }
  });
});
