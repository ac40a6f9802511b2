import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Contact, ImportReport } from '../../shared/contacts-types';
import type { EscalationOverview } from '../../shared/escalation-plan';
import type { Incident } from '../../shared/ipc-contract';
import {
  ORGANISATION_SCOPE,
  type JournalEntry,
} from '../../shared/journal-types';
import { MICROS_PER_MINUTE } from '../../shared/response-clock';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
  type ManualClock,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let clock: ManualClock;
let incident: Incident;

beforeEach(async () => {
  ({ warRoom, clock } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Customer table copied out',
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
  });
});
afterEach(() => warRoom.close());

const overview = () =>
  invokeOk<EscalationOverview>(warRoom, 'escalation:overview', {
    incidentId: incident.id,
  });

function organisationKinds(): string[] {
  return (
    warRoom.db
      .prepare(
        'SELECT kind FROM journal_entries WHERE scope = ? ORDER BY scope_pos',
      )
      .all(ORGANISATION_SCOPE) as { kind: string }[]
  ).map((row) => row.kind);
}

it('seeds the plan contacts, placeholders marked to be determined', async () => {
  const contacts = await invokeOk<Contact[]>(warRoom, 'contacts:list', {});
  const onCall = contacts.find((c) => c.name === 'On-Call Engineer');
  expect(onCall?.notes).toBe('Phone: to be determined');
  expect(onCall?.channels).toEqual([]);
  expect(
    contacts.some((c) => c.channels.some((x) => /X{3}/.test(x.value))),
  ).toBe(false);
  const security = await invokeOk<Contact[]>(warRoom, 'contacts:list', {
    role: 'security-team',
  });
  expect(security.map((c) => c.name)).toEqual([
    'On-Call Engineer',
    'Security Team',
  ]);
});

it('journals contact changes in the organisation scope', async () => {
  // Seeding waits for the first use, so other journals stay untouched.
  expect(organisationKinds()).toEqual([]);
  await invokeOk(warRoom, 'contacts:list', {});
  const before = organisationKinds().length;
  expect(before).toBeGreaterThan(0);
  const saved = await invokeOk<Contact>(warRoom, 'contacts:save', {
    contact: { name: 'Dora', roles: ['legal'] },
  });
  await invokeOk(warRoom, 'contacts:remove', { id: saved.id });
  expect(organisationKinds().slice(before)).toEqual([
    'contacts.saved',
    'contacts.removed',
  ]);
});

it('imports the good CSV rows, reports the bad, writes nothing else', async () => {
  const report = await invokeOk<ImportReport>(warRoom, 'contacts:import', {
    format: 'csv',
    text: 'name,email\nEve,eve@example.com\n,nobody@example.com\n',
  });
  expect(report.imported).toBe(1);
  expect(report.problems).toEqual([
    { position: 3, message: expect.stringMatching(/^name:/) },
  ]);
  const found = await invokeOk<Contact[]>(warRoom, 'contacts:list', {
    query: 'nobody',
  });
  expect(found).toEqual([]);
});

it('logs notifications and acknowledgements as incident entries', async () => {
  expect((await overview()).escalation.audiences[0]).toMatchObject({
    audience: 'c-level',
    notified: false,
  });
  clock.advanceMicros(16 * MICROS_PER_MINUTE);
  expect((await overview()).escalation.overdueCount).toBe(1);

  const log = await invokeOk<{ entryId: string }[]>(
    warRoom,
    'escalation:notify',
    {
      incidentId: incident.id,
      audience: 'c-level',
      contactName: 'CEO',
      channel: 'phone',
    },
  );
  await invokeOk(warRoom, 'escalation:acknowledge', {
    incidentId: incident.id,
    notificationId: log[0].entryId,
  });
  const after = await overview();
  expect(after.escalation.overdueCount).toBe(0);
  expect(after.notifications[0].acknowledgedAt).not.toBeNull();
  const second = await warRoom.invoke(
    'escalation:acknowledge',
    { incidentId: incident.id, notificationId: log[0].entryId },
    testContext,
  );
  expect(second).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
});

it('runs the 72-hour clock until a regulatory notification is sent', async () => {
  const first = await overview();
  expect(first.regulatory?.hours).toBe(72);
  expect(first.regulatory?.clock.notifiedAtMicros).toBeNull();
  await invokeOk(warRoom, 'comms:record-sent', {
    incidentId: incident.id,
    templateId: 'regulatory-notification',
    audience: 'regulator',
    channel: 'portal',
    body: 'Filed',
  });
  expect((await overview()).regulatory?.clock.notifiedAtMicros).not.toBeNull();
});

it('drafts an update from the incident and resets the update reminder', async () => {
  const { body } = await invokeOk<{ body: string }>(warRoom, 'comms:draft', {
    incidentId: incident.id,
    templateId: 'internal-update',
  });
  expect(body).toContain('Customer table copied out');
  expect(body).toContain('**Severity:** critical');
  expect(body).toMatch(/## Actions\n\n- /);
  const due = (await overview()).nextUpdate.dueMicros;
  clock.advanceMicros(10 * MICROS_PER_MINUTE);
  const sent = await invokeOk<JournalEntry[]>(warRoom, 'comms:record-sent', {
    incidentId: incident.id,
    templateId: 'internal-update',
    audience: 'internal',
    channel: 'chat',
    body,
  });
  expect(sent).toHaveLength(1);
  expect((await overview()).nextUpdate.dueMicros).toBe(
    due + 10 * MICROS_PER_MINUTE,
  );
});

it('refuses a notification for an unknown incident', async () => {
  const result = await warRoom.invoke(
    'escalation:notify',
    {
      incidentId: 'nope',
      audience: 'c-level',
      contactName: 'CEO',
      channel: 'phone',
    },
    testContext,
  );
  expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
});

it('removes a resource, journals what it was, and announces each change', async () => {
  const announced: string[] = [];
  const unsubscribe = warRoom.events.subscribe((name, payload) => {
    if (name === 'journal:appended') {
      announced.push((payload as { kind: string }).kind);
    }
  });
  await invokeOk(warRoom, 'contacts:save', {
    contact: { name: 'Frank', roles: ['legal'] },
  });
  await invokeOk(warRoom, 'resources:save', {
    id: 'waf-console',
    label: 'WAF console',
    target: 'https://waf.example.com',
  });
  const left = await invokeOk<{ id: string }[]>(warRoom, 'resources:remove', {
    id: 'waf-console',
  });
  unsubscribe();
  expect(left.map((r) => r.id)).not.toContain('waf-console');
  expect(announced.slice(-3)).toEqual([
    'contacts.saved',
    'resources.saved',
    'resources.removed',
  ]);
  const removed = warRoom.db
    .prepare(
      `SELECT payload FROM journal_entries
        WHERE scope = ? AND kind = 'resources.removed'`,
    )
    .get(ORGANISATION_SCOPE) as { payload: string };
  expect(JSON.parse(removed.payload)).toMatchObject({
    id: 'waf-console',
    label: 'WAF console',
    target: 'https://waf.example.com',
  });
});

it('refuses to remove a resource that does not exist, writing nothing', async () => {
  await invokeOk(warRoom, 'resources:list', {});
  const before = organisationKinds().length;
  const result = await warRoom.invoke(
    'resources:remove',
    { id: 'no-such-thing' },
    testContext,
  );
  expect(result).toMatchObject({
    ok: false,
    error: { kind: 'not-found', message: expect.stringMatching(/^id:/) },
  });
  expect(organisationKinds()).toHaveLength(before);
});
