import { describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../shared/outbox-types';
import {
  INCIDENT,
  type OutboxRig,
  type OutboxRigOptions,
  useOutboxRigs,
} from './outbox-test-kit';

const openRig = useOutboxRigs();
const open = (options: OutboxRigOptions = {}) =>
  openRig(
    { ...options, sim: { preset: 'designed', ...options.sim } },
    { discover: true },
  );

const META = { incidentId: INCIDENT, actor: 'ana' };

const LOCKDOWN: ActionRequest = {
  kind: 'lockdown',
  reason: 'Admin token leaked in a public paste',
};

function lockout(n: number): ActionRequest {
  return {
    kind: 'lockout-create',
    reason: `Containment lockout number ${n}`,
    message: `The admin console is locked (${n}); contact the commander`,
    durationHours: 24,
    allowReadOnly: false,
  };
}

type EntryRow = { kind: string; actor: string; payload: string };

function entries(rig: OutboxRig): EntryRow[] {
  return rig.db
    .prepare(
      `SELECT kind, actor, payload FROM journal_entries
        WHERE scope = ? ORDER BY scope_pos`,
    )
    .all(INCIDENT) as EntryRow[];
}

function writes(rig: OutboxRig) {
  return rig.sim.requests.writes();
}

describe('queueing', () => {
  it('journals the request and inserts the row together', async () => {
    const rig = await open();

    const action = rig.outbox.queue(LOCKDOWN, {
      ...META,
      secondPerson: 'ben',
    });

    expect(action).toMatchObject({
      incidentId: INCIDENT,
      kind: 'lockdown',
      state: 'queued',
      queuedBy: 'ana',
      secondPerson: 'ben',
      attempts: 0,
      queuedOffline: false,
      route: 'POST /api/admin/security/emergency-lockdown',
    });
    const [requested] = entries(rig);
    expect(requested.kind).toBe('action.requested');
    expect(requested.actor).toBe('ana');
    expect(JSON.parse(requested.payload)).toMatchObject({
      actionId: action.id,
      request: LOCKDOWN,
      secondPerson: 'ben',
    });
    expect(rig.outbox.get(action.id)).toEqual(action);
    expect(rig.outbox.waitingCount(INCIDENT)).toBe(1);
  });

  it('refuses a bad request, naming the field, and writes nothing', async () => {
    const rig = await open();
    const short = { kind: 'lockdown', reason: 'too short' } as ActionRequest;

    expect(() => rig.outbox.queue(short, META)).toThrow(/reason/);
    expect(() =>
      rig.outbox.queue(LOCKDOWN, { ...META, incidentId: 'nope' }),
    ).toThrow(/no incident/);

    expect(entries(rig)).toEqual([]);
    expect(rig.outbox.list()).toEqual([]);
  });

  it('refuses what the platform cannot do and says how to do it by hand', async () => {
    const rig = await open();
    const reset: ActionRequest = {
      kind: 'password-reset',
      reason: 'Credentials phished',
      userId: 'user_2abc',
    };

    expect(() => rig.outbox.queue(reset, META)).toThrow(/By hand: .*Clerk/);
    expect(rig.outbox.list()).toEqual([]);
  });
});

describe('sending', () => {
  it('sends once with the action id as Idempotency-Key and confirms', async () => {
    const rig = await open();
    const action = rig.outbox.queue(LOCKDOWN, META);
    rig.outbox.start();

    await rig.drain();

    const [post] = writes(rig);
    expect(writes(rig)).toHaveLength(1);
    expect(post.path).toBe('/api/admin/security/emergency-lockdown');
    expect(post.query.reason).toBe(LOCKDOWN.reason);
    expect(post.headers['idempotency-key']).toBe(action.id);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'confirmed',
      attempts: 1,
      lastAnswer: { status: 200 },
    });
    expect(entries(rig).map((e) => e.kind)).toEqual([
      'action.requested',
      'action.sent',
      'action.answered',
    ]);
    expect(JSON.stringify(entries(rig))).not.toContain(rig.sim.token);
    expect(rig.outbox.waitingCount()).toBe(0);
  });

  it('sends nothing while offline, and everything once back', async () => {
    const rig = await open({ connection: 'offline' });
    const action = rig.outbox.queue(lockout(1), META);
    rig.outbox.start();
    await rig.timers.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(writes(rig)).toEqual([]);
    expect(rig.outbox.get(action.id)?.state).toBe('queued');

    rig.connection.state = 'online';
    rig.outbox.kick();
    await rig.drain();
    expect(writes(rig)).toHaveLength(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });

  it('waits out Retry-After before sending again', async () => {
    const rig = await open();
    rig.sim.control.inject({
      kind: 'rate-limited',
      retryAfterSeconds: 120,
      times: 1,
    });
    const action = rig.outbox.queue(lockout(1), META);
    const before = rig.clock.nowMicros();
    rig.outbox.start();

    await rig.drain();

    const posts = writes(rig);
    expect(posts.map((p) => p.status)).toEqual([429, 201]);
    expect(rig.timers.requested()).toContain(120_000);
    expect(rig.clock.nowMicros() - before).toBeGreaterThanOrEqual(120_000_000);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'confirmed',
      attempts: 2,
    });
  });

  it('fails with the server answer on a refusal and does not retry', async () => {
    const rig = await open();
    const lift: ActionRequest = {
      kind: 'lockout-lift',
      reason: 'Containment done',
      lockoutId: '00000000-0000-4000-8000-00000000abcd',
    };
    const action = rig.outbox.queue(lift, META);
    rig.outbox.start();

    await rig.drain();

    expect(writes(rig)).toHaveLength(1);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'failed',
      lastAnswer: { status: 404, summary: 'Emergency lockout not found' },
    });
  });
});

describe('before the server has said what it offers', () => {
  it('asks again after a pause, and sends once it knows', async () => {
    const rig = await openRig({ sim: { preset: 'designed' } });
    await rig.sim.control.down();
    const action = rig.outbox.queue(lockout(3), META);
    expect(rig.outbox.availability()[0].capabilityState).toBe('unknown');
    rig.outbox.start();

    await rig.drain(() => rig.outbox.get(action.id)?.nextAttemptAt !== null);
    const waiting = rig.outbox.get(action.id)!;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 0 });
    expect(waiting.stateReason).toMatch(/waiting for the server to say/);
    const wait =
      Date.parse(waiting.nextAttemptAt!) - Date.parse(waiting.updatedAt);
    expect(wait).toBe(30_000);

    await rig.sim.control.up();
    await rig.drain();
    expect(writes(rig)).toHaveLength(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });
});

describe('when the answer is lost', () => {
  it('never resends a lockdown on its own; the commander decides', async () => {
    const rig = await open();
    rig.sim.control.inject({
      kind: 'reset-after',
      route: 'security.emergency-lockdown',
      times: 1,
    });
    const action = rig.outbox.queue(LOCKDOWN, META);
    rig.outbox.start();

    await rig.drain();
    await rig.timers.advance(60 * 60_000);

    expect(writes(rig)).toHaveLength(1);
    expect(rig.sim.control.effectCount('lockdown.activated')).toBe(1);
    expect(rig.outbox.get(action.id)).toMatchObject({
      state: 'unknown',
      nextAttemptAt: null,
    });
    expect(rig.outbox.waitingCount()).toBe(1);

    const resolved = rig.outbox.resolveUnknown(action.id, 'ana', 'took-effect');
    expect(resolved.state).toBe('confirmed');
    const last = entries(rig).at(-1)!;
    expect(last).toMatchObject({ kind: 'action.state-changed', actor: 'ana' });
  });

  it('reads the lockouts back before posting a second one', async () => {
    const rig = await open();
    rig.sim.control.inject({
      kind: 'reset-after',
      route: 'lockouts.create',
      times: 1,
    });
    const action = rig.outbox.queue(lockout(7), META);
    rig.outbox.start();

    await rig.drain();

    expect(writes(rig)).toHaveLength(1);
    expect(rig.sim.control.effectCount('lockout.created')).toBe(1);
    const confirmed = rig.outbox.get(action.id)!;
    expect(confirmed.state).toBe('confirmed');
    expect(confirmed.resultId).toBe(rig.sim.control.effects()[0].target);
    expect(entries(rig).map((e) => e.kind)).toContain('action.read-back');
  });

  it('posts again when the read-back shows it did not take effect', async () => {
    const rig = await open();
    rig.sim.control.inject({
      kind: 'error-rate',
      rate: 1,
      route: 'lockouts.create',
      times: 1,
    });
    const action = rig.outbox.queue(lockout(8), META);
    rig.outbox.start();

    await rig.drain();

    expect(writes(rig).map((w) => w.status)).toEqual([500, 201]);
    expect(rig.sim.control.effectCount('lockout.created')).toBe(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });

  it('replays safely where the server honours Idempotency-Key', async () => {
    const rig = await open({ sim: { idempotency: 'honour' } });
    rig.sim.control.inject({
      kind: 'reset-after',
      route: 'security.emergency-lockdown',
      times: 1,
    });
    const action = rig.outbox.queue(LOCKDOWN, META);
    rig.outbox.start();

    await rig.drain();

    expect(writes(rig)).toHaveLength(2);
    expect(rig.sim.control.effectCount('lockdown.activated')).toBe(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });

  it('resends the very request it first sent, whatever discovery learns in between', async () => {
    const rig = await open({
      sim: { idempotency: 'honour', profile: 'reference' },
    });
    // Found by probing, the lockdown route cannot say whether the reason
    // goes in the query or the body, so the first attempt sends both.
    rig.sim.control.setOpenApi(false);
    await rig.run(rig.client.discover());
    rig.sim.control.inject({
      kind: 'reset-after',
      route: 'security.emergency-lockdown',
      times: 1,
    });
    const action = rig.outbox.queue(LOCKDOWN, META);
    rig.outbox.start();
    await rig.drain(() => writes(rig).length >= 1);
    // The OpenAPI document now says: the query only. Nothing can be read
    // back, so the commander chooses to send it again.
    rig.sim.control.setOpenApi(true);
    await rig.run(rig.client.discover());
    await rig.drain(() => rig.outbox.get(action.id)?.state === 'unknown');
    rig.outbox.retry(action.id, 'ana');

    await rig.drain();

    const [first, second] = writes(rig);
    expect(second).toBeDefined();
    expect([
      second.method,
      second.path,
      second.search,
      second.bodyText,
    ]).toEqual([first.method, first.path, first.search, first.bodyText]);
    expect(rig.sim.control.effectCount('lockdown.activated')).toBe(1);
    expect(rig.outbox.get(action.id)?.state).toBe('confirmed');
  });
});

describe('commander moves', () => {
  it('cancels a queued action, journaled with who and why', async () => {
    const rig = await open({ connection: 'offline' });
    const action = rig.outbox.queue(LOCKDOWN, META);
    const seen: string[] = [];
    rig.outbox.onChanged((changed) => seen.push(changed.state));

    const cancelled = rig.outbox.cancel(action.id, 'ben', 'Wrong incident');

    expect(cancelled.state).toBe('cancelled');
    expect(seen).toEqual(['cancelled']);
    expect(JSON.parse(entries(rig).at(-1)!.payload)).toMatchObject({
      from: 'queued',
      to: 'cancelled',
      reason: 'Wrong incident',
    });
    expect(() => rig.outbox.reconfirm(action.id, 'ben')).toThrow(
      /cannot reconfirm an action that is cancelled/,
    );
    expect(() => rig.outbox.get('missing')).not.toThrow();
    expect(() => rig.outbox.cancel('missing', 'ben', 'x')).toThrow(/no action/);
  });
});
