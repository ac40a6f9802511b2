import { describe, expect, it } from 'vitest';
import { describeEntry } from './journal-types';

describe('wording of evidence entries', () => {
  it('states name, type, size and a short hash of added evidence', () => {
    expect(
      describeEntry('evidence.added', {
        name: 'auth.log',
        type: 'log-export',
        size: 12_345,
        sha256: 'ab'.repeat(32),
        description: 'jump host',
      }),
    ).toBe(
      'Evidence added: auth.log (log-export, 12.1 KiB, SHA-256 abababababab…): jump host',
    );
  });

  it('names the recipient and purpose of a transfer', () => {
    expect(
      describeEntry('evidence.custody', {
        name: 'disk.img',
        action: 'transferred',
        handler: { name: 'Ana' },
        recipient: { name: 'Ben' },
        purpose: 'imaging',
      }),
    ).toBe('Evidence disk.img transferred to Ben by Ana for imaging');
  });

  it('shouts when a verification found altered or missing files', () => {
    expect(
      describeEntry('evidence.verified', { items: 3, problems: [{}, {}] }),
    ).toMatch(/^EVIDENCE INTEGRITY FAILURE: 2 of 3/);
    expect(describeEntry('evidence.verified', { items: 3, problems: [] })).toBe(
      'Evidence verified: 3 item(s) intact',
    );
  });
});
