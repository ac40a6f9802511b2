import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts-types';
import { ORGANISATION_SCOPE } from '../../shared/journal-types';
import {
  invokeOk,
  openTestWarRoom,
  testContext,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';

let warRoom: WarRoom;

beforeEach(() => {
  ({ warRoom } = openTestWarRoom());
});
afterEach(() => warRoom.close());

type SavedPayload = {
  id: string;
  change?: string;
  changedFields?: string[];
  name?: string;
  onCall?: boolean;
};

function savedPayloads(id: string): SavedPayload[] {
  const rows = warRoom.db
    .prepare(
      `SELECT payload FROM journal_entries
        WHERE scope = ? AND kind = 'contacts.saved' ORDER BY scope_pos`,
    )
    .all(ORGANISATION_SCOPE) as { payload: string }[];
  return rows
    .map((row) => JSON.parse(row.payload) as SavedPayload)
    .filter((payload) => payload.id === id);
}

const DORA = {
  name: 'Dora',
  roles: ['legal-counsel'],
  channels: [{ kind: 'phone' as const, value: '+1 555 0100' }],
};

it('journals a new contact as created and an edit as updated', async () => {
  const created = await invokeOk<Contact>(warRoom, 'contacts:save', {
    contact: DORA,
  });
  const edited = await invokeOk<Contact>(warRoom, 'contacts:save', {
    id: created.id,
    contact: {
      ...DORA,
      channels: [{ kind: 'phone', value: '+1 555 0199' }],
      onCall: true,
    },
  });

  expect(edited.id).toBe(created.id);
  expect(edited.channels[0].value).toBe('+1 555 0199');
  const [first, second] = savedPayloads(created.id);
  expect(first.change).toBe('created');
  expect(first.changedFields).toBeUndefined();
  expect(second).toMatchObject({
    change: 'updated',
    changedFields: ['channels', 'onCall'],
    name: 'Dora',
    onCall: true,
  });
});

it('refuses to update a contact that does not exist, journaling nothing', async () => {
  await invokeOk(warRoom, 'contacts:list', {});
  const result = await warRoom.invoke(
    'contacts:save',
    { id: 'missing', contact: DORA },
    testContext,
  );

  expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  expect(savedPayloads('missing')).toEqual([]);
});

it('names the field when a channel value is empty', async () => {
  const result = await warRoom.invoke(
    'contacts:save',
    { contact: { ...DORA, channels: [{ kind: 'email', value: ' ' }] } },
    testContext,
  );

  expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  expect(!result.ok && result.error.message).toMatch(
    /^contact\.channels\.0\.value: /,
  );
});
