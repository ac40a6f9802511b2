import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;
let incident: Incident;

beforeEach(async () => {
  ({ warRoom } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Baseline',
    severity: 'low',
    category: 'infrastructure-security',
  });
});

afterEach(() => warRoom.close());

/** Everything a bad input could have changed, summed up. */
function databaseDigest(): string {
  return JSON.stringify(
    [
      'journal_entries',
      'incidents',
      'journal_chain_heads',
      'journal_search',
      'meta',
    ].map((table) =>
      warRoom.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(),
    ),
  );
}

const BAD_SHAPES = [null, 42, 'text', [], [1, 2], true];

const BAD_INPUTS: [string, unknown, RegExp][] = [
  ['incident:create', { severity: 'high', category: 'data-security' }, /title/],
  [
    'incident:create',
    { title: '', severity: 'high', category: 'data-security' },
    /^title: must not be empty$/,
  ],
  [
    'incident:create',
    { title: 'x', severity: 'severe', category: 'data-security' },
    /severity/,
  ],
  [
    'incident:create',
    { title: 'x', severity: 'high', category: 'physical-security' },
    /category/,
  ],
  [
    'incident:create',
    {
      title: 'x',
      severity: 'high',
      category: 'data-security',
      subtype: 'ddos-attacks',
    },
    /subtype "ddos-attacks" is not one of data-security's/,
  ],
  [
    'incident:create',
    { title: 'x'.repeat(201), severity: 'high', category: 'data-security' },
    /at most 200/,
  ],
  [
    'incident:create',
    { title: 'bell\u0007', severity: 'high', category: 'data-security' },
    /control characters/,
  ],
  [
    'incident:create',
    { title: 'x', severity: 'high', category: 'data-security', admin: true },
    /admin/,
  ],
  [
    'incident:create',
    {
      title: 'x',
      severity: 'high',
      category: 'data-security',
      detectedAt: '2026-12-03 10:00',
    },
    /detectedAt: must be an ISO 8601 date-time with a zone/,
  ],
  [
    'journal:add-note',
    { incidentId: 'nope', text: 'x' },
    /incidentId: must be a ULID/,
  ],
  ['journal:add-note', { text: 'x' }, /incidentId/],
  ['journal:amend', { incidentId: '01JD0000000000000000000001' }, /entryId/],
  ['timeline:page', { order: 'sideways' }, /incidentId/],
  ['journal:history', { entryId: 7 }, /entryId/],
  ['journal:verify', { incidentId: '' }, /incidentId/],
  ['timeline:facets', {}, /incidentId/],
];

describe('every channel refuses malformed input and writes nothing', () => {
  it.each(CHANNEL_NAMES.filter((name) => name !== 'app:info'))(
    '%s refuses inputs of the wrong shape',
    async (channel) => {
      const before = databaseDigest();

      for (const input of BAD_SHAPES) {
        const result = await warRoom.invoke(channel, input, testContext);
        expect(result).toMatchObject({
          ok: false,
          error: { kind: 'invalid-input' },
        });
      }

      expect(databaseDigest()).toBe(before);
    },
  );

  it.each(BAD_INPUTS)(
    '%s refuses %j naming the problem',
    async (channel, input, message) => {
      const before = databaseDigest();

      const result = await warRoom.invoke(channel, input, testContext);

      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-input');
        expect(result.error.message).toMatch(message);
      }
      expect(databaseDigest()).toBe(before);
    },
  );

  it('refuses an unknown channel', async () => {
    const result = await warRoom.invoke('journal:drop', {}, testContext);

    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/no channel/),
      },
    });
  });

  it('answers not-found for an incident that does not exist', async () => {
    const before = databaseDigest();

    const result = await warRoom.invoke(
      'journal:add-note',
      { incidentId: '01JD0000000000000000000009', text: 'lost' },
      testContext,
    );

    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(databaseDigest()).toBe(before);
    expect(incident.entryCount).toBe(1);
  });
});
