import type { JsonObject, JsonValue } from '../../shared/journal-types';
import { AppFailure } from '../../shared/result';

const MAX_DEPTH = 16;

function refuse(path: string, problem: string): never {
  throw new AppFailure('invalid-input', `payload${path} ${problem}`);
}

function checkValue(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) refuse(path, `is nested deeper than ${MAX_DEPTH}`);
  if (value === null) return;

  switch (typeof value) {
    case 'string':
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
    checkValue(item, `${path}.${key}`, depth + 1);
  }
}

/** The same rules as `checkValue`, without building paths for messages. */
export function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null) return true;

  switch (typeof value) {
    case 'string':
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
    if (!isPlainJson((value as JsonObject)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Payloads hold only strings, safe integers, booleans, null, arrays and
 * plain objects, so their canonical JSON is the same in every language.
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
