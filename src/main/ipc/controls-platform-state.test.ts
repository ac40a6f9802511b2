import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformState } from '../../shared/controls-types';
import type { Incident } from '../../shared/ipc-contract';
import { AppFailure, type Result } from '../../shared/result';
import type { RouteId, SimProfile } from '../../../tests/admin-sim/route-types';
import type { SimulatorOptions } from '../../../tests/admin-sim/simulator';
import {
  closeRigs,
  expectNoToken,
  startRig,
  type Rig,
} from '../admin-api/admin-client-test-kit';
import { fakeOutbox } from '../controls/controls-test-kit';
import { createJournalWriter } from '../journal/append-entries';
import { createLogger } from '../logger';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
  type ManualClock,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { createControlsHandlers } from './controls-handlers';
import type { HandlerMap } from './handler-map';
import { invokeChannel } from './invoke-channel';

let warRoom: WarRoom;
let clock: ManualClock;
let incident: Incident;

beforeEach(async () => {
  ({ warRoom, clock } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Admin takeover',
    severity: 'critical',
    category: 'data-security',
  });
});
afterEach(async () => {
  warRoom.close();
  await closeRigs();
});

const PROFILES: SimProfile[] = ['plan', 'reference'];

const ALLOWLIST_LIST: Record<SimProfile, RouteId> = {
  plan: 'security.ip-allowlist.list',
  reference: 'super-admin.ip-allowlist.list',
};

async function platformRig(profile: SimProfile, sim: SimulatorOptions = {}) {
  return startRig({ sim: { profile, preset: 'designed', ...sim } });
}

/** The handlers on the rig's client; `read` runs the channel to its end. */
function controlsOn(rig: Rig) {
  const handlers = createControlsHandlers({
    db: warRoom.db,
    writer: createJournalWriter(warRoom.deviceId, clock),
    events: warRoom.events,
    outbox: fakeOutbox([]).outbox,
    admin: { requireClient: () => rig.client },
  }) as HandlerMap;
  const invoke = (input: unknown) =>
    invokeChannel(
      handlers,
      createLogger(),
      'controls:platform-state',
      input,
      testContext,
    ) as Promise<Result<PlatformState>>;
  return {
    invoke,
    async read(): Promise<PlatformState> {
      const result = await rig.run(invoke({ incidentId: incident.id }));
      expectNoToken(rig, result);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    },
  };
}

function journalCount(): number {
  const row = warRoom.db
    .prepare('SELECT count(*) AS n FROM journal_entries')
    .get() as { n: number };
  return row.n;
}

const HEAD_OFFICE = {
  id: 'b43486b7-191c-46ff-a260-b8f72411f5ec',
  ipRange: '192.0.2.0/28',
  description: 'Head office NAT',
  active: true,
  expiresAt: null,
  createdAt: '2025-01-14T15:20:33.690125Z',
};

describe.each(PROFILES)('controls:platform-state, %s profile', (profile) => {
  it('reads the lists normalised, writing nothing', async () => {
    const rig = await platformRig(profile);
    if (profile === 'reference') {
      rig.sim.control.serveExample({
        file: 'emergency-lockouts.json',
        name: 'list-active',
        times: 1,
      });
    }
    const before = journalCount();

    const state = await controlsOn(rig).read();

    if (!state.allowlist.available) throw new Error(state.allowlist.reason);
    expect(state.allowlist.items).toContainEqual(
      expect.objectContaining(HEAD_OFFICE),
    );
    expect(state.allowlist.readAt).toMatch(/^\d{4}-\d\d-\d\dT.*\.\d{6}Z$/);
    if (!state.sessions.available) throw new Error(state.sessions.reason);
    expect(state.sessions.items.length).toBeGreaterThan(0);
    for (const session of state.sessions.items) {
      expect(session.sessionId).toEqual(expect.any(String));
      expect(session.lastActivityAt).toMatch(/\.\d{6}Z$/);
    }
    if (profile === 'reference') {
      expect(state.lockouts).toMatchObject({
        available: true,
        items: [
          {
            id: '379a6771-0f87-4fcf-ad4f-5d59bbe4b82c',
            reason: 'Credential stuffing against admin portal',
            expiresAt: '2025-01-20T16:36:04.219877Z',
            createdAt: '2025-01-20T10:36:04.221905Z',
          },
        ],
      });
    } else {
      // The plan has no lockout list: said so, and the others still answer.
      expect(state.lockouts).toEqual({
        available: false,
        reason: expect.stringContaining('not deployed'),
      });
    }
    expect(rig.sim.requests.forRoute(ALLOWLIST_LIST[profile])).toHaveLength(1);
    expect(journalCount()).toBe(before);
  });

  it('answers a switched-off route unavailable, and the others still', async () => {
    const rig = await platformRig(profile, {
      routes: { 'sessions.list': 'absent' },
    });

    const state = await controlsOn(rig).read();

    expect(state.sessions).toEqual({
      available: false,
      reason: expect.stringContaining('not deployed'),
    });
    expect(state.allowlist).toMatchObject({ available: true });
    expect(rig.sim.requests.forRoute('sessions.list')).toHaveLength(0);
  });

  it('answers every list unavailable when the platform is offline', async () => {
    const rig = await platformRig(profile);
    await rig.sim.close();

    const state = await controlsOn(rig).read();

    for (const part of Object.values(state)) {
      expect(part).toEqual({
        available: false,
        reason: expect.stringMatching(/connection refused/),
      });
    }
  });

  it('answers every list unavailable when the token is refused', async () => {
    const rig = await platformRig(profile);
    rig.token.value = 'not-the-commanders-token';

    const state = await controlsOn(rig).read();

    for (const part of Object.values(state)) {
      expect(part).toMatchObject({ available: false });
      expect(JSON.stringify(part)).not.toContain('not-the-commanders-token');
    }
  });
});

describe('controls:platform-state priority', () => {
  it('never waits for the polling budget, which the dashboard spends', async () => {
    const rig = await startRig({
      sim: { profile: 'plan', preset: 'designed' },
      client: { pollBudgetPerMinute: 1 },
    });
    await rig.run(rig.client.discover());
    const before = rig.clock.nowMicros();

    const state = await controlsOn(rig).read();

    expect(state.allowlist).toMatchObject({ available: true });
    expect(rig.clock.nowMicros()).toBe(before);
    // A poll-priority read on the same spent budget has to wait.
    await rig.run(rig.client.allowlistEntries());
    expect(rig.clock.nowMicros()).toBeGreaterThan(before);
  });
});

describe('controls:platform-state input', () => {
  it('refuses an unknown incident and extra fields, reading nothing', async () => {
    const rig = await platformRig('plan');
    const { invoke } = controlsOn(rig);

    const unknown = await invoke({ incidentId: '01KBHQ2ZP4TS1BA5K3V3WDG2GA' });
    const extra = await invoke({ incidentId: incident.id, token: 'x' });

    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(extra).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(rig.seen()).toEqual([]);
  });

  it('says the admin API is not configured, for every list', async () => {
    const handlers = createControlsHandlers({
      db: warRoom.db,
      writer: createJournalWriter(warRoom.deviceId, clock),
      events: warRoom.events,
      outbox: fakeOutbox([]).outbox,
      admin: {
        requireClient: () => {
          throw new AppFailure('invalid-input', 'not configured: no token');
        },
      },
    }) as HandlerMap;

    const result = await invokeChannel(
      handlers,
      createLogger(),
      'controls:platform-state',
      { incidentId: incident.id },
      testContext,
    );

    const part = { available: false, reason: 'not configured: no token' };
    expect(result).toEqual({
      ok: true,
      value: { allowlist: part, sessions: part, lockouts: part },
    });
  });
});
