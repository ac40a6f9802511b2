/**
 * What the simulator offers the outbox's tests: the 2FA requirement and
 * the proposed block list as write routes with recorded effects, a
 * switch that makes it honour (and declare) `Idempotency-Key`, and faults
 * that fire on a seeded share of requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startAdminSimulator, type AdminSimulator } from './simulator';
import { call } from './test-client';

const sims: AdminSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

async function start(
  options: Parameters<typeof startAdminSimulator>[0] = {},
): Promise<AdminSimulator> {
  const sim = await startAdminSimulator({
    clock: { frozen: true },
    ...options,
  });
  sims.push(sim);
  return sim;
}

const BLOCKLIST = '/api/admin/security/ip-blocklist';
const REQUIREMENT = '/api/admin/super-admin/security/2fa/requirement';

type OpenApi = {
  paths: Record<string, Record<string, { parameters: { in: string }[] }>>;
};

describe('the outbox routes', () => {
  it('has no block list on the platform as the contract tags it', async () => {
    const sim = await start();

    const reply = await call(sim, BLOCKLIST, {
      method: 'POST',
      body: { ip_range: '203.0.113.45' },
    });

    expect(reply.status).toBe(404);
    expect(sim.control.effects()).toEqual([]);
  });

  it('blocks a range on the designed block list, once per call', async () => {
    const sim = await start({ preset: 'designed' });

    const first = await call(sim, BLOCKLIST, {
      method: 'POST',
      body: { ip_range: '203.0.113.0/24', reason: 'stuffing' },
    });
    const bad = await call(sim, BLOCKLIST, {
      method: 'POST',
      body: { ip_range: '203.0.113.45/24' },
    });

    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ip_range: '203.0.113.0/24' });
    expect(bad.status).toBe(422);
    expect(sim.control.effectCount('blocklist.entry-created')).toBe(1);
    expect(sim.control.effectCount('allowlist.entry-created')).toBe(0);
  });

  it('upserts the 2FA requirement per role and tenant', async () => {
    const sim = await start({ preset: 'designed' });
    const body = { is_required: true, role_id: null, grace_period_days: 3 };

    const first = await call(sim, REQUIREMENT, { method: 'POST', body });
    const again = await call(sim, REQUIREMENT, { method: 'POST', body });

    expect(first.status).toBe(201);
    expect((again.json as { id: string }).id).toBe(
      (first.json as { id: string }).id,
    );
    expect(first.json).toMatchObject({
      is_required: true,
      grace_period_days: 3,
    });
    expect(sim.control.effectCount('twofactor.requirement-set')).toBe(2);
  });
});

describe('Idempotency-Key', () => {
  it('is declared on writes only when honoured', async () => {
    const honoured = await start({ preset: 'designed', idempotency: 'honour' });
    const ignored = await start({ preset: 'designed' });

    const doc = (await call(honoured, '/api/v1/openapi.json')).json as OpenApi;
    const plain = (await call(ignored, '/api/v1/openapi.json')).json as OpenApi;

    const headers = (spec: OpenApi, path: string, method: string) =>
      spec.paths[path][method].parameters.filter((p) => p.in === 'header');
    expect(headers(doc, REQUIREMENT, 'post')).toHaveLength(1);
    expect(
      headers(doc, '/api/admin/super-admin/security/emergency/lockouts', 'get'),
    ).toHaveLength(0);
    expect(headers(plain, REQUIREMENT, 'post')).toHaveLength(0);
  });
});

describe('faults by chance', () => {
  it('fire on a seeded share of requests', async () => {
    const counts: number[] = [];
    for (const seed of [1, 1, 2]) {
      const sim = await start({ seed });
      sim.control.inject({ kind: 'rate-limited', chance: 0.5 });
      for (let n = 0; n < 40; n += 1) await call(sim, '/health');
      counts.push(sim.requests.all().filter((r) => r.status === 429).length);
    }

    expect(counts[0]).toBeGreaterThan(5);
    expect(counts[0]).toBeLessThan(35);
    expect(counts[1]).toBe(counts[0]);
  });
});
