import { describe, expect, it } from 'vitest';
import { ALL_SESSIONS } from '../../shared/controls-types';
import type {
  ActionAvailability,
  ActionRequest,
} from '../../shared/outbox-types';
import { applyGuardRails, type GuardContext } from './guard-rails';
import { hashPassphrase } from './passphrase-hash';

function availability(
  request: ActionRequest,
  destructive = false,
): ActionAvailability {
  return {
    kind: request.kind,
    label: request.kind === 'session-revoke' ? 'revoke session' : request.kind,
    available: true,
    capability: null,
    route: 'POST /x',
    reason: '',
    manualFallback: '',
    destructive,
    readBack: false,
  };
}

const OFF: GuardContext = {
  settings: { twoPersonRule: false, secondPeople: [] },
  findPassphraseHash: () => null,
  ownAddresses: () => [],
};

function guard(
  request: ActionRequest,
  extra: { confirmation?: string } = {},
  context = OFF,
) {
  return applyGuardRails(
    { request, availability: availability(request), actor: 'ana', ...extra },
    context,
  );
}

describe('applyGuardRails', () => {
  const one = { kind: 'session-revoke', reason: 'x', sessionId: 's1' } as const;
  const all = { ...one, sessionId: ALL_SESSIONS };

  it('lets one session be revoked without a typed name, but not all', async () => {
    await expect(guard(one)).resolves.toEqual({
      warnings: [],
      secondPerson: null,
    });
    await expect(guard(all)).rejects.toThrow(/type the action's name/);
    await expect(
      guard(all, { confirmation: 'revoke session' }),
    ).resolves.toBeTruthy();
  });

  it('holds a lockdown reason to 10-500 characters', async () => {
    const lockdown = (reason: string) =>
      guard({ kind: 'lockdown', reason }, { confirmation: 'lockdown' });

    await expect(lockdown('   short   ')).rejects.toThrow(/10-500/);
    await expect(lockdown('x'.repeat(501))).rejects.toThrow(/10-500/);
    await expect(lockdown('x'.repeat(500))).resolves.toBeTruthy();
  });

  it('asks the second person only for destructive actions', async () => {
    const stored = await hashPassphrase('bea passphrase here');
    const context: GuardContext = {
      ...OFF,
      settings: { twoPersonRule: true, secondPeople: [] },
      findPassphraseHash: () => stored,
    };

    await expect(guard(one, {}, context)).resolves.toMatchObject({
      secondPerson: null,
    });
    await expect(
      guard(
        { kind: 'lockdown', reason: 'Token stolen!' },
        {
          confirmation: 'lockdown',
        },
        context,
      ),
    ).rejects.toThrow(/second person confirms/);
  });
});
