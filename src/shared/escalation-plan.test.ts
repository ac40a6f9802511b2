import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Contact, NotificationRecord } from './contacts-types';
import {
  computeEscalation,
  computeRegulatoryClock,
  fillTemplate,
  isDataBreach,
  nextInternalUpdate,
} from './escalation-plan';
import { MICROS_PER_MINUTE } from './response-clock';
import { parseResponseRules, type ResponseRules } from './response-rules';

function shippedRules(): ResponseRules {
  const path = fileURLToPath(
    new URL('../../resources/response-rules.yaml', import.meta.url),
  );
  const result = parseResponseRules(parse(readFileSync(path, 'utf8')), path);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.rules;
}

const rules = shippedRules();
const T0 = 1_800_000_000_000_000;
const minutes = (n: number) => T0 + n * MICROS_PER_MINUTE;

function contact(name: string, roles: string[], onCall = false): Contact {
  return {
    id: name,
    name,
    organisation: '',
    roles,
    channels: [],
    onCall,
    timeZone: '',
    notes: '',
    updatedAt: '',
    updatedBy: '',
  };
}

const contacts = [
  contact('Ceo', ['c-level']),
  contact('Sec', ['security-team']),
  contact('Pager', ['security-team'], true),
  contact('Boss', ['management']),
];

function notified(audience: string, acknowledged = false): NotificationRecord {
  return {
    entryId: audience,
    audience,
    contactName: 'x',
    channel: 'phone',
    notifiedBy: 'ana',
    notifiedAt: '2027-01-15T08:00:00.000000Z',
    acknowledgedAt: acknowledged ? '2027-01-15T08:01:00.000000Z' : null,
  };
}

function escalate(
  history: { at: number; severity: 'critical' | 'high' | 'medium' | 'low' }[],
  now: number,
  notifications: NotificationRecord[] = [],
) {
  return computeEscalation(rules, {
    detectedAt: T0,
    severityHistory: history,
    notifications,
    contacts,
    now,
  });
}

describe('escalation per severity', () => {
  it.each([
    ['critical', ['c-level'], 15],
    ['high', ['security-team', 'management'], 60],
    ['medium', ['security-team'], 240],
    ['low', ['security-team'], 1440],
  ] as const)('%s notifies %j within %d minutes', (severity, ids, due) => {
    const status = escalate([{ at: T0, severity }], T0);
    expect(status.audiences.map((a) => a.audience)).toEqual(ids);
    expect(status.audiences[0].dueMicros).toBe(minutes(due));
  });

  it('lists the audience members, on-call first', () => {
    const status = escalate([{ at: T0, severity: 'medium' }], T0);
    expect(status.audiences[0].contacts.map((c) => c.name)).toEqual([
      'Pager',
      'Sec',
    ]);
  });

  it('counts an audience overdue only after its deadline, until told', () => {
    const history = [{ at: T0, severity: 'critical' as const }];
    expect(escalate(history, minutes(15)).overdueCount).toBe(0);
    expect(escalate(history, minutes(15) + 1).overdueCount).toBe(1);
    const told = escalate(history, minutes(16), [notified('c-level', true)]);
    expect(told.overdueCount).toBe(0);
    expect(told.audiences[0].acknowledged).toBe(true);
  });

  it('follows a raise to critical, overdue at once when past 15 minutes', () => {
    const history = [
      { at: T0, severity: 'high' as const },
      { at: minutes(40), severity: 'critical' as const },
    ];
    const before = escalate(history, minutes(39), [
      notified('security-team'),
      notified('management'),
    ]);
    expect(before.overdueCount).toBe(0);
    const after = escalate(history, minutes(41), [
      notified('security-team'),
      notified('management'),
    ]);
    expect(after.severity).toBe('critical');
    expect(after.audiences.map((a) => [a.audience, a.overdue])).toEqual([
      ['c-level', true],
    ]);
  });

  it('gives more time after a lowering', () => {
    const history = [
      { at: T0, severity: 'critical' as const },
      { at: minutes(5), severity: 'medium' as const },
    ];
    const status = escalate(history, minutes(30));
    expect(status.audiences[0]).toMatchObject({
      audience: 'security-team',
      overdue: false,
      dueMicros: minutes(240),
    });
  });
});

describe('regulatory deadline clock', () => {
  it('runs 72 hours from awareness and is overdue one microsecond after', () => {
    const at = (now: number) =>
      computeRegulatoryClock({ awareAt: T0, hours: 72, notifiedAt: null, now });
    expect(at(minutes(60)).remainingMicros).toBe(71 * 60 * MICROS_PER_MINUTE);
    expect(at(minutes(72 * 60)).overdue).toBe(false);
    expect(at(minutes(72 * 60) + 1).overdue).toBe(true);
  });

  it('stops when the regulator is notified, and honours other regimes', () => {
    const clock = computeRegulatoryClock({
      awareAt: T0,
      hours: 24,
      notifiedAt: minutes(60),
      now: minutes(5000),
    });
    expect(clock.overdue).toBe(false);
    expect(clock.notifiedAtMicros).toBe(minutes(60));
    expect(clock.remainingMicros).toBe(23 * 60 * MICROS_PER_MINUTE);
  });

  it('applies to data breaches only', () => {
    expect(isDataBreach('data-security', 'data-exfiltration-attempts')).toBe(
      true,
    );
    expect(isDataBreach('data-security', null)).toBe(true);
    expect(isDataBreach('data-security', 'data-corruption-incidents')).toBe(
      false,
    );
    expect(isDataBreach('network-security', 'ddos-attacks')).toBe(false);
  });
});

describe('update cadence and templates', () => {
  it('reminds one cadence after the last internal update', () => {
    const reminder = nextInternalUpdate({
      severity: 'critical',
      detectedAt: T0,
      lastUpdateAt: minutes(20),
      now: minutes(51),
    });
    expect(reminder).toEqual({ dueMicros: minutes(50), overdue: true });
  });

  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(
      fillTemplate('{{ severity }} / {{nope}}', { severity: 'high' }),
    ).toBe('high / {{nope}}');
  });
});
