import { afterEach, describe, expect, it } from 'vitest';
import type { SimProfile } from '../../../tests/admin-sim/simulator';
import type { ExampleFile } from '../../../tests/admin-sim/examples';
import type { RouteId } from '../../../tests/admin-sim/route-types';
import {
  closeRigs,
  expectNoToken,
  LEAD_TOKEN,
  SELLER_TOKEN,
  startRig,
  type Rig,
} from './admin-client-test-kit';

afterEach(closeRigs);

const PROFILES: SimProfile[] = ['reference', 'plan'];

async function designedRig(profile: SimProfile, token?: string) {
  const rig = await startRig({ sim: { profile, preset: 'designed' } });
  if (token !== undefined) rig.token.value = token;
  return rig;
}

function serve(rig: Rig, file: ExampleFile, name: string, route?: RouteId) {
  rig.sim.control.serveExample({ file, name, route, times: 1 });
}

async function ok<T>(
  rig: Rig,
  work: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>,
) {
  const result = await rig.run(work);
  expectNoToken(rig, result);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe.each(PROFILES)(
  '%s profile: reads normalise the examples',
  (profile) => {
    it('alerts: times in UTC with microseconds, camelCase fields', async () => {
      const rig = await designedRig(profile);
      serve(rig, 'alerts.json', 'brute-force-in-progress');
      serve(rig, 'alerts.json', 'no-active-alerts');

      const busy = await ok(rig, rig.client.alerts());
      const quiet = await ok(rig, rig.client.alerts());

      expect(busy).toEqual([
        {
          id: 'high_failed_logins',
          title: 'High Rate of Failed Login Attempts',
          severity: 'warning',
          message: '47 failed login attempts in the last hour',
          evaluatedAt: '2025-01-20T10:28:41.207311Z',
          actionRequired: true,
        },
        {
          id: 'suspicious_ips',
          title: 'Suspicious IP Activity Detected',
          severity: 'warning',
          message:
            'Multiple failed login attempts from IPs: 203.0.113.45, ' +
            '203.0.113.77, 198.51.100.23...',
          evaluatedAt: '2025-01-20T10:28:41.219846Z',
          actionRequired: true,
        },
      ]);
      expect(quiet).toEqual([]);
    });

    it('events: naive times read as UTC, the query sent as the platform names it', async () => {
      const rig = await designedRig(profile);

      const events = await ok(rig, rig.client.events({ limit: 100 }));
      const high = await ok(
        rig,
        rig.client.events({ limit: 100, severity: 'high', eventType: 'a' }),
      );

      expect(events).toHaveLength(9);
      expect(events[0]).toEqual({
        id: 'ba204923-2547-44b5-acb9-b81ee334a9d6',
        occurredAt: '2025-01-20T10:33:58.412907Z',
        eventType: 'security_violation',
        severity: 'critical',
        userId: null,
        ipAddress: '203.0.113.77',
        description:
          'Admin API request carrying a forged X-Forwarded-For header was rejected',
        details: {
          path: '/api/admin/super-admin/me',
          claimed_ip: '127.0.0.1',
          action_taken: 'request_blocked',
        },
      });
      expect(events[8].occurredAt).toBe('2025-01-20T09:47:10.903377Z');
      expect(high.map((e) => e.severity)).toEqual(['high', 'high', 'high']);
      const sent = rig.sim.requests.forRoute('security.events').at(-1);
      expect(sent?.query).toEqual({
        limit: '100',
        severity: 'high',
        event_type: 'a',
      });
    });

    it('events: a served failed-login example and an empty list', async () => {
      const rig = await designedRig(profile);
      serve(rig, 'events-failed-login.json', 'single-benign-failure');
      serve(rig, 'events.json', 'nothing-matches');

      const served = await ok(
        rig,
        rig.client.events({ eventType: 'failed_login' }),
      );
      const none = await ok(rig, rig.client.events({}));

      expect(served).toEqual([
        {
          id: 'fad4a711-27be-4766-8b6e-de59e7180bba',
          occurredAt: '2025-01-19T22:04:17.664120Z',
          eventType: 'failed_login_attempt',
          severity: 'low',
          userId: '3ca49a89-df77-4a9f-a06c-4fb3e8d7efdd',
          ipAddress: '192.0.2.33',
          description: 'Single mistyped password from a known office address',
          details: {
            username: 'eng.lead@example.com',
            user_agent:
              'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
            failure_reason: 'failed_password',
          },
        },
      ]);
      expect(none).toEqual([]);
    });

    it('health: components listed with their counts, present or absent', async () => {
      const rig = await designedRig(profile);
      serve(rig, 'health.json', 'all-healthy-as-designed');
      serve(rig, 'health.json', 'database-trouble');

      const healthy = await ok(rig, rig.client.health());
      const trouble = await ok(rig, rig.client.health());

      expect(healthy).toEqual({
        overallStatus: 'healthy',
        components: [
          { name: 'clerk_integration', status: 'healthy', count: null },
          { name: 'session_management', status: 'healthy', count: 4 },
          { name: 'ip_allowlist', status: 'healthy', count: 9 },
          { name: 'two_factor_auth', status: 'healthy', count: 6 },
        ],
        evaluatedAt: '2025-01-20T10:30:02.118734Z',
      });
      expect(trouble).toEqual({
        overallStatus: 'degraded',
        components: [
          { name: 'clerk_integration', status: 'healthy', count: null },
          { name: 'session_management', status: 'unhealthy', count: null },
          { name: 'ip_allowlist', status: 'unhealthy', count: null },
          { name: 'two_factor_auth', status: 'unhealthy', count: null },
        ],
        evaluatedAt: '2025-01-20T10:44:51.930255Z',
      });
    });

    it('metrics: the eight counts', async () => {
      const rig = await designedRig(profile);
      serve(rig, 'metrics.json', 'brute-force-under-way');
      expect(await ok(rig, rig.client.metrics())).toEqual({
        activeSessions: 5,
        failedLoginAttempts24h: 312,
        ipAllowlistEntries: 8,
        enabled2faUsers: 6,
        securityViolations24h: 14,
        emergencyLockouts: 0,
        rateLimitViolations24h: 57,
        corsViolations24h: 3,
      });
    });

    it('audit logs: the window sent as naive UTC, every page kept as received', async () => {
      const rig = await designedRig(profile);
      const pull = await ok(
        rig,
        rig.client.auditLogs({
          start: '2025-01-20T00:00:00Z',
          end: '2025-01-21T00:00:00+00:00',
        }),
      );

      expect(pull.complete).toBe(true);
      expect(pull.rows.map((r) => r.id.slice(0, 8))).toEqual([
        '7e1d5e46',
        'c2e49028',
        '788205be',
        '55624622',
        '099fc40d',
        '97ce377b',
        '3f7d3653',
      ]);
      expect(pull.rows[0]).toEqual({
        id: '7e1d5e46-bab0-4738-865b-070af0e513c7',
        userId: '0ae31b98-03d8-489f-bdb1-35657dfc3239',
        action: 'system_lockout_deactivated',
        status: 'success',
        resourceType: 'system_lockout',
        resourceId: 'c1a7d3e5-9b2f-4e08-a6d4-71f0b3c85e29',
        ipAddress: null,
        occurredAt: '2025-01-20T11:50:12.904113Z',
        details: {
          is_platform_wide: true,
          reason: 'Containment complete; admin credentials rotated',
          emergency_id: '5e243c0e-3a59-4de5-a1db-d9f5027da0dc',
        },
        message: null,
      });
      expect(pull.rows[6]).toMatchObject({
        ipAddress: '192.0.2.14',
        message: 'Decommissioned former office range',
      });
      const path =
        profile === 'reference'
          ? '/api/admin/audit/logs/'
          : '/api/admin/audit/logs';
      const sent = rig.sim.requests.forRoute('audit.list');
      expect(sent.map((r) => [r.path, r.query])).toEqual([
        [
          path,
          {
            start_date: '2025-01-20T00:00:00.000000',
            end_date: '2025-01-21T00:00:00.000000',
            skip: '0',
            limit: '100',
          },
        ],
      ]);
      expect(pull.pages).toHaveLength(1);
      expect(pull.pages[0].endpoint).toMatch(
        new RegExp(`^GET ${path}\\?start_date=`),
      );
      expect(JSON.parse(pull.pages[0].body)).toHaveLength(7);
    });

    it('sessions: Redis-style times with a space read the same as Z times', async () => {
      const rig = await designedRig(profile);
      await rig.run(rig.client.discover());
      const plain = await ok(rig, rig.client.sessions());
      rig.sim.control.inject({
        kind: 'timestamp-style',
        style: 'space',
        times: 1,
      });
      const spaced = await ok(rig, rig.client.sessions());

      expect(spaced).toEqual(plain);
      expect(plain).toHaveLength(3);
      expect(plain[0]).toEqual({
        sessionId: '9f2c41d7-e0b8-4a6c-8f31-2b7d5c0e9a14',
        userId: 'user_2kExampleIncidentCmdr01',
        organizationId: 'org_2kExampleAdminOrg00001',
        organizationRole: 'org:admin',
        createdAt: '2025-01-20T10:05:11.402113Z',
        lastActivityAt: '2025-01-20T10:29:48.917220Z',
        expiresAt: '2025-01-20T11:05:11.402113Z',
        ipAddress: '198.51.100.10',
        userAgent: 'IncidentConsole/0.1 Electron/33.2.0',
        deviceFingerprint: 'fp_3b9a0c7d51e2',
        active: true,
        securityLevel: 'elevated',
      });
      const raw = rig.sim.requests.forRoute('sessions.list');
      expect(raw.map((r) => r.fault)).toEqual([null, 'timestamp-style']);
    });

    it('allowlist entries: the platform\'s {"entries"} list, +00:00 times', async () => {
      const rig = await designedRig(profile);
      const route: RouteId =
        profile === 'reference'
          ? 'super-admin.ip-allowlist.list'
          : 'security.ip-allowlist.list';
      serve(rig, 'ip-allowlist-list.json', 'global-entries', route);

      const entries = await ok(rig, rig.client.allowlistEntries());

      expect(entries).toEqual([
        {
          id: 'b43486b7-191c-46ff-a260-b8f72411f5ec',
          ipRange: '192.0.2.0/28',
          description: 'Head office NAT',
          active: true,
          global: null,
          expiresAt: null,
          createdAt: '2025-01-14T15:20:33.690125Z',
        },
        {
          id: 'da72fa2e-0e2c-4fa7-b4f8-b661fecaa77b',
          ipRange: '198.51.100.10/32',
          description: 'Incident IR-2025-0120 responder VPN',
          active: true,
          global: null,
          expiresAt: '2025-01-22T10:31:00.000000Z',
          createdAt: '2025-01-20T10:31:27.641093Z',
        },
        {
          id: '0f3e9b12-7c44-4d1a-8e55-6a2b9c1d0e7f',
          ipRange: '198.51.100.64/27',
          description: 'Cloud bastion subnet',
          active: false,
          global: null,
          expiresAt: null,
          createdAt: '2024-11-02T09:00:00.000412Z',
        },
      ]);
    });
  },
);

describe('reads only one profile serves', () => {
  it('plan: allowlist entries as a bare array of full entries', async () => {
    const rig = await designedRig('plan');
    const entries = await ok(rig, rig.client.allowlistEntries());
    expect(entries.find((e) => e.ipRange === '198.51.100.10/32')).toEqual({
      id: 'da72fa2e-0e2c-4fa7-b4f8-b661fecaa77b',
      ipRange: '198.51.100.10/32',
      description: 'Incident IR-2025-0120 responder VPN',
      active: true,
      global: true,
      expiresAt: '2025-01-22T10:31:00.000000Z',
      createdAt: '2025-01-20T10:31:27.641093Z',
    });
  });

  it('reference: the super-admin audit list pages newest first and is cut to the window', async () => {
    const rig = await startRig({
      sim: { preset: 'designed', routes: { 'audit.list': 'absent' } },
      client: { auditPaging: { pageSize: 2, maxPages: 10 } },
    });
    const pull = await ok(
      rig,
      rig.client.auditLogs({
        start: '2025-01-20T10:00:00',
        end: '2025-01-20 11:00:00+00:00',
      }),
    );

    expect(rig.client.route('audit-logs')).toMatchObject({
      path: '/api/admin/super-admin/security/audit-logs',
      paging: 'limit-offset',
    });
    expect(pull.rows.map((r) => [r.id.slice(0, 8), r.occurredAt])).toEqual([
      ['c2e49028', '2025-01-20T10:35:40.118302Z'],
      ['788205be', '2025-01-20T10:35:39.904771Z'],
      ['55624622', '2025-01-20T10:31:27.650118Z'],
      ['099fc40d', '2025-01-20T10:02:19.446027Z'],
    ]);
    expect(pull.rows.every((r) => r.message === null)).toBe(true);
    expect(pull.complete).toBe(true);
    const sent = rig.sim.requests.forRoute('super-admin.audit-logs');
    expect(sent.map((r) => r.query)).toEqual([
      { limit: '2', offset: '0' },
      { limit: '2', offset: '2' },
      { limit: '2', offset: '4' },
    ]);
    expect(pull.pages.map((p) => JSON.parse(p.body).logs.length)).toEqual([
      2, 2, 2,
    ]);
  });

  it('reference: a pull stopped by the page limit says it is incomplete', async () => {
    const rig = await startRig({
      sim: { preset: 'designed' },
      client: { auditPaging: { pageSize: 2, maxPages: 2 } },
    });
    const pull = await ok(
      rig,
      rig.client.auditLogs({ start: '2025-01-20', end: '2025-01-21' }),
    );
    expect([pull.complete, pull.rows.length, pull.pages.length]).toEqual([
      false,
      4,
      2,
    ]);
  });

  it('reference: identity of a super admin, of an admin, and of a seller', async () => {
    const commander = await designedRig('reference');
    const lead = await designedRig('reference', LEAD_TOKEN);
    const seller = await designedRig('reference', SELLER_TOKEN);

    expect(await ok(commander, commander.client.identity())).toEqual({
      userId: 'user_2kExampleIncidentCmdr01',
      superAdmin: true,
    });
    expect(await ok(lead, lead.client.identity())).toEqual({
      userId: 'user_2kExampleEngLead0000003',
      superAdmin: false,
    });
    expect(lead.seen().slice(-2)).toEqual([
      'GET /api/admin/super-admin-only',
      'GET /api/admin/any-admin',
    ]);
    const refused = await seller.run(seller.client.identity());
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(seller.seen()).not.toContain('GET /api/admin/any-admin');
  });

  it('reference: active emergency lockouts from {"lockouts"}', async () => {
    const rig = await designedRig('reference');
    serve(rig, 'emergency-lockouts.json', 'list-active');
    expect(await ok(rig, rig.client.lockouts())).toEqual([
      {
        id: '379a6771-0f87-4fcf-ad4f-5d59bbe4b82c',
        platformWide: true,
        reason: 'Credential stuffing against admin portal',
        message:
          'The admin console is temporarily locked while we investigate a security incident.',
        allowReadOnly: false,
        expiresAt: '2025-01-20T16:36:04.219877Z',
        createdAt: '2025-01-20T10:36:04.221905Z',
      },
    ]);
  });

  it('plan: identity and lockouts are not deployed, and nothing is asked for them', async () => {
    const rig = await designedRig('plan');
    const identity = await rig.run(rig.client.identity());
    const lockouts = await rig.run(rig.client.lockouts());

    expect(identity).toMatchObject({
      ok: false,
      error: { kind: 'not-deployed', status: null },
    });
    expect(lockouts).toMatchObject({
      ok: false,
      error: { kind: 'not-deployed' },
    });
    if (!identity.ok) {
      expect(identity.error.message).toContain(
        'capability not deployed on this server',
      );
    }
    const gets = rig.sim.requests.all().filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path)).toEqual([
      '/api/v1/openapi.json',
      '/openapi.json',
    ]);
  });
});
