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

/**
 * Payloads hold only strings, safe integers, booleans, null, arrays and
 * plain objects, so their canonical JSON is the same in every language.
 * Anything else is refused with the path of the offending value.
 */
export function checkPayload(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse('', 'must be an object');
  }
  checkValue(value, '', 0);
  return value as { [key: string]: JsonValue };
}
