import { describe, expect, it } from 'vitest';
import { custodyInput } from './custody-dialog';

const person = (name: string) => ({ name, role: '', contact: '' });

function draft(changes: Partial<Parameters<typeof custodyInput>[1]> = {}) {
  return {
    action: 'transferred' as const,
    handler: person('Dana Reyes'),
    recipient: person('Sam Okafor'),
    time: { local: '2026-12-03T17:10:00', zone: '+01:00' },
    timeEdited: false,
    location: ' Ops room ',
    storageLocation: '',
    tool: '',
    purpose: '',
    notes: '',
    ...changes,
  };
}

describe('custodyInput', () => {
  it('asks for the handler, and for the recipient of a transfer', () => {
    expect(custodyInput('E', draft({ handler: person(' ') }))).toBe(
      'Name who handled it.',
    );
    expect(custodyInput('E', draft({ recipient: person('') }))).toBe(
      'Name who received it.',
    );
  });

  it('sends the time only when it was changed from now', () => {
    expect(custodyInput('E', draft())).toEqual({
      evidenceId: 'E',
      action: 'transferred',
      handler: { name: 'Dana Reyes' },
      recipient: { name: 'Sam Okafor' },
      location: 'Ops room',
    });
    expect(custodyInput('E', draft({ timeEdited: true }))).toMatchObject({
      occurredAt: '2026-12-03T17:10:00+01:00',
    });
  });

  it('sends no recipient for anything but a transfer', () => {
    const sealed = custodyInput(
      'E',
      draft({
        action: 'sealed',
        handler: { name: 'Sam', role: 'Analyst', contact: ' x1 ' },
        storageLocation: 'Bag EB-0042',
      }),
    );
    expect(sealed).toEqual({
      evidenceId: 'E',
      action: 'sealed',
      handler: { name: 'Sam', role: 'Analyst', contact: 'x1' },
      location: 'Ops room',
      storageLocation: 'Bag EB-0042',
    });
  });
});
