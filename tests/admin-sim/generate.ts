/**
 * Deterministic bulk data: the same seed gives the same rows, byte for byte,
 * on every machine. Generation draws only what filters need (time, kind,
 * severity, user) into typed arrays; a row is built from its own seeded
 * stream when a route reads it. Rows are spread backwards in time from
 * `end` (an exponential gap between neighbours), so they come out sorted
 * oldest first, and 100,000 of them take milliseconds, not seconds of
 * garbage collection.
 */
import {
  AUDIT_KINDS,
  EVENT_KINDS,
  FAILED_LOGIN_KINDS,
  KNOWN_USERS,
  SEVERITIES,
  type EventKind,
} from './catalogue';
import type { AuditRecord, SecurityEventRecord } from './records';
import { MICROS_PER_HOUR, type Micros } from './sim-time';
import type { AuditSummary, EventSummary, RowSource } from './tables';

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound). */
  int(bound: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A version-4 shaped UUID made from the stream. */
  uuid(): string;
};

/** mulberry32: small, fast and good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HEX = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

/** Four bytes of a 32-bit word as hex, most significant first. */
function hexWord(word: number): string {
  return (
    HEX[(word >>> 24) & 0xff] +
    HEX[(word >>> 16) & 0xff] +
    HEX[(word >>> 8) & 0xff] +
    HEX[word & 0xff]
  );
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const word = () => Math.floor(next() * 4_294_967_296);
  const int = (bound: number) => Math.floor(next() * bound);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    chance: (probability) => next() < probability,
    uuid() {
      const a = hexWord(word());
      const b = hexWord((word() & 0xffff0fff) | 0x00004000);
      const c = hexWord((word() & 0x3fffffff) | 0x80000000);
      const d = hexWord(word());
      return (
        `${a}-${b.slice(0, 4)}-${b.slice(4)}-` +
        `${c.slice(0, 4)}-${c.slice(4)}${d}`
      );
    },
  };
}

/** Independent streams per purpose, so adding rows of one kind never shifts
 * the rows of another. */
export const STREAMS = {
  events: 0x5e_c0_e7,
  eventRows: 0x5e_c0_ff,
  failedLogins: 0xfa_11_ed,
  audit: 0xa0_d1_70,
  auditRows: 0xa0_d1_ff,
  ids: 0x1d_5e_ed,
  faults: 0xfa_17,
} as const;

export function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ stream) >>> 0;
}

/** The seed of row `index`'s own stream. */
function rowSeed(base: number, index: number): number {
  let h = (base ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Times of `count` rows ending before `end`, oldest first. */
function spreadTimes(
  rng: Rng,
  count: number,
  end: Micros,
  spanHours: number,
): Float64Array {
  const times = new Float64Array(count);
  const meanGap = (spanHours * MICROS_PER_HOUR) / Math.max(count, 1);
  let at = end;
  for (let index = count - 1; index >= 0; index -= 1) {
    const gap = Math.max(1, Math.round(-Math.log(1 - rng.next()) * meanGap));
    at -= gap;
    times[index] = at;
  }
  return times;
}

/** Picks an index by weight; the cumulative table is built once. */
function weightedPicker(items: readonly { weight: number }[]) {
  const bounds: number[] = [];
  let total = 0;
  for (const item of items) bounds.push((total += item.weight));
  return (rng: Rng): number => {
    const roll = rng.next() * total;
    let index = 0;
    while (bounds[index] <= roll) index += 1;
    return index;
  };
}

/** Event kinds first, then failed-login kinds, in one numbering. */
const ALL_EVENT_KINDS: readonly EventKind[] = [
  ...EVENT_KINDS,
  ...FAILED_LOGIN_KINDS,
];
const pickEventKind = weightedPicker(EVENT_KINDS);
const pickFailedLoginKind = weightedPicker(FAILED_LOGIN_KINDS);
const pickAuditKind = weightedPicker(AUDIT_KINDS);

/** Marks exactly `count` of `total` positions, chosen by the stream. */
function chooseIndices(rng: Rng, total: number, count: number): Uint8Array {
  const order = new Int32Array(total);
  for (let index = 0; index < total; index += 1) order[index] = index;
  const marks = new Uint8Array(total);
  for (let index = 0; index < count; index += 1) {
    const swap = index + rng.int(total - index);
    [order[index], order[swap]] = [order[swap], order[index]];
    marks[order[index]] = 1;
  }
  return marks;
}

export type EventVolume = {
  seed: number;
  /** Security events of every family except failed logins. */
  events: number;
  /** `failed_login_attempt` events. */
  failedLogins: number;
  /** Every generated row is older than this. */
  end: Micros;
  spanHours: number;
};

export type GeneratedEvents = RowSource<EventSummary, SecurityEventRecord>;

/** Both kinds interleaved in one timeline, oldest first. */
export function generateSecurityEvents(volume: EventVolume): GeneratedEvents {
  const total = volume.events + volume.failedLogins;
  const rng = createRng(streamSeed(volume.seed, STREAMS.events));
  const loginRng = createRng(streamSeed(volume.seed, STREAMS.failedLogins));
  const times = spreadTimes(rng, total, volume.end, volume.spanHours);
  const isLogin = chooseIndices(loginRng, total, volume.failedLogins);
  const kinds = new Uint8Array(total);
  const severities = new Uint8Array(total);
  for (let index = 0; index < total; index += 1) {
    kinds[index] = isLogin[index]
      ? EVENT_KINDS.length + pickFailedLoginKind(loginRng)
      : pickEventKind(rng);
    const severity = rng.pick(ALL_EVENT_KINDS[kinds[index]].severities);
    severities[index] = SEVERITIES.indexOf(severity);
  }
  const base = streamSeed(volume.seed, STREAMS.eventRows);
  const summary = (index: number): EventSummary => {
    const kind = ALL_EVENT_KINDS[kinds[index]];
    return {
      at: times[index],
      event_type: kind.event_type,
      severity: SEVERITIES[severities[index]],
      failure_reason: kind.failure_reason,
    };
  };
  return {
    length: total,
    at: (index) => times[index],
    summary,
    row(index) {
      const own = createRng(rowSeed(base, index));
      const { failure_reason: _, ...head } = summary(index);
      const body = ALL_EVENT_KINDS[kinds[index]].build(own);
      return { id: own.uuid(), ...head, ...body };
    },
  };
}

export type AuditVolume = {
  seed: number;
  count: number;
  end: Micros;
  spanHours: number;
};

export type GeneratedAudit = RowSource<AuditSummary, AuditRecord>;

export function generateAuditLogs(volume: AuditVolume): GeneratedAudit {
  const { count } = volume;
  const rng = createRng(streamSeed(volume.seed, STREAMS.audit));
  const times = spreadTimes(rng, count, volume.end, volume.spanHours);
  const kinds = new Uint8Array(count);
  const users = new Uint8Array(count);
  const failures = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    kinds[index] = pickAuditKind(rng);
    users[index] = rng.int(KNOWN_USERS.length);
    failures[index] = rng.chance(0.05) ? 1 : 0;
  }
  const base = streamSeed(volume.seed, STREAMS.auditRows);
  const summary = (index: number): AuditSummary => ({
    at: times[index],
    action: AUDIT_KINDS[kinds[index]].action,
    resource_type: AUDIT_KINDS[kinds[index]].resource_type,
    user_id: KNOWN_USERS[users[index]],
    tenant_id: null,
    status: failures[index] ? 'failure' : 'success',
  });
  return {
    length: count,
    at: (index) => times[index],
    summary,
    row(index) {
      const own = createRng(rowSeed(base, index));
      const head = summary(index);
      const id = own.uuid();
      const body = AUDIT_KINDS[kinds[index]].build(own, head.user_id ?? '');
      return { id, ...head, user_agent: null, message: null, ...body };
    },
  };
}
