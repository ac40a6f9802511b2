import { describe, expect, it } from 'vitest';
import {
  networkContains,
  parseAddress,
  parseNetwork,
  plainPeerAddress,
} from './ip-ranges';

function network(text: string, strict = true): string {
  const parsed = parseNetwork(text, strict);
  return parsed.ok ? parsed.network.text : `error: ${parsed.message}`;
}

describe('parseNetwork', () => {
  it('normalises addresses and networks as PostgreSQL cidr prints them', () => {
    expect(network('198.51.100.10')).toBe('198.51.100.10/32');
    expect(network('192.0.2.16/28')).toBe('192.0.2.16/28');
    expect(network('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1/128');
    expect(network('2001:db8:0:0:1:0:0:0/80')).toBe('2001:db8:0:0:1::/80');
    expect(network('::ffff:192.0.2.1')).toBe('::ffff:c000:201/128');
  });

  it('refuses host bits when strict and clears them when not', () => {
    expect(network('203.0.113.45/24')).toBe(
      'error: 203.0.113.45/24 has host bits set',
    );
    expect(network('203.0.113.45/24', false)).toBe('203.0.113.0/24');
  });

  it('refuses what is not an address, naming the input', () => {
    for (const text of ['garbage', '256.1.1.1', '10.0.0.01', '1.2.3.4/33']) {
      expect(network(text)).toBe(
        `error: '${text}' does not appear to be an IPv4 or IPv6 network`,
      );
    }
    expect(parseAddress('1::2::3')).toBeNull();
    expect(parseAddress('1:2:3:4:5:6:7')).toBeNull();
  });
});

describe('networkContains', () => {
  it('matches addresses of the same family inside the prefix only', () => {
    const parsed = parseNetwork('198.51.100.64/27', true);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(networkContains(parsed.network, '198.51.100.95')).toBe(true);
    expect(networkContains(parsed.network, '198.51.100.96')).toBe(false);
    expect(networkContains(parsed.network, '::1')).toBe(false);
    expect(plainPeerAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainPeerAddress('::1')).toBe('::1');
  });
});
