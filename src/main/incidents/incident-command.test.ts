import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentCommandState } from '../../shared/incident-command-types';
import type { Incident } from '../../shared/ipc-contract';
import type { VerifyReport } from '../../shared/journal-types';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let clock: ReturnType<typeof openTestWarRoom>['clock'];

beforeEach(() => {
  ({ warRoom, clock } = openTestWarRoom(undefined, { withPlaybooks: true }));
});

afterEach(() => warRoom.close());

async function open(
  category = 'authentication-access-control',
  subtype?: string,
) {
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'SuperAdmin session hijack',
    severity: 'high',
    category,
    subtype,
    detectedAt: '2026-12-03T16:00:00Z',
    detectionMethod: 'alert',
  });
  return incident.id;
}

const state = (incidentId: string) =>
  invokeOk<IncidentCommandState>(warRoom, 'command:state', { incidentId });

function command(channel: string, input: Record<string, unknown>) {
  return warRoom.invoke(channel, input, testContext);
}

describe('incident command', () => {
  it('starts an incident with the general checklist and its playbooks', async () => {
    const superAdmin = await open(
      'authentication-access-control',
      'compromised-superadmin-accounts',
    );
    const network = await open('network-security');

    const withPlaybook = await state(superAdmin);
    const general = await state(network);

    expect(withPlaybook.playbooks.map((playbook) => playbook.id)).toEqual([
      'incident-response-checklist',
      'compromised-superadmin-account',
    ]);
    expect(general.playbooks.map((playbook) => playbook.id)).toEqual([
      'incident-response-checklist',
    ]);
    expect(general.checklist.length).toBeGreaterThan(30);
    expect(general.phase).toBe('detection-and-analysis');
  });

  it('keeps the severity history and refuses a change without a reason', async () => {
    const id = await open();
    clock.advanceMicros(60_000_000);

    const raised = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:change-severity',
      { incidentId: id, severity: 'critical', reason: 'admin data exported' },
    );
    const noReason = await command('command:change-severity', {
      incidentId: id,
      severity: 'low',
    });

    expect(raised.severity).toBe('critical');
    expect(
      raised.severityHistory.map((change) => [
        change.previous,
        change.severity,
      ]),
    ).toEqual([
      [null, 'high'],
      ['high', 'critical'],
    ]);
    expect(raised.severityHistory[1].at).toBe('2026-12-03T16:01:00.000000Z');
    expect(noReason).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/reason/),
      },
    });
  });

  it('blocks leaving a phase while required items are open, unless overridden', async () => {
    const id = await open('network-security');

    const blocked = await command('command:advance-phase', {
      incidentId: id,
      phase: 'containment',
    });
    const overridden = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:advance-phase',
      {
        incidentId: id,
        phase: 'containment',
        overrideReason: 'containing first, logging afterwards',
      },
    );

    expect(blocked).toMatchObject({ ok: false, error: { kind: 'blocked' } });
    expect(!blocked.ok && blocked.error.message).toMatch(
      /incident-response-checklist\//,
    );
    expect(overridden.phase).toBe('containment');
    expect(overridden.phaseHistory[0].overrideReason).toBe(
      'containing first, logging afterwards',
    );
  });

  it('lets the phase advance once its required items are done or skipped', async () => {
    const id = await open('network-security');
    const { blockers } = await state(id);
    const [first, ...rest] = blockers[0].itemIds;

    await invokeOk(warRoom, 'checklist:set-item', {
      incidentId: id,
      itemId: first,
      state: 'done',
    });
    const skipWithoutReason = await command('checklist:set-item', {
      incidentId: id,
      itemId: rest[0] ?? first,
      state: 'skipped',
    });
    for (const itemId of rest) {
      await invokeOk(warRoom, 'checklist:set-item', {
        incidentId: id,
        itemId,
        state: 'skipped',
        reason: 'not relevant here',
      });
    }
    const advanced = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:advance-phase',
      { incidentId: id, phase: 'containment' },
    );

    expect(skipWithoutReason).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(advanced.phase).toBe('containment');
    expect(advanced.phaseHistory[0].overrideReason).toBeNull();
  });

  it('hands a role over and records who held it when', async () => {
    const id = await open();
    await invokeOk(warRoom, 'command:assign-role', {
      incidentId: id,
      role: 'incident-commander',
      person: 'Ana',
    });
    clock.advanceMicros(3_600_000_000);

    const after = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:assign-role',
      { incidentId: id, role: 'incident-commander', person: 'Ben' },
    );

    expect(
      after.roles.map((role) => [
        role.person,
        role.assumedAt,
        role.handedOverAt,
      ]),
    ).toEqual([
      ['Ana', '2026-12-03T16:00:00.000000Z', '2026-12-03T17:00:00.000000Z'],
      ['Ben', '2026-12-03T17:00:00.000000Z', null],
    ]);
  });

  it('records milestones with their real time, after the fact', async () => {
    const id = await open();

    const after = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:set-milestone',
      {
        incidentId: id,
        milestone: 'first-seen',
        at: '2026-12-03T09:12:00-05:00',
        note: 'first login from the TOR exit node',
      },
    );

    expect(after.milestones).toEqual([
      expect.objectContaining({
        milestone: 'first-seen',
        at: '2026-12-03T14:12:00.000000Z',
        offset: '-05:00',
      }),
    ]);
  });

  it('closes only with a resolution, blocked by required items unless overridden', async () => {
    const id = await open('network-security');

    const blocked = await command('command:close', {
      incidentId: id,
      resolution: 'false-positive',
    });
    const closed = await invokeOk<IncidentCommandState>(
      warRoom,
      'command:close',
      {
        incidentId: id,
        resolution: 'false-positive',
        overrideReason: 'scanner misconfiguration, nothing to do',
      },
    );
    const afterClose = await command('command:change-severity', {
      incidentId: id,
      severity: 'low',
      reason: 'x',
    });

    expect(blocked).toMatchObject({ ok: false, error: { kind: 'blocked' } });
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: 'false-positive',
    });
    expect(afterClose).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });

  it('adds ad-hoc items and attaches another playbook, once', async () => {
    const id = await open('network-security');

    const item = await invokeOk<{ id: string; adHoc: boolean }>(
      warRoom,
      'checklist:add-item',
      {
        incidentId: id,
        phase: 'containment',
        title: 'Call the ISP',
        required: true,
      },
    );
    const attached = await invokeOk<IncidentCommandState>(
      warRoom,
      'checklist:attach-playbook',
      { incidentId: id, playbookId: 'data-breach' },
    );
    const twice = await command('checklist:attach-playbook', {
      incidentId: id,
      playbookId: 'data-breach',
    });
    const unknown = await command('checklist:attach-playbook', {
      incidentId: id,
      playbookId: 'no-such-playbook',
    });

    expect(item.adHoc).toBe(true);
    expect(attached.checklist.some((line) => line.id === item.id)).toBe(true);
    expect(attached.playbooks.map((playbook) => playbook.id)).toContain(
      'data-breach',
    );
    expect(twice).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('journals every action so the chain still verifies', async () => {
    const id = await open();
    await invokeOk(warRoom, 'command:change-severity', {
      incidentId: id,
      severity: 'critical',
      reason: 'r',
    });
    await invokeOk(warRoom, 'command:assign-role', {
      incidentId: id,
      role: 'security-lead',
      person: 'Cy',
    });
    await invokeOk(warRoom, 'command:record-detection', {
      incidentId: id,
      detectedAt: '2026-12-03T15:55:00Z',
      detectionMethod: 'monitoring',
    });

    const report = await invokeOk<VerifyReport>(warRoom, 'journal:verify', {});
    const kinds = (
      warRoom.db
        .prepare(
          'SELECT kind FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
        )
        .all(id) as { kind: string }[]
    ).map((row) => row.kind);

    expect(report.ok).toBe(true);
    expect(kinds).toEqual([
      'incident.opened',
      'checklist.attached',
      'incident.severity-changed',
      'incident.role-assigned',
      'incident.detection-recorded',
    ]);
  });
});
