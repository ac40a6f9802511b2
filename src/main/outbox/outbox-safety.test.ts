import { describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../shared/outbox-types';
import { createJournalWriter } from '../journal/append-entries';
import { createLogger } from '../logger';
import { createOutbox } from './outbox';
import {
  INCIDENT,
  type OutboxRig,
  type OutboxRigOptions,
  useOutboxRigs,
} from './outbox-test-kit';

const openRig = useOutboxRigs();
const open = (options: OutboxRigOptions = {}) =>
  openRig({ ...options, sim: { preset: 'designed', ...options.sim } });

const META = { incidentId: INCIDENT, actor: 'ana' };
const MINUTE = 60_000;
const ATTACKER = '203.0.113.45';

const BLOCK: ActionRequest = {
  kind: 'address-block',
  reason: 'Credential stuffing from this address',
  address: ATTACKER,
};

const LOCKOUT: ActionRequest = {
  kind: 'lockout-create',
  reason: 'Admin token leaked in a paste',
  message: 'The admin console is locked; ask the incident commander',
  durationHours: 24,
  allowReadOnly: true,
};

/** Every request that carried the address anywhere, or named blocking. */
function blockTraffic(rig: OutboxRig) {
  return rig.sim.requests
    .all()
    .filter(
      (r) =>
        /block/i.test(r.path) ||
        r.bodyText.includes(ATTACKER) ||
        r.search.includes(ATTACKER),
    );
}

describe('an action queued offline', () => {
  it('is not sent after waiting past the limit until reconfirmed', async () => {
    const rig = await open({ connection: 'offline' });
    await rig.run(rig.client.discover());
    rig.outbox.start();
    const action = rig.outbox.queue(LOCKOUT, META);
    expect(action.queuedOffline).toBe(true);

    rig.clock.advanceMicros(16 * MINUTE * 1000);
    rig.connection.state = 'online';
    rig.outbox.kick();
    await rig.drain();
    await rig.timers.advance(60 * MINUTE);

    expect(rig.sim.requests.writes()).toEqual([]);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'needs-reconfirmation',
      attempts: 0,
    });
    expect(rig.outbox.waitingCount()).toBe(1);

    rig.outbox.reconfirm(action.id, 'ben');
    await rig.drain();
    expect(rig.sim.requests.writes()).toHaveLength(1);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'confirmed',
      reconfirmedBy: 'ben',
    });
  });

  it('is sent when the platform is back within the limit', async () => {
    const rig = await open({ connection: 'offline' });
    await rig.run(rig.client.discover());
    rig.outbox.start();
    const action = rig.outbox.queue(LOCKOUT, META);

    rig.clock.advanceMicros(14 * MINUTE * 1000);
    rig.connection.state = 'online';
    rig.outbox.kick();
    await rig.drain();

    expect(rig.sim.requests.writes()).toHaveLength(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });

  it('follows a configured limit', async () => {
    const rig = await open({
      connection: 'offline',
      outbox: { staleAfterMs: 2 * MINUTE },
    });
    await rig.run(rig.client.discover());
    rig.outbox.start();
    const action = rig.outbox.queue(LOCKOUT, META);

    rig.clock.advanceMicros(3 * MINUTE * 1000);
    rig.connection.state = 'online';
    rig.outbox.kick();
    await rig.drain();

    expect(rig.outbox.get(action.id)?.state).toBe('needs-reconfirmation');
    expect(rig.sim.requests.writes()).toEqual([]);
  });
});

describe('an action queued before War Room was closed', () => {
  it('needs reconfirming when it was closed longer than the limit', async () => {
    const rig = await open();
    await rig.run(rig.client.discover());
    const action = rig.outbox.queue(LOCKOUT, META);
    expect(action.queuedOffline).toBe(false);

    rig.clock.advanceMicros(20 * MINUTE * 1000);
    rig.outbox.start();
    await rig.drain();

    expect(rig.outbox.get(action.id)?.state).toBe('needs-reconfirmation');
    expect(rig.sim.requests.writes()).toEqual([]);
  });
});

describe('blocking an address', () => {
  it('is refused at once where only the allowlist exists', async () => {
    const rig = await open({
      sim: { routes: { 'security.ip-blocklist.create': 'absent' } },
    });
    await rig.run(rig.client.discover());
    const block = rig.outbox
      .availability()
      .find((a) => a.kind === 'address-block');
    expect(block).toMatchObject({
      available: false,
      capabilityState: 'absent',
      route: null,
    });
    expect(block?.manualFallback).toMatch(/firewall or WAF/);
    expect(rig.client.has('allowlist-add')).toBe(true);

    expect(() => rig.outbox.queue(BLOCK, META)).toThrow(
      /cannot be sent: .*By hand: Block the address at the firewall/,
    );

    rig.outbox.start();
    await rig.drain();
    expect(rig.outbox.list()).toEqual([]);
    expect(blockTraffic(rig)).toEqual([]);
  });

  it('queued before discovery, fails without a request', async () => {
    const rig = await open({
      sim: { routes: { 'security.ip-blocklist.create': 'absent' } },
    });
    const action = rig.outbox.queue(BLOCK, META);
    expect(rig.sim.requests.all()).toEqual([]);

    rig.outbox.start();
    await rig.drain();

    expect(rig.outbox.get(action.id)?.state).toBe('failed');
    expect(rig.client.has('allowlist-add')).toBe(true);
    expect(blockTraffic(rig)).toEqual([]);
    expect(rig.sim.requests.writes()).toEqual([]);
  });

  it('goes to a declared block list and only there', async () => {
    const rig = await open();
    await rig.run(rig.client.discover());
    const action = rig.outbox.queue(BLOCK, META);
    rig.outbox.start();

    await rig.drain();

    const traffic = blockTraffic(rig);
    expect(traffic.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/admin/security/ip-blocklist',
    ]);
    expect(rig.sim.control.effectCount('blocklist.entry-created')).toBe(1);
    expect(rig.sim.control.effectCount('allowlist.entry-created')).toBe(0);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });
});

describe('a restart', () => {
  it('turns an action caught on the wire into unknown and reads it back', async () => {
    const rig = await open();
    await rig.run(rig.client.discover());
    const action = rig.outbox.queue(LOCKOUT, META);
    // As if the console died after the server acted, before the answer.
    await rig.run(
      rig.client.request(
        'POST',
        '/api/admin/super-admin/security/emergency/lockout',
        {
          body: {
            reason: LOCKOUT.reason,
            message: (LOCKOUT as { message: string }).message,
          },
          idempotencyKey: action.id,
          priority: 'emergency',
        },
      ),
    );
    rig.db
      .prepare(
        "UPDATE outbox_actions SET state = 'sending', attempts = 1 WHERE id = ?",
      )
      .run(action.id);

    const restarted = createOutbox({
      db: rig.db,
      writer: createJournalWriter('device-test', rig.clock),
      clock: rig.clock,
      timers: rig.timers,
      logger: createLogger(),
      link: { client: () => rig.client, connection: () => 'online' },
    });
    const seen: string[] = [];
    restarted.onChanged((changed) => seen.push(changed.state));
    restarted.start();
    await rig.drain();
    await restarted.stop();

    expect(seen).toEqual(['unknown', 'confirmed']);
    expect(rig.sim.control.effectCount('lockout.created')).toBe(1);
    expect(rig.sim.requests.writes()).toHaveLength(1);
    expect(restarted.get(action.id)?.resultId).toBe(
      rig.sim.control.effects()[0].target,
    );
  });
});
