import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
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
    title: 'Surrogates',
    severity: 'low',
    category: 'infrastructure-security',
  });
});

afterEach(() => warRoom.close());

const entryCount = () =>
  warRoom.db.prepare('SELECT count(*) AS n FROM journal_entries').get();

describe('text that is not valid Unicode', () => {
  it('refuses a note holding an unpaired surrogate, naming the field', async () => {
    const before = entryCount();
    const result = await warRoom.invoke(
      'journal:add-note',
      { incidentId: incident.id, text: 'half an emoji \uD83D' },
      testContext,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message:
          'payload.text holds an unpaired surrogate, which is not valid Unicode',
      },
    });
    expect(entryCount()).toEqual(before);
  });

  it('refuses such an actor rather than journal an entry that fails verification', async () => {
    const result = await warRoom.invoke(
      'journal:add-note',
      { incidentId: incident.id, text: 'fine', actor: 'ana\uDC00' },
      testContext,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: /^actor holds an unpaired/ },
    });
    const report = await invokeOk<{ ok: boolean }>(warRoom, 'journal:verify', {
      incidentId: incident.id,
    });
    expect(report.ok).toBe(true);
  });

  it('still takes a paired surrogate (an emoji) as it is', async () => {
    const entry = await invokeOk<{ actor: string; payload: { text: string } }>(
      warRoom,
      'journal:add-note',
      { incidentId: incident.id, text: 'on fire \uD83D\uDD25', actor: 'bo 🙂' },
    );
    expect(entry.payload.text).toBe('on fire 🔥');
    expect(entry.actor).toBe('bo 🙂');
  });
});
