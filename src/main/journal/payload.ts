import type { JsonObject, JsonValue } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';

const MAX_DEPTH = 16;

function refuse(path: string, problem: string): never {
  throw new AppFailure('invalid-input', `payload${path} ${problem}`);
}

/**
 * An unpaired UTF-16 surrogate (from a JSON `\ud800` escape, say) is not
 * Unicode: it has no UTF-8 form and RFC 8785 refuses to canonicalise it,
 * so the entry could be neither stored faithfully nor hashed.
 */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

const NOT_UNICODE = 'holds an unpaired surrogate, which is not valid Unicode';

/** A string member of an entry other than the payload, e.g. its actor. */
export function checkEntryText(name: string, value: string): string {
  if (UNPAIRED_SURROGATE.test(value)) {
    throw new AppFailure('invalid-input', `${name} ${NOT_UNICODE}`);
  }
  return value;
}

function checkValue(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) refuse(path, `is nested deeper than ${MAX_DEPTH}`);
  if (value === null) return;

  switch (typeof value) {
    case 'string':
      if (UNPAIRED_SURROGATE.test(value)) refuse(path, NOT_UNICODE);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isSafeInteger(value)) {
        refuse(path, 'must be a safe integer (no fractions or huge numbers)');
      }
      return;
    case 'object':
      checkContainer(value as object, path, depth);
      return;
    default:
      refuse(path, `has a value of type ${typeof value}`);
  }
}

function checkContainer(value: object, path: string, depth: number): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      checkValue(item, `${path}[${index}]`, depth + 1),
    );
    return;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    refuse(path, 'must be a plain object');
  }
  for (const [key, item] of Object.entries(value)) {
    if (UNPAIRED_SURROGATE.test(key)) {
      refuse(`${path}.${JSON.stringify(key)}`, `(a key) ${NOT_UNICODE}`);
    }
    checkValue(item, `${path}.${key}`, depth + 1);
  }
}

/** The same rules as `checkValue`, without building paths for messages. */
export function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null) return true;

  switch (typeof value) {
    case 'string':
      return !UNPAIRED_SURROGATE.test(value);
    case 'boolean':
      return true;
    case 'number':
      return Number.isSafeInteger(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    return value.every((item) => isPlainJson(item, depth + 1));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (UNPAIRED_SURROGATE.test(key)) return false;
    if (!isPlainJson((value as JsonObject)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Payloads hold only strings (valid Unicode), safe integers, booleans,
 * null, arrays and plain objects, so their canonical JSON is the same in every language.
 * Anything else is refused with the path of the offending value.
 */
export function checkPayload(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse('', 'must be an object');
  }
  // Most payloads are fine; only a refused one pays for naming its path.
  if (!isPlainJson(value, 0)) checkValue(value, '', 0);
  return value as { [key: string]: JsonValue };
}
