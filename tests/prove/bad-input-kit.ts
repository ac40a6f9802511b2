/**
 * What every target of the bad-input campaign shares: its tally, the
 * database digest compared around a refused input, the seeded generation
 * loop, and the mutations applied to a valid input.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../src/main/db/open-database';

export type Tally = {
  tried: number;
  rejected: number;
  accepted: number;
  crashes: number;
  digestMismatches: number;
};

export function newTally(): Tally {
  return {
    tried: 0,
    rejected: 0,
    accepted: 0,
    crashes: 0,
    digestMismatches: 0,
  };
}

/** Figures of a target, named as the campaign prints them. */
export function tallyFigures(
  target: string,
  tally: Tally,
): Record<string, number> {
  return {
    [`${target}: inputs tried`]: tally.tried,
    [`${target}: rejected`]: tally.rejected,
    [`${target}: accepted`]: tally.accepted,
    [`${target}: crashes`]: tally.crashes,
    [`${target}: digest mismatches`]: tally.digestMismatches,
  };
}

/** Broken promises are listed in full; their count can be large. */
export class Failures {
  readonly list: string[] = [];
  private hidden = 0;

  add(sentence: string): void {
    if (this.list.length < 40) this.list.push(sentence);
    else this.hidden += 1;
  }

  sentences(): string[] {
    if (this.hidden === 0) return this.list;
    return [...this.list, `…and ${this.hidden} more of the same kinds`];
  }
}

/**
 * SHA-256 over every row of every table (virtual tables and their shadow
 * tables included), in storage order, so any change a refused input made
 * shows.
 */
export function databaseDigest(db: Db): string {
  return JSON.stringify(tableDigests(db));
}

/** One SHA-256 per table, so a mismatch can say which tables changed. */
export function tableDigests(db: Db): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const { table, rows } of tableReaders(db)) {
    const hash = createHash('sha256');
    for (const row of rows.iterate()) {
      hash.update(JSON.stringify(row, bytesAsHex));
    }
    digests[table] = hash.digest('hex');
  }
  return digests;
}

/** The tables whose digests differ between two `databaseDigest`s. */
export function changedTables(before: string, after: string): string {
  const earlier = JSON.parse(before) as Record<string, string>;
  const later = JSON.parse(after) as Record<string, string>;
  const names = new Set([...Object.keys(earlier), ...Object.keys(later)]);
  return [...names].filter((name) => earlier[name] !== later[name]).join(', ');
}

type TableReader = { table: string; rows: Statement<[], unknown[]> };

const readers = new WeakMap<Db, { names: string; list: TableReader[] }>();

/** A prepared `SELECT *` per table, made again when the tables change. */
function tableReaders(db: Db): TableReader[] {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const key = names.join('\u0000');
  const cached = readers.get(db);
  if (cached?.names === key) return cached.list;
  const list = names.map((table) => {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const rows = db.prepare<[], unknown[]>(`SELECT * FROM ${quoted}`).raw();
    return { table, rows };
  });
  readers.set(db, { names: key, list });
  return list;
}

function bytesAsHex(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer'
  ) {
    return Buffer.from((value as { data: number[] }).data).toString('hex');
  }
  return value;
}

/** A short, printable description of an input, for a failure sentence. */
export function describeInput(value: unknown, limit = 160): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, inner: unknown) => {
      if (typeof inner === 'number' && !Number.isFinite(inner)) {
        return String(inner);
      }
      if (typeof inner === 'bigint') return `${inner}n`;
      if (typeof inner === 'string' && inner.length > 60) {
        return `${inner.slice(0, 40)}…(${inner.length} chars)`;
      }
      return inner;
    });
  } catch {
    text = Object.prototype.toString.call(value);
  }
  text ??= typeof value;
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}

/** A stable number from a name, so each target draws its own sequence. */
export function nameSeed(seed: number, name: string): number {
  let hash = seed | 0;
  for (const character of name) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193);
  }
  return hash;
}

export type DriveOptions = {
  seed: number;
  /** Stops starting inputs after this wall-clock time. */
  deadline: number;
  maxRuns: number;
};

/**
 * Draws inputs in seeded batches (batch `n` uses seed `seed + n`), so a
 * run with the same seed draws the same inputs in the same order, and
 * hands each to `each` until the deadline or the run count.
 */
export async function drive<T>(
  arbitrary: fc.Arbitrary<T>,
  options: DriveOptions,
  each: (value: T, index: number) => Promise<void>,
): Promise<number> {
  const batchSize = 20;
  let index = 0;
  for (let batch = 0; index < options.maxRuns; batch += 1) {
    const values = fc.sample(arbitrary, {
      seed: options.seed + batch,
      numRuns: batchSize,
    });
    for (const value of values) {
      if (index >= options.maxRuns || Date.now() > options.deadline) {
        return index;
      }
      await each(value, index);
      index += 1;
    }
  }
  return index;
}

/** Values that break assumptions about a field of any type. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      1e308,
      -1,
      0,
      1.5,
      Number.MAX_SAFE_INTEGER + 2,
      'NaN',
      'Infinity',
      '-1e999',
      '',
      ' ',
      '\u0000',
      'bell\u0007',
      '\u202Eevil.txt',
      '\uD800 lone surrogate',
      '../../../etc/passwd',
      'C:\\Windows\\system32',
      'x'.repeat(100_000),
      '\r\n'.repeat(1_000),
      '__proto__',
      null,
      true,
      [],
      {},
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.anything({ maxDepth: 2 }),
    fc.integer({ min: 3, max: 3_000 }).map(deeplyNested),
  );
}

/** `{"a":{"a":…}}` or `[[[…]]]`, `depth` levels down. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = depth % 2 === 0 ? 'bottom' : [];
  for (let level = 0; level < depth; level += 1) {
    value = level % 2 === 0 ? { a: value } : [value];
  }
  return value;
}

type Mutation = (input: Record<string, unknown>) => Record<string, unknown>;

/** A value as text; objects without a prototype have no `toString`. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return describeInput(value);
  }
}

function keyMutations(keys: string[]): fc.Arbitrary<Mutation>[] {
  if (keys.length === 0) return [];
  const key = fc.constantFrom(...keys);
  return [
    key.map((dropped) => (input) => {
      const copy = { ...input };
      delete copy[dropped];
      return copy;
    }),
    fc
      .tuple(key, hostileValue())
      .map(([changed, value]) => (input) => ({ ...input, [changed]: value })),
    fc
      .tuple(key, fc.integer({ min: 1, max: 2_000_000 }))
      .map(([changed, length]) => (input) => ({
        ...input,
        [changed]: 'W'.repeat(length),
      })),
    fc
      .tuple(key, fc.integer({ min: 0, max: 0x1f }))
      .map(([changed, code]) => (input) => ({
        ...input,
        [changed]: `${textOf(input[changed])}${String.fromCharCode(code)}`,
      })),
  ];
}

/**
 * Mutations of a valid input: a key dropped, a key given a hostile value
 * or a huge string or a control character, an unknown key added, a
 * `__proto__` key, or two of these at once.
 */
export function mutationsOf(valid: Record<string, unknown>) {
  const single = fc.oneof(
    ...keyMutations(Object.keys(valid)),
    fc
      .tuple(fc.string({ maxLength: 12 }), hostileValue())
      .map(([name, value]): Mutation => (input) => ({
        ...input,
        [name === '' ? 'unexpected' : name]: value,
      })),
    fc.constant<Mutation>(
      (input) =>
        ({
          ...input,
          ...(JSON.parse('{"__proto__":{"polluted":true}}') as object),
        }) as Record<string, unknown>,
    ),
  );
  return fc
    .tuple(single, fc.option(single, { freq: 2 }))
    .map(([first, second]) => {
      const once = first(valid);
      return second === null ? once : second(once);
    });
}

/** Everything untyped: arbitrary values, arbitrary JSON, hostile values. */
export function arbitraryValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 4 }),
    hostileValue(),
  );
}
