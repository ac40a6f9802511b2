/**
 * Address and network parsing as Python's `ipaddress` does it for the
 * platform: a bare address becomes a /32 or /128 network, IPv6 is printed
 * compressed, and strict parsing refuses a network with host bits set.
 */

export type IpVersion = 4 | 6;

export type IpAddress = { version: IpVersion; value: bigint };

export type IpNetwork = {
  version: IpVersion;
  base: bigint;
  prefix: number;
  /** Canonical `address/prefix`, as PostgreSQL's `cidr` prints it. */
  text: string;
};

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };
const OCTET = /^(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part))) {
    return null;
  }
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n);
}

/** Hextets of one side of `::`, with an embedded IPv4 tail allowed. */
function hextets(side: string, allowIpv4Tail: boolean): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const last = parts[parts.length - 1];
  const tail = allowIpv4Tail && last.includes('.') ? parseIpv4(last) : null;
  if (tail !== null) {
    parts.splice(-1, 1, ((tail >> 16n) & 0xffffn).toString(16));
    parts.push((tail & 0xffffn).toString(16));
  }
  if (!parts.every((part) => HEXTET.test(part))) return null;
  return parts.map((part) => parseInt(part, 16));
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = hextets(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? hextets(halves[1], true) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n);
}

export function parseAddress(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 === null ? null : { version: 6, value: v6 };
}

function longestZeroRun(groups: number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  groups.forEach((group, index) => {
    if (group !== 0) {
      start = -1;
      return;
    }
    if (start < 0) start = index;
    if (index - start + 1 > best.length) {
      best = { start, length: index - start + 1 };
    }
  });
  return best;
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, index) =>
    Number((value >> BigInt(112 - 16 * index)) & 0xffffn),
  );
  const text = groups.map((group) => group.toString(16));
  const run = longestZeroRun(groups);
  if (run.length < 2) return text.join(':');
  const head = text.slice(0, run.start).join(':');
  const tail = text.slice(run.start + run.length).join(':');
  return `${head}::${tail}`;
}

export function formatAddress(address: IpAddress): string {
  if (address.version === 6) return formatIpv6(address.value);
  const octets = [24n, 16n, 8n, 0n].map((shift) =>
    Number((address.value >> shift) & 0xffn),
  );
  return octets.join('.');
}

export type NetworkResult =
  { ok: true; network: IpNetwork } | { ok: false; message: string };

function prefixOf(text: string | undefined, version: IpVersion): number {
  if (text === undefined) return BITS[version];
  if (!/^\d{1,3}$/.test(text)) return -1;
  const prefix = Number(text);
  return prefix <= BITS[version] ? prefix : -1;
}

/**
 * `ip_network(text, strict)`: with `strict` a network whose host bits are
 * set is an error; without, the host bits are cleared.
 */
export function parseNetwork(text: string, strict: boolean): NetworkResult {
  const [addressText, prefixText, extra] = text.trim().split('/');
  const address = parseAddress(addressText);
  const notNetwork = `'${text}' does not appear to be an IPv4 or IPv6 network`;
  if (address === null || extra !== undefined) {
    return { ok: false, message: notNetwork };
  }
  const prefix = prefixOf(prefixText, address.version);
  if (prefix < 0) return { ok: false, message: notNetwork };

  const hostBits = BigInt(BITS[address.version] - prefix);
  const base = (address.value >> hostBits) << hostBits;
  if (strict && base !== address.value) {
    return { ok: false, message: `${text} has host bits set` };
  }
  const shown = formatAddress({ version: address.version, value: base });
  const network = { version: address.version, base, prefix };
  return { ok: true, network: { ...network, text: `${shown}/${prefix}` } };
}

export function networkContains(network: IpNetwork, text: string): boolean {
  const address = parseAddress(text);
  if (address === null || address.version !== network.version) return false;
  const hostBits = BigInt(BITS[network.version] - network.prefix);
  return address.value >> hostBits === network.base >> hostBits;
}

/** `::ffff:127.0.0.1` (a dual-stack socket's view of IPv4) → `127.0.0.1`. */
export function plainPeerAddress(address: string | undefined): string {
  if (address === undefined) return '';
  return address.startsWith('::ffff:') && address.includes('.')
    ? address.slice(7)
    : address;
}
