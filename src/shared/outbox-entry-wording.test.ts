import { describe, expect, it } from 'vitest';
import { describeEntry } from './journal-types';
import {
  actionRequestSchema,
  type ActionRequest,
  type CheckedActionRequest,
} from './outbox-types';

describe('outbox entries on the timeline', () => {
  it('words a request with its target, second person and reason', () => {
    const text = describeEntry('action.requested', {
      actionId: 'a1',
      action: 'allowlist-add',
      label: 'allow address',
      request: {
        kind: 'allowlist-add',
        address: '198.51.100.7',
        reason: 'New responder laptop',
      },
      secondPerson: 'ben',
      queuedOffline: true,
    });

    expect(text).toBe(
      'Action requested: allow address 198.51.100.7 while offline, ' +
        'confirmed by ben (reason: New responder laptop)',
    );
  });

  it('words what was sent, what the platform said and each change', () => {
    expect(
      describeEntry('action.sent', {
        label: 'lockdown',
        endpoint: 'POST /api/admin/security/emergency-lockdown',
        attempt: 2,
      }),
    ).toBe(
      'Action sent: lockdown as POST /api/admin/security/emergency-lockdown ' +
        '(attempt 2)',
    );
    expect(
      describeEntry('action.answered', {
        label: 'lockdown',
        status: null,
        answer: 'the connection was dropped',
        state: 'unknown',
      }),
    ).toBe(
      'Platform answered lockdown: no answer (the connection was dropped) ' +
        '→ unknown',
    );
    expect(
      describeEntry('action.state-changed', {
        label: 'lockout',
        from: 'unknown',
        to: 'confirmed',
        reason: 'the commander checked the platform: it took effect',
      }),
    ).toBe(
      'Action lockout unknown → confirmed: the commander checked the ' +
        'platform: it took effect',
    );
  });
});

describe('action requests', () => {
  it('are checked with the platform limits', () => {
    const short = actionRequestSchema.safeParse({
      kind: 'lockdown',
      reason: 'too short',
    });
    const blank = actionRequestSchema.safeParse({
      kind: 'session-revoke',
      reason: '   ',
      sessionId: 's1',
    });
    const slash = actionRequestSchema.safeParse({
      kind: 'account-disable',
      reason: 'Compromised',
      userId: '../admin',
    });

    expect(short.success).toBe(false);
    expect(blank.success).toBe(false);
    expect(slash.success).toBe(false);
  });

  it('match the union the outbox types declare', () => {
    const same: [ActionRequest] extends [CheckedActionRequest]
      ? [CheckedActionRequest] extends [ActionRequest]
        ? true
        : false
      : false = true;
    expect(same).toBe(true);
  });
});
