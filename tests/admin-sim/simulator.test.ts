import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EXAMPLE_FILES,
  findExample,
  loadExampleFile,
  type ExampleFile,
} from './examples';
import { generateAuditLogs, generateSecurityEvents } from './generate';
import { IDENTITIES } from './identities';
import { createRouteTable } from './routes';
import type { SimProfile } from './route-types';
import {
  startAdminSimulator,
  type AdminSimulator,
  type SimulatorOptions,
} from './simulator';
import { GENERATED_BEFORE } from './state';
import {
  call,
  expectedOf,
  observedOf,
  rawRequest,
  sendExample,
} from './test-client';

const LEAD_TOKEN = 'lead-token';
const SELLER_ADMIN_TOKEN = 'seller-admin-token';
const SELLER_TOKEN = 'seller-token';

const EXTRA_TOKENS = [
  { token: LEAD_TOKEN, identity: IDENTITIES.engineeringLead },
  { token: SELLER_ADMIN_TOKEN, identity: IDENTITIES.sellerAdmin },
  { token: SELLER_TOKEN, identity: IDENTITIES.seller },
];

const running: AdminSimulator[] = [];

async function start(options: SimulatorOptions = {}) {
  const sim = await startAdminSimulator({
    extraTokens: EXTRA_TOKENS,
    clock: { frozen: true },
    ...options,
  });
  running.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

const designed = () => start({ preset: 'designed' });

/** The rejection's message: the socket error code from rawRequest. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the request did not fail');
}

type Case = { file: ExampleFile; name: string; token?: string };

async function expectExample(sim: AdminSimulator, test: Case) {
  const example = findExample(test.file, test.name);
  const reply = await sendExample(sim, example, test.token);
  expect(observedOf(reply, example), `${test.file} ${test.name}`).toEqual(
    expectedOf(example),
  );
}

describe('the examples, answered from the seeded state', () => {
  it('reference answers the events, audit, session and identity examples', async () => {
    const sim = await designed();
    const cases: Case[] = [
      { file: 'events.json', name: 'recent-mixed-events' },
      { file: 'events.json', name: 'severity-high-only' },
      { file: 'events.json', name: 'nothing-matches' },
      { file: 'events.json', name: 'limit-out-of-range' },
      { file: 'events.json', name: 'bad-severity' },
      { file: 'audit-logs-super-admin.json', name: 'action-substring' },
      { file: 'audit-logs-super-admin.json', name: 'past-the-end' },
      { file: 'sessions.json', name: 'active-sessions' },
      { file: 'ip-allowlist-list.json', name: 'global-entries' },
      { file: 'emergency-lockouts.json', name: 'list-none' },
      { file: 'emergency-lockouts.json', name: 'create-reason-too-short' },
      { file: 'emergency-lockouts.json', name: 'lift-unknown' },
      { file: 'whoami.json', name: 'probe-super-admin' },
      { file: 'whoami.json', name: 'logout' },
      {
        file: 'whoami.json',
        name: 'me-seller-admin',
        token: SELLER_ADMIN_TOKEN,
      },
      { file: 'alerts.json', name: 'not-super-admin', token: LEAD_TOKEN },
      { file: 'health.json', name: 'not-super-admin', token: LEAD_TOKEN },
      {
        file: 'lockdown-response.json',
        name: 'not-super-admin',
        token: LEAD_TOKEN,
      },
      { file: 'lockdown-response.json', name: 'reason-sent-as-json-body' },
      { file: 'ip-allowlist-response.json', name: 'host-bits-set' },
      { file: 'ip-allowlist-response.json', name: 'no-scope' },
      {
        file: 'ip-allowlist-response.json',
        name: 'not-super-admin',
        token: LEAD_TOKEN,
      },
      { file: 'ip-allowlist-list.json', name: 'delete-entry' },
      { file: 'ip-allowlist-list.json', name: 'delete-again' },
      { file: 'lockdown-response.json', name: 'activated' },
    ];
    for (const test of cases) await expectExample(sim, test);
  });

  it('reference answers the audit examples at …/logs/ after the 307', async () => {
    const sim = await designed();
    const names = [
      'incident-window',
      'filter-by-action',
      'second-page',
      'empty-window',
    ];
    for (const name of names) {
      await expectExample(sim, { file: 'audit-logs.json', name });
    }
    const redirected = sim.requests
      .all()
      .filter((r) => r.path === '/api/admin/audit/logs');
    expect(redirected.map((r) => r.status)).toEqual([307, 307, 307, 307]);
  });

  it('reference lists the latest super-admin audit rows the example shows first', async () => {
    const sim = await designed();
    const example = findExample('audit-logs-super-admin.json', 'latest');
    const reply = await sendExample(sim, example);
    const logs = (reply.json as { logs: unknown[] }).logs;
    const shown = (example.response.body as { logs: unknown[] }).logs;
    expect(logs.slice(0, shown.length)).toEqual(shown);
  });

  it('reference upserts the responder VPN entry the examples name', async () => {
    const sim = await designed();
    for (const name of [
      'allow-responder-vpn-global',
      'same-entry-posted-again',
    ]) {
      const example = findExample('ip-allowlist-response.json', name);
      const reply = await sendExample(sim, example);
      const { updated_at: _, ...rest } = example.response.body as Record<
        string,
        unknown
      >;
      expect(reply.status).toBe(201);
      expect(reply.json).toMatchObject(rest);
    }
    const kinds = sim.control.effects().map((e) => e.kind);
    expect(kinds).toEqual([
      'allowlist.entry-updated',
      'allowlist.entry-updated',
    ]);
  });

  it('reference answers the middleware errors of errors-common.json', async () => {
    const sim = await start({ routes: { 'security.alerts': 'absent' } });
    await expectExample(sim, {
      file: 'errors-common.json',
      name: 'route-not-mounted',
    });
    await expectExample(sim, {
      file: 'errors-common.json',
      name: 'unhandled-exception',
    });
    await expectExample(sim, {
      file: 'errors-common.json',
      name: 'admin-role-missing-on-admin-path',
      token: SELLER_TOKEN,
    });
    await expectExample(sim, {
      file: 'errors-common.json',
      name: 'token-rejected',
      token: 'not-a-token',
    });
    const missing = await call(sim, '/api/admin/super-admin-only', {
      token: null,
    });
    expect([missing.status, missing.text]).toEqual([
      401,
      'Authentication required',
    ]);
    const host = await rawRequest(sim, '/api/admin/super-admin-only', {
      headers: { host: 'admin.example.com' },
    });
    expect([host.status, host.body]).toEqual([
      403,
      'Access denied for this domain',
    ]);
    const forwarded = await call(sim, '/api/admin/super-admin-only', {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect([forwarded.status, forwarded.text]).toEqual([
      403,
      'Access denied from this IP address',
    ]);
  });

  it('reference rejects a peer outside the global allowlist and rate-limits it', async () => {
    const refusedFirst = await start({ peerAddress: '203.0.113.45' });
    const byIpSetting = await call(refusedFirst, '/api/admin/super-admin-only');
    expect(byIpSetting.text).toBe('Access denied from this IP address');
    const outside = await start({
      peerAddress: '203.0.113.45',
      gates: { adminAllowedIps: null },
    });
    await expectExample(outside, {
      file: 'errors-common.json',
      name: 'peer-not-in-db-allowlist',
    });
    const allowed = await start({
      peerAddress: '198.51.100.10',
      gates: {
        adminAllowedIps: null,
        rateLimit: { limit: 2, windowSeconds: 60 },
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (await call(allowed, '/api/admin/super-admin-only')).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await call(allowed, '/api/admin/super-admin-only');
    expect([limited.text, limited.headers.get('retry-after')]).toEqual([
      'Rate limit exceeded',
      '60',
    ]);
    allowed.control.advanceTime(61_000);
    expect((await call(allowed, '/api/admin/super-admin-only')).status).toBe(
      200,
    );
  });

  it('plan answers the body-based lockdown and the plan paths', async () => {
    const sim = await start({ profile: 'plan' });
    const lockdown = await call(sim, '/api/admin/security/emergency-lockdown', {
      method: 'POST',
      body: { reason: 'Security incident detected' },
    });
    expect(lockdown.status).toBe(200);
    expect(lockdown.json).toEqual({
      message: 'Emergency lockdown activated successfully',
      affected_accounts: 7,
      affected_sessions: 2,
      lockdown_expires: '2025-01-21T10:40:00Z',
    });
    await expectExample(sim, { file: 'sessions.json', name: 'after-lockdown' });
    await expectExample(sim, {
      file: 'events.json',
      name: 'recent-mixed-events',
    });
    const audit = findExample('audit-logs.json', 'incident-window');
    const rows = (await sendExample(sim, audit)).json as { action: string }[];
    expect(rows[1]).toMatchObject({ action: 'emergency_lockdown' });
    expect(rows.filter((_, i) => i !== 1)).toEqual(audit.response.body);
    const block = await call(sim, '/api/admin/security/ip-allowlist', {
      method: 'POST',
      body: {
        ip_range: '192.168.1.100',
        reason: 'Suspicious activity',
        is_global: true,
      },
    });
    expect(block.status).toBe(201);
    expect(block.json).toMatchObject({
      ip_range: '192.168.1.100/32',
      description: 'Suspicious activity',
      is_global: true,
      is_active: true,
    });
  });

  it.each<SimProfile>(['reference', 'plan'])(
    '%s serves every example of its routes verbatim when asked to',
    async (profile) => {
      const sim = await start({ profile });
      const table = createRouteTable(profile);
      const all = new Map(
        table.routes.map(({ spec }) => [spec.id, 'designed' as const]),
      );
      let served = 0;
      for (const file of EXAMPLE_FILES) {
        for (const example of loadExampleFile(file).examples) {
          const { method, path } = example.request;
          if (table.resolve(method, path, '', all).kind !== 'route') continue;
          sim.control.serveExample({ file, name: example.name, times: 1 });
          const reply = await sendExample(sim, example);
          expect(observedOf(reply, example), `${file} ${example.name}`).toEqual(
            expectedOf(example),
          );
          served += 1;
        }
      }
      expect(served).toBeGreaterThanOrEqual(profile === 'plan' ? 30 : 50);
      expect(sim.control.faults()).toEqual([]);
    },
  );
});

describe('bearer token', () => {
  it('reference refuses a missing or unknown token in plain text', async () => {
    const sim = await start();
    const missing = await call(sim, '/api/admin/me', { token: null });
    const wrong = await call(sim, '/api/admin/me', { token: 'nope' });
    expect([missing.status, missing.contentType, missing.text]).toEqual([
      401,
      'text/plain; charset=utf-8',
      'Authentication required',
    ]);
    expect([wrong.status, wrong.text]).toEqual([
      401,
      'Invalid authentication token',
    ]);
    expect(missing.headers.get('x-content-type-options')).toBeNull();
    const health = await call(sim, '/health', { token: null });
    expect([health.status, health.json]).toEqual([200, { status: 'ok' }]);
  });

  it('plan refuses them with HTTPBearer JSON and a challenge', async () => {
    const sim = await start({ profile: 'plan', token: 'plan-secret' });
    const missing = await call(sim, '/api/admin/security/alerts', {
      token: null,
    });
    const wrong = await call(sim, '/api/admin/security/alerts', {
      token: 'nope',
    });
    expect([missing.status, missing.json]).toEqual([
      401,
      { detail: 'Not authenticated' },
    ]);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect([wrong.status, wrong.json]).toEqual([
      401,
      { detail: 'Invalid authentication credentials' },
    ]);
    const right = await call(sim, '/api/admin/security/alerts');
    expect(right.status).toBe(200);
    expect(sim.token).toBe('plan-secret');
  });
});

describe('route modes', () => {
  it('reference defaults follow the contract tags', async () => {
    const sim = await start();
    const modes = Object.fromEntries(
      sim.control.routes().map((r) => [r.id, r.mode]),
    );
    expect(modes['identity.super-admin-only']).toBe('designed');
    expect(modes['allowlist.entries.create']).toBe('broken');
    expect(modes['security.alerts']).toBe('absent');
    expect(modes['sessions.list']).toBe('absent');
    const alerts = await call(sim, '/api/admin/security/alerts');
    expect([alerts.status, alerts.json]).toEqual([
      404,
      { detail: 'Not Found' },
    ]);
    const me = await call(sim, '/api/admin/me');
    expect(me.status).toBe(500);
    expect((me.json as { detail: string }).detail).toMatch(
      /^Failed to get admin info: /,
    );
  });

  it('switches a route between absent, designed and broken at run time', async () => {
    const sim = await start();
    sim.control.setRoute('security.events', 'designed');
    expect((await call(sim, '/api/admin/security/events')).status).toBe(200);
    const wrongMethod = await call(sim, '/api/admin/security/events', {
      method: 'DELETE',
    });
    expect([wrongMethod.status, wrongMethod.json]).toEqual([
      405,
      { detail: 'Method Not Allowed' },
    ]);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    sim.control.setRoute('security.events', 'broken');
    const broken = await call(sim, '/api/admin/security/events');
    expect([broken.status, broken.text]).toEqual([
      500,
      'Internal Server Error',
    ]);
    sim.control.setRoute('security.health', 'broken');
    const health = await call(sim, '/api/admin/security/health');
    expect((health.json as { overall_status: string }).overall_status).toBe(
      'degraded',
    );
    sim.control.setRoute('security.events', 'absent');
    expect((await call(sim, '/api/admin/security/events')).status).toBe(404);
    expect(() => sim.control.setRoute('nope' as never, 'designed')).toThrow(
      'no route "nope" in the reference profile',
    );
  });

  it('publishes an OpenAPI document listing exactly the present routes', async () => {
    const sim = await start();
    const listed = async () => {
      const doc = (await call(sim, '/api/v1/openapi.json', { token: null }))
        .json as {
        paths: Record<string, Record<string, unknown>>;
      };
      return Object.entries(doc.paths)
        .flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
        )
        .sort();
    };
    const present = () =>
      sim.control
        .routes()
        .filter((r) => r.mode !== 'absent')
        .map((r) => `${r.method} ${r.path}`)
        .sort();
    expect(await listed()).toEqual(present());
    sim.control.setRoute('security.alerts', 'designed');
    expect(await listed()).toContain('GET /api/admin/security/alerts');
    expect(await listed()).toEqual(present());
    sim.control.setOpenApi(false);
    expect((await call(sim, '/api/v1/openapi.json')).status).toBe(404);
    const plan = await start({ profile: 'plan' });
    expect((await call(plan, '/api/v1/openapi.json')).status).toBe(404);
  });

  it('refuses unknown routes in the options, naming them', async () => {
    await expect(
      startAdminSimulator({
        profile: 'plan',
        routes: { 'identity.me': 'designed' },
      }),
    ).rejects.toThrow('no route "identity.me" in the plan profile');
    await expect(startAdminSimulator({ port: 70_000 })).rejects.toThrow(
      'port must be an integer 0-65535',
    );
  });
});

const LOCKDOWN =
  '/api/admin/security/emergency-lockdown?reason=Credential%20stuffing';

describe('faults', () => {
  it('delays a request by the latency given', async () => {
    const sim = await designed();
    sim.control.inject({ kind: 'latency', ms: 150, times: 1 });
    const before = performance.now();
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(200);
    expect(performance.now() - before).toBeGreaterThanOrEqual(140);
    expect(sim.control.faults()).toEqual([]);
  });

  it('resets the connection before the request is processed', async () => {
    const sim = await designed();
    sim.control.inject({
      kind: 'reset-before',
      route: 'security.emergency-lockdown',
    });
    expect(await failure(rawRequest(sim, LOCKDOWN, { method: 'POST' }))).toBe(
      'ECONNRESET',
    );
    expect(sim.control.effectCount()).toBe(0);
    expect(sim.requests.all()[0]).toMatchObject({
      status: null,
      fault: 'reset-before',
    });
  });

  it('resets the connection after the state changed', async () => {
    const sim = await designed();
    sim.control.inject({ kind: 'reset-after', times: 1 });
    expect(await failure(rawRequest(sim, LOCKDOWN, { method: 'POST' }))).toBe(
      'ECONNRESET',
    );
    expect(sim.control.effectCount('lockdown.activated')).toBe(1);
    expect(sim.control.snapshot().sessions).toHaveLength(1);
  });

  it('answers 429 with Retry-After', async () => {
    const sim = await designed();
    sim.control.inject({
      kind: 'rate-limited',
      retryAfterSeconds: 7,
      times: 1,
    });
    const limited = await call(sim, '/api/admin/security/alerts');
    expect([
      limited.status,
      limited.text,
      limited.headers.get('retry-after'),
    ]).toEqual([429, 'Rate limit exceeded', '7']);
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(200);
  });

  it('fails a seeded share of requests, the same way for the same seed', async () => {
    const statuses = async (seed: number) => {
      const sim = await start({ seed, preset: 'designed' });
      sim.control.inject({ kind: 'error-rate', rate: 0.5 });
      const seen: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        seen.push((await call(sim, '/api/admin/super-admin-only')).status);
      }
      return seen;
    };
    const first = await statuses(11);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await statuses(11)).toEqual(first);
    const sim = await designed();
    sim.control.inject({ kind: 'error-rate', rate: 1, status: 503, times: 1 });
    const gateway = await call(sim, '/api/admin/super-admin-only');
    expect([gateway.status, gateway.contentType]).toEqual([
      503,
      'text/html; charset=utf-8',
    ]);
  });

  it('sends malformed JSON and truncated bodies', async () => {
    const sim = await designed();
    sim.control.inject({
      kind: 'malformed-json',
      route: 'sessions.list',
      times: 1,
    });
    const malformed = await call(sim, '/api/admin/security/sessions');
    expect([malformed.status, malformed.contentType]).toEqual([
      200,
      'application/json',
    ]);
    expect(() => JSON.parse(malformed.text)).toThrow();
    sim.control.inject({
      kind: 'truncated-body',
      route: 'sessions.list',
      times: 1,
    });
    expect(
      await failure(rawRequest(sim, '/api/admin/security/sessions')),
    ).toMatch(/ABORTED|ECONNRESET/);
    const whole = await call(sim, '/api/admin/security/sessions');
    expect(whole.json).toHaveLength(3);
  });

  it('sends wrong types', async () => {
    const sim = await designed();
    sim.control.inject({ kind: 'wrong-types', variant: 'strings', times: 1 });
    const strings = (await call(sim, '/api/admin/security/metrics')).json;
    expect(strings).toMatchObject({
      active_sessions: '3',
      enabled_2fa_users: '6',
    });
    sim.control.inject({ kind: 'wrong-types', variant: 'nulls', times: 1 });
    const nulls = (await call(sim, '/api/admin/security/metrics'))
      .json as object;
    expect(new Set(Object.values(nulls))).toEqual(new Set([null]));
  });

  it('rewrites timestamps in each style, per route or rotating per response', async () => {
    const sim = await designed();
    const first = async () =>
      (
        (await call(sim, '/api/admin/security/events?limit=1')).json as {
          timestamp: string;
        }[]
      )[0].timestamp;
    expect(await first()).toBe('2025-01-20T10:33:58.412907');
    sim.control.inject({
      kind: 'timestamp-style',
      style: 'rotate',
      route: 'security.events',
    });
    const styles = [await first(), await first(), await first(), await first()];
    expect(styles).toEqual([
      '2025-01-20T10:33:58.412907Z',
      '2025-01-20T10:33:58.412907+00:00',
      '2025-01-20T10:33:58.412907',
      '2025-01-20 10:33:58.412907+00:00',
    ]);
    const other = await call(sim, '/api/admin/security/sessions');
    expect((other.json as { created_at: string }[])[0].created_at).toMatch(
      /Z$/,
    );
  });

  it('aims a fault at one route and counts its firings', async () => {
    const sim = await designed();
    const id = sim.control.inject({
      kind: 'rate-limited',
      route: 'security.alerts',
      times: 2,
    });
    expect((await call(sim, '/api/admin/security/health')).status).toBe(200);
    expect(sim.control.faults()).toMatchObject([{ id, fired: 0 }]);
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(429);
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(429);
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(200);
    expect(() =>
      sim.control.inject({ kind: 'latency', ms: -1 } as never),
    ).toThrow('invalid fault: ms');
  });

  it('goes down (connections refused) and comes back on the same port', async () => {
    const sim = await designed();
    await sim.control.down();
    expect(sim.control.isDown()).toBe(true);
    expect(await failure(rawRequest(sim, '/health'))).toBe('ECONNREFUSED');
    await sim.control.up();
    expect((await rawRequest(sim, '/health')).status).toBe(200);
    await sim.control.down({ forMs: 50 });
    expect(await failure(rawRequest(sim, '/health'))).toBe('ECONNREFUSED');
    await expect.poll(() => sim.control.isDown(), { interval: 20 }).toBe(false);
    expect((await rawRequest(sim, '/health')).status).toBe(200);
  });
});

describe('generated volume', () => {
  const volume = {
    seed: 5,
    events: 60_000,
    failedLogins: 40_000,
    end: GENERATED_BEFORE,
    spanHours: 720,
  };

  it('builds the same 100,000 events from the same seed, and others from another', () => {
    const one = generateSecurityEvents(volume);
    const two = generateSecurityEvents(volume);
    const other = generateSecurityEvents({ ...volume, seed: 6 });
    expect(one.length).toBe(100_000);
    for (const index of [0, 1, 50_000, 99_999]) {
      expect(two.row(index)).toEqual(one.row(index));
    }
    expect(other.row(99_999)).not.toEqual(one.row(99_999));
    let logins = 0;
    let outOfOrder = 0;
    let previous = -Infinity;
    for (let index = 0; index < one.length; index += 1) {
      const summary = one.summary(index);
      if (summary.failure_reason !== null) logins += 1;
      if (summary.at <= previous || summary.at >= GENERATED_BEFORE) {
        outOfOrder += 1;
      }
      previous = summary.at;
    }
    expect([logins, outOfOrder]).toEqual([40_000, 0]);
    const audit = generateAuditLogs({
      seed: 5,
      count: 100_000,
      end: GENERATED_BEFORE,
      spanHours: 720,
    });
    expect(audit.row(12_345)).toEqual(audit.row(12_345));
    expect(audit.row(12_345).id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answers the same events over HTTP for the same seed, at most 200 newest', async () => {
    const options = {
      preset: 'designed' as const,
      seed: 3,
      volume: { events: 5_000, failedLogins: 2_000 },
    };
    const first = await start(options);
    const second = await start(options);
    const page = '/api/admin/security/events?limit=200';
    const rows = (await call(first, page)).json as {
      timestamp: string;
      id: string;
    }[];
    expect((await call(second, page)).json).toEqual(rows);
    expect(rows).toHaveLength(200);
    const times = rows.map((row) => row.timestamp);
    expect([...times].sort().reverse()).toEqual(times);
    expect(rows[0].id).toBe('ba204923-2547-44b5-acb9-b81ee334a9d6');
    const ignoredOffset = await call(first, `${page}&offset=200&cursor=x`);
    expect(ignoredOffset.json).toEqual(rows);
    expect(
      (await call(first, '/api/admin/security/events?limit=201')).status,
    ).toBe(422);
    expect((await call(first, '/api/admin/security/events')).json).toHaveLength(
      50,
    );
    const logins = (await call(first, `${page}&event_type=failed_login`))
      .json as {
      event_type: string;
    }[];
    expect(logins).toHaveLength(200);
    expect(new Set(logins.map((row) => row.event_type))).toEqual(
      new Set(['failed_login_attempt']),
    );
  });

  it('keeps every generated row older than the seeded incident morning', async () => {
    const sim = await start({
      preset: 'designed',
      volume: { auditLogs: 3_000 },
    });
    expect(sim.control.snapshot().auditCount).toBe(3_008);
    const window = await call(
      sim,
      '/api/admin/audit/logs/?start_date=2025-01-20T09:00:00&limit=1000',
    );
    expect(window.json).toHaveLength(7);
  });
});

describe('recording', () => {
  it('records what was sent, never the token, and no write for a read-only probe', async () => {
    const sim = await designed();
    await call(sim, '/api/admin/security/alerts');
    await call(sim, '/api/admin/security/events?limit=5&limit=7');
    await call(sim, '/api/admin/super-admin-only', { token: 'wrong' });
    expect(sim.requests.writes()).toEqual([]);
    await call(sim, '/api/admin/ip-allowlist/entries', {
      method: 'POST',
      body: { ip_range: '192.0.2.64/28', is_global: true },
      headers: { 'idempotency-key': 'k-1' },
    });
    const [write] = sim.requests.writes();
    expect(write).toMatchObject({
      method: 'POST',
      path: '/api/admin/ip-allowlist/entries',
      route: 'allowlist.entries.create',
      bodyJson: { ip_range: '192.0.2.64/28', is_global: true },
      status: 201,
    });
    expect(write.headers.authorization).toBe('[redacted]');
    expect(write.headers['idempotency-key']).toBe('k-1');
    const digest = createHash('sha256')
      .update(sim.token)
      .digest('hex')
      .slice(0, 16);
    expect(write.authorization).toEqual({
      present: true,
      bearer: true,
      matchesToken: true,
      knownToken: true,
      tokenSha256: digest,
    });
    const all = sim.requests.all();
    expect(all[1].query).toEqual({ limit: '7' });
    expect(all[2].authorization.matchesToken).toBe(false);
    expect(JSON.stringify(all)).not.toContain(sim.token);
    expect(sim.requests.forRoute('security.alerts')).toHaveLength(1);
  });
});

describe('effects and idempotency', () => {
  const lockdown = (
    sim: AdminSimulator,
    key: string,
    reason = 'Credential stuffing',
  ) =>
    call(
      sim,
      `/api/admin/security/emergency-lockdown?reason=${encodeURIComponent(reason)}`,
      {
        method: 'POST',
        headers: { 'idempotency-key': key },
      },
    );

  it('ignores Idempotency-Key by default, so a repeat acts twice', async () => {
    const sim = await designed();
    await lockdown(sim, 'same');
    await lockdown(sim, 'same');
    const effects = sim.control.effects();
    expect(effects.map((e) => [e.kind, e.idempotencyKey])).toEqual([
      ['lockdown.activated', 'same'],
      ['lockdown.activated', 'same'],
    ]);
    expect(effects[0].details).toMatchObject({
      lockedAccounts: 7,
      revokedSessions: 2,
    });
    const alerts = (await call(sim, '/api/admin/security/alerts')).json as {
      id: string;
      message: string;
    }[];
    expect(alerts.find((a) => a.id === 'active_lockouts')?.message).toBe(
      '7 admin accounts are currently locked',
    );
  });

  it('honours it when switched on: one effect, the first answer replayed', async () => {
    const sim = await start({ preset: 'designed', idempotency: 'honour' });
    const first = await lockdown(sim, 'k-1');
    const again = await lockdown(sim, 'k-1');
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(sim.control.effectCount('lockdown.activated')).toBe(1);
    expect((await lockdown(sim, 'k-1', 'another reason')).status).toBe(422);
    await lockdown(sim, 'k-2');
    expect(sim.control.effectCount()).toBe(2);
  });

  it('replays the answer a reset connection lost, without acting again', async () => {
    const sim = await start({ preset: 'designed', idempotency: 'honour' });
    sim.control.inject({ kind: 'reset-after', times: 1 });
    const lost = rawRequest(sim, LOCKDOWN, {
      method: 'POST',
      headers: { 'idempotency-key': 'k' },
    });
    expect(await failure(lost)).toBe('ECONNRESET');
    const retry = await rawRequest(sim, LOCKDOWN, {
      method: 'POST',
      headers: { 'idempotency-key': 'k' },
    });
    expect(retry.status).toBe(200);
    expect(sim.control.effectCount()).toBe(1);
  });

  it('counts a lockout created twice as two, and a lift as one more', async () => {
    const sim = await designed();
    const body = {
      reason: 'Credential stuffing against admin portal',
      message: 'The admin console is temporarily locked while we investigate.',
      duration_hours: 6,
    };
    const path = '/api/admin/super-admin/security/emergency/lockout';
    const created = await call(sim, path, { method: 'POST', body });
    await call(sim, path, { method: 'POST', body });
    const list = (await call(sim, `${path}s`)).json as { lockouts: unknown[] };
    expect(list.lockouts).toHaveLength(2);
    const id = (created.json as { id: string; expires_at: string }).id;
    expect((created.json as { expires_at: string }).expires_at).toBe(
      '2025-01-20T16:40:00',
    );
    expect(
      (await call(sim, `${path}/${id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(sim.control.effects().map((e) => e.kind)).toEqual([
      'lockout.created',
      'lockout.created',
      'lockout.deactivated',
    ]);
    sim.control.reset();
    expect(sim.control.effects()).toEqual([]);
    expect(sim.requests.all()).toEqual([]);
  });
});

describe('the /__sim/ control routes', () => {
  it('drive routes, faults and outages over HTTP without a token', async () => {
    const sim = await start({ controlRoutes: true });
    const control = (path: string, method = 'GET', body?: unknown) =>
      call(sim, `/__sim/${path}`, { method, body, token: null });
    expect((await control('')).json).toMatchObject({
      profile: 'reference',
      down: false,
    });
    const route = await control('routes/security.alerts', 'PUT', {
      mode: 'designed',
    });
    expect(route.json).toMatchObject({
      id: 'security.alerts',
      mode: 'designed',
    });
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(200);
    const fault = await control('faults', 'POST', {
      kind: 'rate-limited',
      times: 1,
    });
    expect(fault.status).toBe(201);
    expect((await call(sim, '/api/admin/security/alerts')).status).toBe(429);
    const bad = await control('faults', 'POST', { kind: 'latency' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/^invalid fault: ms/);
    const unknown = await control('routes/nope', 'PUT', { mode: 'designed' });
    expect(unknown.status).toBe(400);
    const requests = (await control('requests')).json as { path: string }[];
    expect(requests.map((r) => r.path)).toEqual([
      '/api/admin/security/alerts',
      '/api/admin/security/alerts',
    ]);
    expect((await control('down', 'POST', { ms: 100 })).status).toBe(202);
    await expect
      .poll(() => failure(rawRequest(sim, '/health')).catch(() => 'up'), {
        interval: 10,
      })
      .toBe('ECONNREFUSED');
    await expect.poll(() => sim.control.isDown(), { interval: 20 }).toBe(false);
    expect((await control('effects')).json).toEqual([]);
  });

  it('is not there unless asked for', async () => {
    const sim = await start();
    const reply = await call(sim, '/__sim/', { token: null });
    expect(reply.status).toBe(404);
    expect(sim.requests.all()).toHaveLength(1);
  });
});

describe('npm run api:sim', () => {
  const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const firstLine = (child: ChildProcess) =>
    new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('\n')) resolve(seen.split('\n')[0]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${seen}`)));
    });
  const exitOf = (child: ChildProcess) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stderr }));
    });

  it('prints its URL and token first, serves, and stops on SIGTERM', async () => {
    const child = run([
      '--profile',
      'plan',
      '--token',
      'cli-token',
      '--seed',
      '4',
    ]);
    const bad = run(['--profile', 'nope']);
    const refused = exitOf(bad);
    const exited = exitOf(child);
    const started = JSON.parse(await firstLine(child)) as Record<
      string,
      string
    >;
    expect(started).toMatchObject({ token: 'cli-token', profile: 'plan' });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const alerts = await fetch(`${started.url}/api/admin/security/alerts`, {
      headers: { authorization: 'Bearer cli-token' },
    });
    expect(alerts.status).toBe(200);
    const control = await fetch(started.control);
    expect(((await control.json()) as { profile: string }).profile).toBe(
      'plan',
    );
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(await refused).toEqual({
      code: 2,
      stderr: 'api:sim: --profile must be reference or plan, not "nope"\n',
    });
  });
});
