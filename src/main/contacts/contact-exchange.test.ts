import { describe, expect, it } from 'vitest';
import type { Contact, ContactFields } from '../../shared/contacts-types';
import {
  formatContactsCsv,
  formatVcards,
  parseContactsCsv,
  parseVcards,
} from './contact-exchange';

const BEA: ContactFields = {
  name: 'Bea Ng, CISO',
  organisation: 'Enwhe; Security',
  roles: ['c-level', 'security-team'],
  channels: [
    { kind: 'email', value: 'bea@example.com', label: 'work' },
    { kind: 'phone', value: '+44 20 7946 0000', label: '' },
    { kind: 'chat', value: 'xmpp:bea@example.com', label: '' },
  ],
  onCall: true,
  timeZone: 'Europe/London',
  notes: 'Line one\nline two, with comma',
};

const CARL: ContactFields = {
  name: 'Carl',
  organisation: '',
  roles: [],
  channels: [],
  onCall: false,
  timeZone: '',
  notes: '',
};

const stored = (fields: ContactFields): Contact => ({
  ...fields,
  id: fields.name,
  updatedAt: '',
  updatedBy: '',
});

describe('vCard', () => {
  it('round-trips every field, escaping included', () => {
    const text = formatVcards([stored(BEA), stored(CARL)]);
    expect(parseVcards(text)).toEqual({ contacts: [BEA, CARL], problems: [] });
  });

  it('reports broken cards by position and keeps the rest', () => {
    const good = formatVcards([stored(CARL)]);
    const noName =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:x@example.com\r\nEND:VCARD\r\n';
    const unterminated = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dora\r\n';
    const result = parseVcards(`${noName}${unterminated}${good}`);
    expect(result.contacts.map((c) => c.name)).toEqual(['Carl']);
    expect(result.problems.map((p) => p.position)).toEqual([1, 2]);
    expect(result.problems[0].message).toMatch(/^name:/);
  });
});

describe('CSV', () => {
  it('round-trips, several values per cell', () => {
    const text = formatContactsCsv([stored(BEA), stored(CARL)]);
    const { contacts, problems } = parseContactsCsv(text);
    expect(problems).toEqual([]);
    // CSV has no channel labels.
    expect(contacts[0]).toEqual({
      ...BEA,
      channels: BEA.channels.map((c) => ({ ...c, label: '' })),
    });
    expect(contacts[1]).toEqual(CARL);
  });

  it('reports bad rows by line and imports the others', () => {
    const text = [
      'name,email,on_call',
      'Ann,ann@example.com,yes',
      'Bad,row,with,too,many',
      ',nameless@example.com,no',
      'Dan,dan@example.com,no',
    ].join('\n');
    const { contacts, problems } = parseContactsCsv(text);
    expect(contacts.map((c) => [c.name, c.onCall])).toEqual([
      ['Ann', true],
      ['Dan', false],
    ]);
    expect(problems.map((p) => p.position)).toEqual([3, 4]);
    expect(problems[1].message).toMatch(/^name:/);
  });
});
