import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EntryHistory,
  Incident,
  TimelineFacets,
  TimelinePage,
} from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let incident: Incident;

const NOTES = [
  'Alert from the WAF about 203.0.113.7',
  'Checked /var/log/auth.log for failed logins',
  'Credential stuffing confirmed from 203.0.113.7',
  'Lockdown requested by the commander',
];

beforeEach(async () => {
  ({ warRoom } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Login storm',
    severity: 'high',
    category: 'authentication-access-control',
  });
  for (const [index, text] of NOTES.entries()) {
    await invokeOk(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text,
      actor: index % 2 === 0 ? 'ana' : 'ben',
    });
  }
});

afterEach(() => warRoom.close());

function page(query: Record<string, unknown>) {
  return invokeOk<TimelinePage>(warRoom, 'timeline:page', {
    incidentId: incident.id,
    order: 'oldest-first',
    offset: 0,
    limit: 50,
    ...query,
  });
}

describe('the timeline', () => {
  it('pages in recorded order, oldest or newest first', async () => {
    const oldest = await page({ offset: 1, limit: 2 });
    const newest = await page({ order: 'newest-first', limit: 2 });

    expect(oldest.total).toBe(5);
    expect(oldest.rows.map((row) => row.text)).toEqual(NOTES.slice(0, 2));
    expect(oldest.rows.map((row) => row.position)).toEqual([2, 3]);
    expect(newest.rows.map((row) => row.text)).toEqual([NOTES[3], NOTES[2]]);
  });

  it('filters by kind and by actor', async () => {
    const notes = await page({ kinds: ['note'], actors: ['ben'] });

    expect(notes.total).toBe(2);
    expect(notes.rows.map((row) => row.actor)).toEqual(['ben', 'ben']);
  });

  it('lists the kinds and actors present', async () => {
    const facets = await invokeOk<TimelineFacets>(warRoom, 'timeline:facets', {
      incidentId: incident.id,
    });

    expect(facets.kinds).toEqual([
      { kind: 'incident.opened', count: 1 },
      { kind: 'note', count: 4 },
    ]);
    expect(facets.actors.map((actor) => actor.actor)).toEqual([
      'ana',
      'ben',
      testContext.defaultActor,
    ]);
  });

  it('finds words, addresses and paths, with the hits marked', async () => {
    await invokeOk(warRoom, 'journal:add-note', {
      incidentId: incident.id,
      text: 'ssh from 10.0.0.5:22 refused',
    });
    const withPort = await page({ search: '10.0.0.5:22' });
    const address = await page({ search: '203.0.113.7' });
    const path = await page({ search: '/var/log/auth.log' });

    expect(withPort.rows.map((row) => row.text)).toEqual([
      'ssh from 10.0.0.5:22 refused',
    ]);
    expect(address.total).toBe(2);
    expect(address.rows[0].highlighted).toBe(
      'Alert from the WAF about \u0002203.0.113.7\u0003',
    );
    expect(path.rows.map((row) => row.text)).toEqual([NOTES[1]]);
  });

  it('passes search operators through and explains syntax errors', async () => {
    const either = await page({ search: 'lockdown OR stuffing' });
    const broken = await warRoom.invoke(
      'timeline:page',
      {
        incidentId: incident.id,
        order: 'oldest-first',
        offset: 0,
        limit: 10,
        search: 'lockdown AND',
      },
      testContext,
    );

    expect(either.total).toBe(2);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error.kind).toBe('search-syntax');
    expect(!broken.ok && broken.error.message).toMatch(
      /the search lockdown AND is not valid/,
    );
  });

  it('shows corrected text after an amendment and keeps the history', async () => {
    const first = (await page({ offset: 1, limit: 1 })).rows[0];
    await invokeOk<JournalEntry>(warRoom, 'journal:amend', {
      incidentId: incident.id,
      entryId: first.id,
      text: 'Alert from the WAF about 203.0.113.9',
      reason: 'wrong address copied',
    });

    const amended = (await page({ offset: 1, limit: 1 })).rows[0];
    const history = await invokeOk<EntryHistory>(warRoom, 'journal:history', {
      entryId: first.id,
    });
    const found = await page({ search: '203.0.113.9' });

    expect(amended.text).toBe('Alert from the WAF about 203.0.113.9');
    expect(amended.amendmentCount).toBe(1);
    expect(history.original.payload).toEqual({ text: NOTES[0] });
    expect(history.amendments).toHaveLength(1);
    expect(history.amendments[0].payload).toMatchObject({
      reason: 'wrong address copied',
    });
    expect(found.rows.map((row) => row.id)).toContain(first.id);
  });

  it('refuses to amend an entry of another incident or an amendment', async () => {
    const elsewhere = await invokeOk<Incident>(warRoom, 'incident:create', {
      title: 'Other',
      severity: 'low',
      category: 'network-security',
    });
    const target = (await page({ offset: 1, limit: 1 })).rows[0];
    const amendment = await invokeOk<JournalEntry>(warRoom, 'journal:amend', {
      incidentId: incident.id,
      entryId: target.id,
      text: 'fixed',
    });

    const crossIncident = await warRoom.invoke(
      'journal:amend',
      { incidentId: elsewhere.id, entryId: target.id, text: 'x' },
      testContext,
    );
    const amendAmend = await warRoom.invoke(
      'journal:amend',
      { incidentId: incident.id, entryId: amendment.id, text: 'x' },
      testContext,
    );

    expect(crossIncident).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(amendAmend).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });
});
