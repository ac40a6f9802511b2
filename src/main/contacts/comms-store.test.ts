import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RegulatoryRegime } from '../../shared/contacts-types';
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

const setRegime = (hours: unknown) =>
  warRoom.invoke(
    'comms:set-regime',
    { id: 'gdpr', label: 'GDPR', hours },
    testContext,
  );

it.each([
  [0, 'hours: must be at least 1 hour'],
  [-4, 'hours: must be at least 1 hour'],
  [1.5, 'hours: must be a whole number of hours'],
  [100_000, 'hours: must be at most 8760 hours (one year)'],
  ['96', 'hours: must be a whole number of hours'],
])('refuses %s deadline hours, naming why', async (hours, message) => {
  const result = await setRegime(hours);

  expect(result).toEqual({
    ok: false,
    error: { kind: 'invalid-input', message },
  });
  const regimes = await invokeOk<RegulatoryRegime[]>(
    warRoom,
    'comms:regimes',
    {},
  );
  expect(regimes).toEqual([{ id: 'gdpr', label: 'GDPR', hours: 72 }]);
});

it('keeps a changed deadline and journals it', async () => {
  const result = await setRegime(96);

  expect(result).toEqual({
    ok: true,
    value: [{ id: 'gdpr', label: 'GDPR', hours: 96 }],
  });
  const kinds = warRoom.db
    .prepare("SELECT kind FROM journal_entries WHERE kind = 'comms.regime-set'")
    .all();
  // The seeded default, then the change.
  expect(kinds).toHaveLength(2);
});
