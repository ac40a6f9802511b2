/**
 * Reads an address or range the commander typed, as the platform would
 * (IPv4, IPv6, CIDR with host bits zero), and says what is risky about
 * acting on it. Refuses any /0: blocking or allowlisting the whole
 * internet is never what is meant. Warns, without refusing, on private,
 * loopback and link-local ranges and on the console's own addresses,
 * where a block would most likely cut off the responders themselves.
 * ipaddr.js's `reserved` (which holds the documentation ranges) is not
 * warned about.
 */
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';
import type { AddressCheck, AddressWarning } from '../../shared/controls-types';
import { AppFailure } from '../../shared/result';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The machine's own addresses; tests pass a fixed list. */
export type OwnAddresses = () => string[];

export const systemAddresses: OwnAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));

const RANGE_WARNINGS: Record<string, AddressWarning> = {
  private: {
    kind: 'private',
    message: 'a private range: it is inside a network, not on the internet',
  },
  uniqueLocal: {
    kind: 'private',
    message: 'a private (unique local) IPv6 range',
  },
  carrierGradeNat: {
    kind: 'private',
    message: 'a carrier-grade NAT range shared by many customers',
  },
  loopback: {
    kind: 'loopback',
    message: 'loopback: the machine itself',
  },
  linkLocal: {
    kind: 'link-local',
    message: 'link-local: only the local network segment',
  },
  unspecified: {
    kind: 'reserved',
    message: 'the unspecified address',
  },
  broadcast: { kind: 'reserved', message: 'the broadcast address' },
  multicast: { kind: 'reserved', message: 'a multicast range' },
};

function invalid(message: string): never {
  throw new AppFailure('invalid-input', `address: ${message}`);
}

/** Only dotted-quad IPv4: `127.1` and `0x7f.0.0.1` are not accepted. */
function parseHost(text: string): Address {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return invalid(`${JSON.stringify(text)} is not an IPv4 or IPv6 address`);
}

function parseRange(text: string): [Address, number] {
  const [host, prefixText, extra] = text.split('/');
  if (extra !== undefined || !/^\d{1,3}$/.test(prefixText ?? '')) {
    return invalid(`${JSON.stringify(text)} has no valid /prefix`);
  }
  const address = parseHost(host ?? '');
  const prefix = Number(prefixText);
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix > bits) {
    return invalid(`/${prefix} is longer than an ${address.kind()} address`);
  }
  return [address, prefix];
}

/** The platform stores ranges strictly: `203.0.113.45/24` is refused. */
function requireNetworkAddress(address: Address, prefix: number): void {
  const cidr = `${address.toString()}/${prefix}`;
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  if (network.toString() !== address.toString()) {
    invalid(
      `${cidr} has host bits set; the range is ${network.toString()}/${prefix}`,
    );
  }
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 it carries. */
function unmapped(address: Address): Address {
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  }
  return address;
}

function containsOwn(
  address: Address,
  prefix: number,
  own: readonly string[],
): string | null {
  for (const text of own) {
    const host = text.split('%')[0] ?? '';
    if (!ipaddr.isValid(host)) continue;
    const mine = unmapped(ipaddr.parse(host));
    if (mine.kind() !== address.kind()) continue;
    if (mine.match(address, prefix)) return host;
  }
  return null;
}

function warningsFor(
  address: Address,
  prefix: number,
  own: readonly string[],
): AddressWarning[] {
  const warnings: AddressWarning[] = [];
  const rangeWarning = RANGE_WARNINGS[address.range()];
  if (rangeWarning) warnings.push(rangeWarning);
  const ownHit = containsOwn(address, prefix, own);
  if (ownHit) {
    warnings.push({
      kind: 'own-address',
      message: `includes this console's own address ${ownHit}`,
    });
  }
  return warnings;
}

/**
 * Parses `text` (an address or a CIDR range) and lists its warnings.
 * Throws AppFailure `invalid-input` naming what is wrong; any /0 is
 * refused outright.
 */
export function checkAddress(
  text: string,
  ownAddresses: OwnAddresses = systemAddresses,
): AddressCheck {
  const trimmed = text.trim();
  const [parsed, prefix] = trimmed.includes('/')
    ? parseRange(trimmed)
    : (() => {
        const host = parseHost(trimmed);
        return [host, host.kind() === 'ipv4' ? 32 : 128] as const;
      })();
  if (prefix === 0) {
    invalid(`${trimmed} is every address there is; a /0 is never accepted`);
  }
  requireNetworkAddress(parsed, prefix);
  const bits = parsed.kind() === 'ipv4' ? 32 : 128;
  const address = unmapped(parsed);
  const effectivePrefix =
    address === parsed ? prefix : Math.max(prefix - 96, 0);
  if (effectivePrefix === 0) {
    invalid(`${trimmed} is every IPv4 address there is; never accepted`);
  }
  return {
    normalised:
      prefix === bits ? parsed.toString() : `${parsed.toString()}/${prefix}`,
    version: parsed.kind() === 'ipv4' ? 4 : 6,
    prefix,
    warnings: warningsFor(address, effectivePrefix, ownAddresses()),
  };
}
