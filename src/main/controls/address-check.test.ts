import { describe, expect, it } from 'vitest';
import { checkAddress } from './address-check';

const OWN = () => ['192.0.2.10', 'fe80::1%en0', '2001:db8::10'];

function check(text: string) {
  return checkAddress(text, OWN);
}

function kinds(text: string) {
  return check(text).warnings.map((warning) => warning.kind);
}

describe('checkAddress', () => {
  it('reads IPv4 and IPv6 addresses and ranges', () => {
    expect(check('203.0.113.45')).toMatchObject({
      normalised: '203.0.113.45',
      version: 4,
      prefix: 32,
      warnings: [],
    });
    expect(check(' 203.0.113.0/24 ')).toMatchObject({
      normalised: '203.0.113.0/24',
      prefix: 24,
    });
    expect(check('2001:DB8:0:0::/48')).toMatchObject({
      normalised: '2001:db8::/48',
      version: 6,
    });
  });

  it.each(['0.0.0.0/0', '::/0', '203.0.113.0/0', '::ffff:0.0.0.0/96'])(
    'refuses %s, which is every address',
    (text) => {
      expect(() => check(text)).toThrow(/every/);
    },
  );

  it.each([
    ['203.0.113.45/24', /host bits.*203\.0\.113\.0\/24/],
    ['203.0.113', /not an IPv4 or IPv6/],
    ['0x7f.0.0.1', /not an IPv4 or IPv6/],
    ['203.0.113.0/33', /longer than/],
    ['203.0.113.0/', /no valid \/prefix/],
    ['evil.example.com', /not an IPv4 or IPv6/],
  ])('refuses %s and says why', (text, message) => {
    expect(() => check(text)).toThrow(message);
  });

  it('warns on private, loopback and link-local ranges', () => {
    expect(kinds('10.1.2.3')).toEqual(['private']);
    expect(kinds('192.168.0.0/16')).toEqual(['private']);
    expect(kinds('fd00::/8')).toEqual(['private']);
    expect(kinds('127.0.0.1')).toEqual(['loopback']);
    expect(kinds('::1')).toEqual(['loopback']);
    expect(kinds('::ffff:127.0.0.1')).toEqual(['loopback']);
    expect(kinds('169.254.1.1')).toEqual(['link-local']);
  });

  it("warns when the range holds the console's own address", () => {
    expect(kinds('192.0.2.0/24')).toContain('own-address');
    expect(kinds('192.0.2.10')).toContain('own-address');
    expect(kinds('2001:db8::/32')).toContain('own-address');
    expect(kinds('fe80::/10')).toEqual(['link-local', 'own-address']);
    expect(kinds('192.0.3.0/24')).not.toContain('own-address');
  });
});
