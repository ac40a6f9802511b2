import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import type { ActionKind } from '../../shared/outbox-types';
import type { Result } from '../../shared/result';
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
afterEach(() => warRoom.close());

const REASON = 'Stolen admin token in use';

function controls(available: ActionKind[] = ['lockdown', 'allowlist-add']) {
  const fake = fakeOutbox(available);
  const handlers = createControlsHandlers({
    db: warRoom.db,
    writer: createJournalWriter(warRoom.deviceId, clock),
    events: warRoom.events,
    outbox: fake.outbox,
    admin: {
      requireClient: () => {
        throw new Error('these tests read nothing from the platform');
      },
    },
    ownAddresses: () => ['192.0.2.10'],
  }) as HandlerMap;
  const invoke = <T>(channel: string, input: unknown) =>
    invokeChannel(
      handlers,
      createLogger(),
      channel,
      input,
      testContext,
    ) as Promise<Result<T>>;
  return { ...fake, invoke };
}

function lockdown(extra: object = {}) {
  return {
    incidentId: incident.id,
    request: { kind: 'lockdown', reason: REASON },
    confirmation: 'lockdown',
    ...extra,
  };
}

function journalKinds(): string[] {
  return warRoom.db
    .prepare(
      'SELECT kind FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
    )
    .all(incident.id)
    .map((row) => (row as { kind: string }).kind);
}

describe('controls:queue-action', () => {
  it('queues a lockdown whose name was typed, and announces it', async () => {
    const { invoke, actions } = controls();
    const pushed: unknown[] = [];
    warRoom.events.subscribe((name, payload) => {
      if (name === 'controls:changed') pushed.push(payload);
    });

    const result = await invoke('controls:queue-action', lockdown());

    expect(result).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ queuedBy: testContext.defaultActor });
    expect(pushed).toEqual([
      { incidentId: incident.id, actionId: 'A0', state: 'queued' },
    ]);
  });

  it.each([
    [{ confirmation: undefined }, /confirmation: type the action's name/],
    [{ confirmation: 'Lockdown!' }, /confirmation/],
    [{ request: { kind: 'lockdown', reason: 'too short' } }, /reason/],
  ])('refuses a lockdown without its guard rails (%o)', async (extra, why) => {
    const { invoke, actions } = controls();

    const result = await invoke('controls:queue-action', lockdown(extra));

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(why) },
    });
    expect(actions).toEqual([]);
  });

  it('refuses an action the server does not offer, pointing to manual', async () => {
    const { invoke, actions } = controls(['allowlist-add']);

    const result = await invoke('controls:queue-action', {
      incidentId: incident.id,
      request: {
        kind: 'address-block',
        reason: REASON,
        address: '203.0.113.9',
      },
    });

    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: expect.stringContaining('manual action'),
      },
    });
    expect(actions).toEqual([]);
  });

  it('refuses /0 and holds back a warned address until accepted', async () => {
    const { invoke, actions } = controls();
    const add = (address: string, acceptWarnings?: boolean) =>
      invoke<{ warnings: { kind: string }[] }>('controls:queue-action', {
        incidentId: incident.id,
        request: {
          kind: 'allowlist-add',
          reason: REASON,
          address,
          description: null,
          expiresAt: null,
        },
        acceptWarnings,
      });

    expect(await add('0.0.0.0/0')).toMatchObject({ ok: false });
    expect(await add('::/0')).toMatchObject({ ok: false });
    expect(await add('192.0.2.0/24')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("console's own address") },
    });
    expect(actions).toEqual([]);

    const accepted = await add('192.0.2.0/24', true);
    expect(accepted).toMatchObject({
      ok: true,
      value: { warnings: [{ kind: 'own-address' }] },
    });
    expect(actions).toHaveLength(1);
  });
});

describe('the two-person rule', () => {
  async function setUp() {
    const kit = controls();
    await kit.invoke('controls:add-second-person', {
      name: 'Bea',
      passphrase: 'a long second passphrase',
    });
    await kit.invoke('controls:set-two-person-rule', { enabled: true });
    return kit;
  }

  it('keeps the passphrase only as a scrypt hash', async () => {
    const { invoke } = await setUp();

    const settings = await invoke('controls:settings', {});

    expect(settings).toMatchObject({
      ok: true,
      value: { twoPersonRule: true, secondPeople: [{ name: 'Bea' }] },
    });
    const row = warRoom.db
      .prepare('SELECT passphrase_hash FROM second_persons')
      .get() as { passphrase_hash: string };
    expect(row.passphrase_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const journal = warRoom.db
      .prepare('SELECT payload FROM journal_entries')
      .all()
      .map((entry) => JSON.stringify(entry));
    expect(journal.join('\n')).not.toContain('second passphrase');
    expect(journal.join('\n')).not.toContain(row.passphrase_hash);
  });

  it('needs the second person and their passphrase; records both', async () => {
    const { invoke, actions } = await setUp();

    const alone = await invoke('controls:queue-action', lockdown());
    const wrong = await invoke(
      'controls:queue-action',
      lockdown({ secondPerson: { name: 'Bea', passphrase: 'guess' } }),
    );
    const self = await invoke(
      'controls:queue-action',
      lockdown({
        secondPerson: {
          name: testContext.defaultActor,
          passphrase: 'a long second passphrase',
        },
      }),
    );
    expect(alone).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(self).toMatchObject({ ok: false });
    expect(actions).toEqual([]);

    const both = await invoke(
      'controls:queue-action',
      lockdown({
        secondPerson: { name: 'bea', passphrase: 'a long second passphrase' },
      }),
    );
    expect(both).toMatchObject({ ok: true });
    expect(actions[0]).toMatchObject({
      queuedBy: testContext.defaultActor,
      secondPerson: 'bea',
    });
  });

  it('is turned on only once a second person is set up', async () => {
    const { invoke } = controls();

    const result = await invoke('controls:set-two-person-rule', {
      enabled: true,
    });

    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('second person') },
    });
  });

  it('is turned off only with a second person', async () => {
    const { invoke } = await setUp();

    const alone = await invoke('controls:set-two-person-rule', {
      enabled: false,
    });
    const together = await invoke('controls:set-two-person-rule', {
      enabled: false,
      secondPerson: { name: 'Bea', passphrase: 'a long second passphrase' },
    });

    expect(alone).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(together).toMatchObject({
      ok: true,
      value: { twoPersonRule: false },
    });
  });

  it('refuses the same second person twice', async () => {
    const { invoke } = await setUp();

    const again = await invoke('controls:add-second-person', {
      name: 'BEA',
      passphrase: 'another long passphrase',
    });

    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });
});

describe('controls:record-manual', () => {
  it('adds a required checklist item and a journal entry', async () => {
    const { invoke } = controls(['allowlist-add']);

    const result = await invoke<{ checklistItemId: string }>(
      'controls:record-manual',
      {
        incidentId: incident.id,
        kind: 'address-block',
        target: '203.0.113.9',
        reason: REASON,
      },
    );

    expect(result.ok).toBe(true);
    const item = warRoom.db
      .prepare(
        'SELECT title, phase, required FROM checklist_items WHERE item_id = ?',
      )
      .get(result.ok ? result.value.checklistItemId : '');
    expect(item).toEqual({
      title: 'Manual address-block 203.0.113.9 at the firewall or WAF',
      phase: 'containment',
      required: 1,
    });
    expect(journalKinds()).toEqual([
      'incident.opened',
      'checklist.item-added',
      'controls.manual-action',
    ]);
  });
});

describe("through the War Room's own outbox", () => {
  it('offers nothing without a platform, and records the manual step', async () => {
    const overview = await invokeOk<{
      availability: { kind: string; available: boolean }[];
      waiting: number;
    }>(warRoom, 'controls:overview', { incidentId: incident.id });
    expect(overview.availability.length).toBeGreaterThan(0);
    expect(overview.availability.every((item) => !item.available)).toBe(true);
    expect(overview.waiting).toBe(0);

    const queued = await warRoom.invoke(
      'controls:queue-action',
      lockdown(),
      testContext,
    );
    expect(queued).toMatchObject({ ok: false, error: { kind: 'unavailable' } });

    await invokeOk(warRoom, 'controls:record-manual', {
      incidentId: incident.id,
      kind: 'lockdown',
      reason: REASON,
    });
    expect(journalKinds().slice(-2)).toEqual([
      'checklist.item-added',
      'controls.manual-action',
    ]);
    expect(
      await invokeOk(warRoom, 'controls:list-actions', {
        incidentId: incident.id,
      }),
    ).toEqual([]);
  });

  it('names what is wrong with a bad input and writes nothing', async () => {
    const before = journalKinds();

    const result = await warRoom.invoke(
      'controls:record-manual',
      { incidentId: incident.id, kind: 'launch-missiles', reason: 'x' },
      testContext,
    );

    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringContaining('kind'),
      },
    });
    expect(journalKinds()).toEqual(before);
  });
});
