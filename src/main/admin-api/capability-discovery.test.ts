import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_CAPABILITIES,
  type CapabilityView,
} from '../../shared/admin-api-types';
import type { AdminResult } from './admin-client-types';
import {
  closeRigs,
  expectNoToken,
  startRig,
  type Rig,
  type RigOptions,
} from './admin-client-test-kit';
import { isAllowlistPath, ROUTE_CANDIDATES } from './capability-routes';

afterEach(closeRigs);

/** Discovery may read (GET) the document and probe (OPTIONS); no more. */
const DISCOVERY_METHODS = new Set(['GET', 'OPTIONS']);

async function discovered(options: RigOptions) {
  const rig = await startRig(options);
  const result = await rig.run(rig.client.discover());
  expectNoToken(rig, result);
  return { rig, result };
}

function views(result: AdminResult<CapabilityView[]>): CapabilityView[] {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function availableOf(list: CapabilityView[]) {
  return list
    .filter((v) => v.available)
    .map((v) => `${v.capability} ${v.route}`);
}

function expectOnlySafeMethods(rig: Rig) {
  const methods = rig.sim.requests.all().map((r) => r.method);
  expect(methods.length).toBeGreaterThan(0);
  expect(methods.filter((m) => !DISCOVERY_METHODS.has(m))).toEqual([]);
  expect(rig.sim.requests.writes()).toEqual([]);
  expect(rig.sim.control.effects()).toEqual([]);
}

describe('discovery through the OpenAPI document', () => {
  it('finds on the platform as built only what is mounted', async () => {
    const { rig, result } = await discovered({});

    expect(availableOf(views(result))).toEqual([
      'identity GET /api/admin/super-admin-only',
      'allowlist-add POST /api/admin/ip-allowlist/entries',
      'allowlist-remove DELETE /api/admin/ip-allowlist/entries/{entry_id}',
    ]);
    const alerts = views(result).find((v) => v.capability === 'alerts');
    expect(alerts).toEqual({
      capability: 'alerts',
      available: false,
      route: null,
      reason:
        'capability not deployed on this server ' +
        '(not in the OpenAPI document at /api/v1/openapi.json)',
      state: 'absent',
    });
    expect(rig.seen()).toEqual(['GET /api/v1/openapi.json']);
    expectOnlySafeMethods(rig);
  });

  it('notes the writes whose Idempotency-Key the server lists', async () => {
    const honoured = await discovered({
      sim: { preset: 'designed', idempotency: 'honour' },
    });
    const ignored = await discovered({ sim: { preset: 'designed' } });

    const route = honoured.rig.client.route('lockout-create');
    expect(route?.honoursIdempotencyKey).toBe(true);
    expect(honoured.rig.client.route('lockouts-list')).not.toHaveProperty(
      'honoursIdempotencyKey',
    );
    const plain = ignored.rig.client.route('lockout-create');
    expect(plain).not.toHaveProperty('honoursIdempotencyKey');
  });

  it('records that the platform takes the lockdown reason in the query', async () => {
    const { rig } = await discovered({ sim: { preset: 'designed' } });

    expect(rig.client.route('emergency-lockdown')).toEqual({
      capability: 'emergency-lockdown',
      method: 'POST',
      path: '/api/admin/security/emergency-lockdown',
      input: 'query',
      paging: 'none',
      origin: 'platform',
      foundBy: 'openapi',
    });
    expect(rig.client.route('lockout-create')?.input).toBe('json-body');
    expect(rig.client.route('audit-logs')).toMatchObject({
      path: '/api/admin/audit/logs/',
      paging: 'skip-limit',
    });
    expect(rig.client.has('sessions-list')).toBe(true);
    expect(rig.client.capabilities().every((v) => v.available)).toBe(true);
    expectOnlySafeMethods(rig);
  });

  it("records that the plan's server takes it in a JSON body", async () => {
    const { rig } = await discovered({
      sim: { profile: 'plan', openapi: true },
    });
    expect(rig.client.route('emergency-lockdown')).toMatchObject({
      input: 'json-body',
      origin: 'plan',
      foundBy: 'openapi',
    });
    expect(rig.client.route('audit-logs')?.path).toBe('/api/admin/audit/logs');
    expectOnlySafeMethods(rig);
  });

  it('probes instead when the document is not valid JSON, saying so', async () => {
    const rig = await startRig({ sim: { preset: 'designed' } });
    rig.sim.control.inject({ kind: 'malformed-json', times: 1 });
    const result = await rig.run(rig.client.discover());

    const lockdown = views(result).find(
      (v) => v.capability === 'emergency-lockdown',
    );
    expect(lockdown?.reason).toContain('found by probing');
    expect(lockdown?.reason).toContain(
      'the OpenAPI document at /api/v1/openapi.json is not valid JSON',
    );
    expect(rig.seen()).toContain(
      'OPTIONS /api/admin/security/emergency-lockdown',
    );
    expectOnlySafeMethods(rig);
  });
});

describe('discovery by probing', () => {
  it("finds the plan's routes with OPTIONS only, never a write", async () => {
    const { rig, result } = await discovered({ sim: { profile: 'plan' } });

    expect(availableOf(views(result))).toEqual([
      'alerts GET /api/admin/security/alerts',
      'events GET /api/admin/security/events',
      'health GET /api/admin/security/health',
      'metrics GET /api/admin/security/metrics',
      'audit-logs GET /api/admin/audit/logs',
      'emergency-lockdown POST /api/admin/security/emergency-lockdown',
      'allowlist-list GET /api/admin/security/ip-allowlist',
      'allowlist-add POST /api/admin/security/ip-allowlist',
      'allowlist-remove DELETE /api/admin/security/ip-allowlist/{entry_id}',
      'sessions-list GET /api/admin/security/sessions',
      'session-revoke DELETE /api/admin/security/sessions/{session_id}',
    ]);
    expect(rig.client.route('emergency-lockdown')).toMatchObject({
      input: 'query-or-json-body',
      foundBy: 'probe',
    });
    expect(rig.client.route('audit-logs')).toMatchObject({ origin: 'plan' });
    const probes = rig.sim.requests.all().filter((r) => r.method === 'OPTIONS');
    expect(probes.length).toBeGreaterThanOrEqual(ADMIN_CAPABILITIES.length);
    expectOnlySafeMethods(rig);
  });

  it('agrees with the OpenAPI document about the same server', async () => {
    const { rig, result } = await discovered({
      sim: {
        routes: { 'sessions.list': 'designed', 'lockouts.list': 'designed' },
      },
    });
    rig.sim.control.setOpenApi(false);
    rig.sim.requests.clear();

    const probed = await rig.run(rig.client.discover());

    const listed = views(result).map((v) => [
      v.capability,
      v.available,
      v.route,
    ]);
    expect(
      views(probed).map((v) => [v.capability, v.available, v.route]),
    ).toEqual(listed);
    expect(rig.client.route('lockouts-list')?.foundBy).toBe('probe');
    expectOnlySafeMethods(rig);
  });

  it('reads an Allow header that leaves out the method as absent', async () => {
    const { result } = await discovered({
      sim: {
        profile: 'plan',
        routes: { 'security.ip-allowlist.create': 'absent' },
      },
    });
    const byName = new Map(views(result).map((v) => [v.capability, v]));
    expect(byName.get('allowlist-list')?.available).toBe(true);
    expect(byName.get('allowlist-add')).toMatchObject({ available: false });
    expect(byName.get('allowlist-add')?.reason).toContain(
      'OPTIONS /api/admin/security/ip-allowlist answered 405 without POST',
    );
  });

  it('cannot tell behind a rejected token, and stops probing at once', async () => {
    const rig = await startRig({ sim: { openapi: false } });
    rig.token.value = 'not-the-token';
    const result = await rig.run(rig.client.discover());

    const list = views(result);
    expect(list.every((v) => !v.available)).toBe(true);
    expect(list[0].reason).toBe(
      'could not tell: OPTIONS /api/admin/super-admin-only answered 401 (unauthorised)',
    );
    expect(new Set(list.map((v) => v.reason)).size).toBe(1);
    const probes = rig.sim.requests.all().filter((r) => r.method === 'OPTIONS');
    expect(probes).toHaveLength(1);
  });

  it('cannot tell behind a network gate, naming it', async () => {
    const { result } = await discovered({
      sim: { openapi: false, peerAddress: '203.0.113.45' },
    });
    expect(views(result)[0].reason).toContain('403 (network-rejected)');
  });

  it('fails offline when nothing answers', async () => {
    const rig = await startRig();
    await rig.sim.control.down();
    const result = await rig.run(rig.client.discover());
    expect(result).toMatchObject({ ok: false, error: { kind: 'offline' } });
    expect(
      rig.client.capabilities().every((v) => v.reason === 'not checked yet'),
    ).toBe(true);
  });
});

describe('the allow list is never a block list', () => {
  it('names no allowlist capability, route or purpose after blocking', () => {
    const allowlist = ROUTE_CANDIDATES.filter((c) =>
      c.capability.startsWith('allowlist'),
    );
    const texts = [
      ...ADMIN_CAPABILITIES.filter((c) => c.startsWith('allowlist')),
      ...allowlist.flatMap((c) => [c.capability, c.path, c.purpose]),
    ];
    expect(allowlist.length).toBeGreaterThan(0);
    expect(texts.filter((text) => /block/i.test(text))).toEqual([]);
  });

  it('looks for blocking only on block-list routes', () => {
    const block = ROUTE_CANDIDATES.filter(
      (c) => c.capability === 'address-block',
    );
    expect(block.map((c) => c.path)).toEqual([
      '/api/admin/security/ip-blocklist',
    ]);
    expect(block.some((c) => isAllowlistPath(c.path))).toBe(false);
    expect(
      ROUTE_CANDIDATES.filter((c) =>
        c.capability.startsWith('allowlist'),
      ).every((c) => isAllowlistPath(c.path)),
    ).toBe(true);
  });

  it('finds no block capability on the platform as the contract tags it', async () => {
    const { result } = await discovered({});
    const block = views(result).find((v) => v.capability === 'address-block');
    expect(block).toMatchObject({ available: false, state: 'absent' });
  });

  it('says that adding an address grants it access', async () => {
    const { result } = await discovered({ sim: { profile: 'plan' } });
    const add = views(result).find((v) => v.capability === 'allowlist-add');
    expect(add?.reason).toContain('GRANTS an address access to the admin API');
  });
});
