import type { JsonValue } from '../../shared/journal-types';

/**
 * JSON from other tools may hold fractions (`0.25`) and integers too large
 * for a double (`32500000000000000123`). Journal payloads hold only safe
 * integers, and JSON.parse would round the large ones, so such a number is
 * kept as its exact source text in a string, and its place is listed as a
 * JSON pointer (RFC 6901) in `numbers`. Writing the value back with those
 * pointers gives the number exactly as it was.
 */
export type LosslessJson = { value: JsonValue; numbers: string[] };

/** Deeper than this is refused; journal payloads stop at 16 anyway. */
const MAX_DEPTH = 64;

/** A number kept as its source text while parsing. */
class NumberText {
  constructor(readonly text: string) {}
}

type Parsed = JsonValue | NumberText | Parsed[] | { [key: string]: Parsed };

export function pointerStep(key: string | number): string {
  return `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** True if every number in the value is a safe integer. */
function onlySafeIntegers(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH)
    throw new SyntaxError(`nested deeper than ${MAX_DEPTH}`);
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (value === null || typeof value !== 'object') return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.every((item) => onlySafeIntegers(item, depth + 1));
}

/**
 * Parses JSON text exactly. Throws a SyntaxError naming the problem.
 * Most lines hold only safe integers and take JSON.parse alone.
 */
export function parseJsonLossless(text: string): LosslessJson {
  const value = JSON.parse(text) as JsonValue;
  if (onlySafeIntegers(value, 0)) return { value, numbers: [] };

  const parser = new ExactParser(text);
  const parsed = parser.parseDocument();
  const numbers: string[] = [];
  return { value: settle(parsed, '', numbers), numbers };
}

/** Replaces kept number texts by strings and lists where they are. */
function settle(value: Parsed, pointer: string, numbers: string[]): JsonValue {
  if (value instanceof NumberText) {
    numbers.push(pointer);
    return value.text;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      settle(item, pointer + pointerStep(index), numbers),
    );
  }
  if (value === null || typeof value !== 'object') return value;
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    defineKey(result, key, settle(item, pointer + pointerStep(key), numbers));
  }
  return result;
}

/** Sets a key as JSON.parse does, so `__proto__` is an ordinary key. */
export function defineKey<T>(
  target: { [key: string]: T },
  key: string,
  value: T,
) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** A small recursive-descent parser, used only for the lines that need it. */
class ExactParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseDocument(): Parsed {
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.position !== this.text.length) this.fail('unexpected text');
    return value;
  }

  private fail(problem: string): never {
    throw new SyntaxError(`${problem} at position ${this.position}`);
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  private parseValue(depth: number): Parsed {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH}`);
    this.skipWhitespace();
    const char = this.text[this.position];
    if (char === '{') return this.parseObject(depth);
    if (char === '[') return this.parseArray(depth);
    if (char === '"') return this.parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    return this.parseNumber();
  }

  private parseNumber(): Parsed {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('expected a value');
    this.position = NUMBER.lastIndex;
    const value = Number(match[0]);
    return Number.isSafeInteger(value) ? value : new NumberText(match[0]);
  }

  private parseString(): string {
    const start = this.position;
    let index = start + 1;
    while (index < this.text.length && this.text[index] !== '"') {
      index += this.text[index] === '\\' ? 2 : 1;
    }
    if (index >= this.text.length) this.fail('unterminated string');
    this.position = index + 1;
    return JSON.parse(this.text.slice(start, index + 1)) as string;
  }

  private expect(char: string): void {
    this.skipWhitespace();
    if (this.text[this.position] !== char) this.fail(`expected ${char}`);
    this.position += 1;
  }

  /** True (and consumed) if the next character closes the container. */
  private closes(char: string): boolean {
    this.skipWhitespace();
    if (this.text[this.position] !== char) return false;
    this.position += 1;
    return true;
  }

  private parseArray(depth: number): Parsed[] {
    this.position += 1;
    const items: Parsed[] = [];
    if (this.closes(']')) return items;
    for (;;) {
      items.push(this.parseValue(depth + 1));
      if (this.closes(',')) continue;
      this.expect(']');
      return items;
    }
  }

  private parseObject(depth: number): { [key: string]: Parsed } {
    this.position += 1;
    const result: { [key: string]: Parsed } = {};
    if (this.closes('}')) return result;
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('expected a key');
      const key = this.parseString();
      this.expect(':');
      defineKey(result, key, this.parseValue(depth + 1));
      if (this.closes(',')) continue;
      this.expect('}');
      return result;
    }
  }
}

/**
 * Writes JSON with the values at `numbers` (strings holding kept number
 * texts) as bare numbers again. Keys keep the order they have.
 */
export function stringifyLossless(
  value: JsonValue,
  numbers: ReadonlySet<string>,
  pointer = '',
): string {
  if (numbers.size === 0) return JSON.stringify(value);
  if (typeof value === 'string' && numbers.has(pointer)) return value;
  if (Array.isArray(value)) {
    const items = value.map((item, index) =>
      stringifyLossless(item, numbers, pointer + pointerStep(index)),
    );
    return `[${items.join(',')}]`;
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  const members = Object.entries(value).map(
    ([key, item]) =>
      `${JSON.stringify(key)}:${stringifyLossless(item, numbers, pointer + pointerStep(key))}`,
  );
  return `{${members.join(',')}}`;
}
