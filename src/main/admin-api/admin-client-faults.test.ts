import { afterEach, describe, expect, it } from 'vitest';
import type { AdminResult } from './admin-client-types';
import {
  closeRigs,
  expectNoToken,
  LEAD_TOKEN,
  logRecords,
  SELLER_TOKEN,
  startRig,
  type Rig,
  type RigOptions,
} from './admin-client-test-kit';

afterEach(closeRigs);

const LOCKDOWN = '/api/admin/security/emergency-lockdown';

/** A designed reference server, already discovered. */
async function ready(options: RigOptions = {}): Promise<Rig> {
  const rig = await startRig({
    ...options,
    sim: { preset: 'designed', ...options.sim },
  });
  const discovered = await rig.run(rig.client.discover());
  expect(discovered.ok).toBe(true);
  rig.sim.requests.clear();
  return rig;
}

async function failed<T>(rig: Rig, work: Promise<AdminResult<T>>) {
  const result = await rig.run(work);
  expectNoToken(rig, result);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

async function succeeded<T>(rig: Rig, work: Promise<AdminResult<T>>) {
  const result = await rig.run(work);
  expectNoToken(rig, result);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const count = (rig: Rig, path: string) =>
  rig.sim.requests.all().filter((r) => r.path === path).length;

describe('connection faults', () => {
  it('is offline when the server is down, without waiting on retries', async () => {
    const rig = await ready();
    await rig.sim.control.down();

    const error = await failed(rig, rig.client.alerts());

    expect(error).toMatchObject({ kind: 'offline', status: null });
    expect(error.message).toMatch(/^GET \/api\/admin\/security\/alerts: /);
    await rig.sim.control.up();
    expect(await succeeded(rig, rig.client.alerts())).toEqual(
      expect.any(Array),
    );
  });

  it('answers within the deadline, or times out after it', async () => {
    const rig = await ready({ client: { timeoutMs: 300 } });
    rig.sim.control.inject({ kind: 'latency', ms: 20, times: 1 });
    expect(await succeeded(rig, rig.client.metrics())).toHaveProperty(
      'activeSessions',
    );

    rig.sim.control.inject({ kind: 'latency', ms: 5_000, times: 1 });
    const error = await failed(rig, rig.client.metrics());

    expect(error).toMatchObject({ kind: 'timeout', mayHaveTakenEffect: true });
    expect(error.message).toContain('no complete answer in time (300 ms)');
    expect(count(rig, '/api/admin/security/metrics')).toBe(2);
  });

  it('retries a read whose connection was reset before the answer', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'reset-before', times: 1 });

    expect(await succeeded(rig, rig.client.alerts())).toEqual(
      expect.any(Array),
    );

    expect(count(rig, '/api/admin/security/alerts')).toBe(2);
    expect(rig.timers.requested()).toEqual([250]);
  });

  it('never retries a write, and says a reset write may have acted', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'reset-before', times: 1 });
    const before = await failed(
      rig,
      rig.client.request('POST', LOCKDOWN, {
        query: { reason: 'Credential stuffing' },
        priority: 'emergency',
      }),
    );
    rig.sim.control.inject({ kind: 'reset-after', times: 1 });
    const after = await failed(
      rig,
      rig.client.request('POST', LOCKDOWN, {
        query: { reason: 'Credential stuffing' },
        priority: 'emergency',
      }),
    );

    for (const error of [before, after]) {
      expect(error).toMatchObject({
        kind: 'offline',
        mayHaveTakenEffect: true,
      });
    }
    expect(count(rig, LOCKDOWN)).toBe(2);
    expect(rig.sim.control.effectCount('lockdown.activated')).toBe(1);
    expect(rig.timers.requested()).toEqual([]);
  });

  it('retries a truncated answer to a read, and reports one that stays cut', async () => {
    const rig = await ready({ client: { maxRetries: 1 } });
    rig.sim.control.inject({ kind: 'truncated-body', times: 1 });
    expect(await succeeded(rig, rig.client.sessions())).toHaveLength(3);

    rig.sim.control.inject({ kind: 'truncated-body', times: 2 });
    const error = await failed(rig, rig.client.sessions());

    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe(
      'GET /api/admin/security/sessions: the answer was cut off before the ' +
        'whole body arrived (UND_ERR_SOCKET) after HTTP 200',
    );
  });
});

describe('server errors and rate limits', () => {
  it('retries 5xx with jittered backoff through the timers', async () => {
    const rig = await ready();
    rig.sim.control.inject({
      kind: 'error-rate',
      rate: 1,
      status: 503,
      times: 2,
    });

    expect(await succeeded(rig, rig.client.health())).toHaveProperty(
      'overallStatus',
      'healthy',
    );

    expect(count(rig, '/api/admin/security/health')).toBe(3);
    expect(rig.timers.requested()).toEqual([250, 500]);
    const line = logRecords(rig).find(
      (r) => r.path === '/api/admin/security/health',
    );
    expect(line).toMatchObject({ method: 'GET', status: 200, retries: 2 });
    expect(line).toHaveProperty('ms');
  });

  it('gives up after the retries allowed, with the last status', async () => {
    const rig = await ready({
      client: { random: () => 0.999, backoff: { baseMs: 1_000, capMs: 3_000 } },
    });
    rig.sim.control.inject({ kind: 'error-rate', rate: 1, status: 502 });

    const error = await failed(rig, rig.client.alerts());

    expect(error).toMatchObject({ kind: 'server-error', status: 502 });
    expect(error.message).toBe(
      'GET /api/admin/security/alerts: server error (502)',
    );
    expect(count(rig, '/api/admin/security/alerts')).toBe(4);
    expect(rig.timers.requested()).toEqual([999, 1_998, 2_997]);
  });

  it('sends a write once even on a 5xx', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'error-rate', rate: 1, status: 500 });
    const error = await failed(
      rig,
      rig.client.request('POST', LOCKDOWN, {
        query: { reason: 'x' },
        priority: 'emergency',
      }),
    );
    expect(error).toMatchObject({
      kind: 'server-error',
      status: 500,
      serverMessage: 'Internal Server Error',
      mayHaveTakenEffect: true,
    });
    expect(count(rig, LOCKDOWN)).toBe(1);
  });

  it('waits out Retry-After through the timers, then retries', async () => {
    const rig = await ready();
    rig.sim.control.inject({
      kind: 'rate-limited',
      retryAfterSeconds: 7,
      times: 1,
    });

    const work = rig.client.alerts();
    await rig.timers.sleeping();
    expect(rig.timers.nextDueInMs()).toBe(7_000);
    expect(count(rig, '/api/admin/security/alerts')).toBe(1);
    await rig.timers.advance(6_999);
    expect(count(rig, '/api/admin/security/alerts')).toBe(1);

    expect((await rig.run(work)).ok).toBe(true);
    expect(rig.timers.requested()).toEqual([7_000]);
    expect(count(rig, '/api/admin/security/alerts')).toBe(2);
  });

  it('does not wait out a long Retry-After, and holds polls until it ends', async () => {
    const rig = await ready();
    rig.sim.control.inject({
      kind: 'rate-limited',
      retryAfterSeconds: 3_600,
      times: 1,
    });

    const limited = await failed(rig, rig.client.alerts());
    const held = await failed(rig, rig.client.metrics());
    const emergency = await rig.run(
      rig.client.request('GET', '/api/admin/super-admin-only', {
        priority: 'emergency',
      }),
    );

    expect(limited).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterSeconds: 3_600,
      serverMessage: 'Rate limit exceeded',
    });
    expect(held).toMatchObject({ kind: 'rate-limited', status: null });
    expect(held.message).toContain('not sent');
    expect(count(rig, '/api/admin/security/metrics')).toBe(0);
    expect(emergency.ok).toBe(true);
    expect(rig.timers.requested()).toEqual([]);
  });
});

describe('bodies that are wrong', () => {
  it('reports malformed JSON as a bad response', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'malformed-json', times: 1 });
    const error = await failed(rig, rig.client.alerts());
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(
      /^GET \/api\/admin\/security\/alerts: the body is not valid JSON \(/,
    );
  });

  it('names the field when numbers come as strings', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'wrong-types', variant: 'strings' });
    const metrics = await failed(rig, rig.client.metrics());
    const alerts = await failed(rig, rig.client.alerts());

    expect(metrics.message).toBe(
      'GET /api/admin/security/metrics: active_sessions: Invalid input: ' +
        'expected number, received string (and 7 more)',
    );
    expect(alerts.message).toMatch(
      /^GET \/api\/admin\/security\/alerts: \[0\]\.action_required: /,
    );
  });

  it('names the field when values come as nulls', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'wrong-types', variant: 'nulls' });
    const events = await failed(rig, rig.client.events({ limit: 5 }));
    const health = await failed(rig, rig.client.health());

    expect(events).toMatchObject({ kind: 'bad-response', status: 200 });
    expect(events.message).toMatch(
      /^GET \/api\/admin\/security\/events: \[0\]\.id: Invalid input: expected string, received null/,
    );
    expect(health.message).toMatch(/: overall_status: /);
  });

  it('reads each timestamp style as the same UTC instant', async () => {
    const rig = await ready();
    const styles = ['z', 'offset', 'naive', 'space'] as const;
    const seen: string[][] = [];
    for (const style of styles) {
      rig.sim.control.inject({ kind: 'timestamp-style', style, times: 1 });
      const events = await succeeded(rig, rig.client.events({ limit: 3 }));
      seen.push(events.map((e) => e.occurredAt));
    }
    const raw = rig.sim.requests.all().map((r) => r.fault);
    expect(raw).toEqual(styles.map(() => 'timestamp-style'));
    expect(seen).toEqual(
      styles.map(() => [
        '2025-01-20T10:33:58.412907Z',
        '2025-01-20T10:31:27.650118Z',
        '2025-01-20T10:24:03.217760Z',
      ]),
    );
  });
});

describe('refusals', () => {
  it('says the token was rejected (platform text, plan JSON)', async () => {
    const reference = await ready();
    const plan = await ready({ sim: { profile: 'plan' } });
    for (const rig of [reference, plan]) rig.token.value = 'wrong-token-1';

    const byText = await failed(reference, reference.client.metrics());
    const byJson = await failed(plan, plan.client.metrics());

    expect(byText).toMatchObject({
      kind: 'unauthorised',
      status: 401,
      serverMessage: 'Invalid authentication token',
    });
    expect(byText.message).toContain('token rejected');
    expect(byJson).toMatchObject({
      kind: 'unauthorised',
      serverMessage: 'Invalid authentication credentials',
    });
    expect(byText.message).not.toContain('wrong-token-1');
  });

  it('does not send without a token', async () => {
    const rig = await ready();
    rig.token.value = null;
    const error = await failed(rig, rig.client.alerts());
    expect(error).toMatchObject({ kind: 'not-configured', status: null });
    expect(rig.sim.requests.all()).toEqual([]);
  });

  it('names the network gate that refused: Host, ADMIN_ALLOWED_IPS, database allowlist', async () => {
    const host = await startRig({
      sim: { preset: 'designed', gates: { allowedHosts: ['admin.enwhe.com'] } },
    });
    const ips = await startRig({
      sim: { preset: 'designed', peerAddress: '203.0.113.45' },
    });
    const database = await startRig({
      sim: {
        preset: 'designed',
        peerAddress: '203.0.113.45',
        gates: { adminAllowedIps: null },
      },
    });
    const messages: string[] = [];
    for (const rig of [host, ips, database]) {
      const error = await failed(
        rig,
        rig.client.request('GET', '/api/admin/super-admin-only'),
      );
      expect(error).toMatchObject({ kind: 'network-rejected', status: 403 });
      messages.push(error.message);
    }
    expect(messages[0]).toContain("the platform's Host gate");
    expect(messages[1]).toContain("the platform's ADMIN_ALLOWED_IPS gate");
    expect(messages[2]).toContain("the platform's database IP allowlist gate");
  });

  it('tells a missing role from a network refusal', async () => {
    const seller = await ready();
    seller.token.value = SELLER_TOKEN;
    const lead = await ready();
    lead.token.value = LEAD_TOKEN;

    const middleware = await failed(seller, seller.client.identity());
    const handler = await failed(lead, lead.client.alerts());

    expect(middleware).toMatchObject({
      kind: 'forbidden',
      serverMessage: 'Admin role required',
    });
    expect(middleware.message).toContain('the token lacks the admin role');
    expect(handler).toMatchObject({
      kind: 'forbidden',
      serverMessage: 'Super admin access required',
    });
  });

  it('maps 404 and 405 to not deployed, and a handler 404 to not found', async () => {
    const rig = await ready({ sim: { preset: 'contract' } });
    const absent = await failed(rig, rig.client.alerts());
    const unrouted = await failed(
      rig,
      rig.client.request('GET', '/api/admin/security/alerts'),
    );
    const method = await failed(
      rig,
      rig.client.request('PUT', '/api/admin/super-admin-only'),
    );

    expect(absent).toMatchObject({ kind: 'not-deployed', status: null });
    expect(unrouted).toMatchObject({ kind: 'not-deployed', status: 404 });
    expect(unrouted.message).toBe(
      'GET /api/admin/security/alerts: capability not deployed on this server (404)',
    );
    expect(method).toMatchObject({ kind: 'not-deployed', status: 405 });
    const lift = await ready();
    const gone = await failed(
      lift,
      lift.client.request(
        'DELETE',
        '/api/admin/super-admin/security/emergency/lockout/ba204923-2547-44b5-acb9-b81ee334a9d6',
        { priority: 'emergency' },
      ),
    );
    expect(gone).toMatchObject({
      kind: 'not-found',
      status: 404,
      serverMessage: 'Emergency lockout not found',
      mayHaveTakenEffect: false,
    });
  });

  it("maps 422 to the platform's field map", async () => {
    const rig = await ready();
    const plan = await ready({ sim: { profile: 'plan' } });

    const query = await failed(
      rig,
      rig.client.request('GET', '/api/admin/security/events', {
        query: { limit: 500, severity: 'urgent' },
      }),
    );
    const body = await failed(
      plan,
      plan.client.request('POST', LOCKDOWN, {
        body: { reason: 'short' },
        priority: 'emergency',
        idempotencyKey: 'lockdown-1',
      }),
    );

    expect(query).toMatchObject({
      kind: 'validation',
      status: 422,
      fields: {
        'query.limit': 'Input should be less than or equal to 200',
        'query.severity':
          "String should match pattern '^(low|medium|high|critical)$'",
      },
    });
    expect(body.fields).toEqual({
      'body.reason': 'String should have at least 10 characters',
    });
    const [sent] = plan.sim.requests.writes();
    expect(sent.headers['idempotency-key']).toBe('lockdown-1');
    expect(sent.bodyJson).toEqual({ reason: 'short' });
  });

  it('refuses a bad events query or audit window before sending it', async () => {
    const rig = await ready();
    const error = await failed(rig, rig.client.events({ limit: 0 }));
    expect(error).toMatchObject({
      kind: 'validation',
      status: null,
      fields: { 'query.limit': 'must be a whole number from 1 to 200' },
    });
    const garbled = await failed(
      rig,
      rig.client.auditLogs({ start: 'last Tuesday', end: '2025-01-21' }),
    );
    const reversed = await failed(
      rig,
      rig.client.auditLogs({
        start: '2025-01-21',
        end: '2025-01-20T23:59:59Z',
      }),
    );
    expect(garbled.fields).toEqual({
      'window.start': 'is not an ISO 8601 time or date',
    });
    expect(reversed.message).toBe(
      'GET /api/admin/audit/logs/: window.end is before the start',
    );
    expect(rig.sim.requests.all()).toEqual([]);
  });
});

describe('request, for the outbox', () => {
  it('sends a query, a JSON body and an Idempotency-Key; answers status and body', async () => {
    const rig = await ready();
    const lockdown = await succeeded(
      rig,
      rig.client.request('POST', LOCKDOWN, {
        query: { reason: 'Credential stuffing against admin portal' },
        priority: 'emergency',
        idempotencyKey: 'k-42',
      }),
    );
    const created = await succeeded(
      rig,
      rig.client.request('POST', '/api/admin/ip-allowlist/entries', {
        body: { ip_range: '198.51.100.10/32', is_global: true },
        priority: 'emergency',
      }),
    );

    expect(lockdown).toEqual({
      status: 200,
      contentType: 'application/json',
      body: { message: 'Emergency lockdown activated successfully' },
      bodyText: '{"message":"Emergency lockdown activated successfully"}',
      retries: 0,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'da72fa2e-0e2c-4fa7-b4f8-b661fecaa77b',
    });
    const [first] = rig.sim.requests.writes();
    expect(first).toMatchObject({
      query: { reason: 'Credential stuffing against admin portal' },
      headers: { 'idempotency-key': 'k-42' },
      authorization: { bearer: true, matchesToken: true },
    });
    expect(rig.sim.control.effectCount('lockdown.activated')).toBe(1);
    const logs = rig.logLines.join('\n');
    for (const secret of ['Credential stuffing', '198.51.100.10', 'k-42']) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/authorization|idempotency/i);
    expect(logRecords(rig).filter((r) => r.path === LOCKDOWN)).toMatchObject([
      { level: 30, method: 'POST', status: 200, retries: 0 },
    ]);
  });

  it('refuses paths that would leave the server or carry the token', async () => {
    const rig = await ready();
    const paths = [
      '//evil.example/x',
      'api/admin',
      '/api/admin/../x',
      '/api/admin?x=1',
      `/api/admin/${rig.sim.token}`,
    ];
    for (const path of paths) {
      const error = await failed(rig, rig.client.request('GET', path));
      expect(error.kind, path).toBe('validation');
    }
    expect(rig.sim.requests.all()).toEqual([]);
  });

  it('fails offline after close, and stops a retry wait in progress', async () => {
    const rig = await ready();
    rig.sim.control.inject({ kind: 'error-rate', rate: 1, status: 503 });
    const waiting = rig.client.alerts();
    await rig.timers.sleeping();
    rig.client.close();
    const stopped = await waiting;
    const later = await rig.client.metrics();

    expect(stopped).toMatchObject({ ok: false, error: { kind: 'offline' } });
    expect(later).toMatchObject({ ok: false, error: { kind: 'offline' } });
    expect(rig.timers.pending()).toBe(0);
  });
});
