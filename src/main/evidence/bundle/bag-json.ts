import { canonicalJson } from '../../journal/entry-hash';

/*
 * JSON as both bundle verifiers read it, so they agree on every value.
 * Numbers are judged as written: a fraction or an exponent has no single
 * canonical form across languages, so it is refused rather than rounded,
 * and so is an integer beyond 2^53 - 1. War Room writes neither.
 */

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether a JSON text writes a number with a fraction or an exponent.
 * Outside string literals only numbers hold digits, so a digit followed by
 * `.`, `e` or `E` is such a number.
 */
function hasFractionOrExponent(text: string): boolean {
  return /[0-9][.eE]/.test(text.replace(STRING_LITERAL, '""'));
}

export function someValue(
  value: unknown,
  test: (leaf: unknown) => boolean,
): boolean {
  if (Array.isArray(value)) return value.some((item) => someValue(item, test));
  if (isRecord(value)) {
    return Object.entries(value).some(
      ([key, item]) => test(key) || someValue(item, test),
    );
  }
  return test(value);
}

const isUnsafeInteger = (leaf: unknown) =>
  typeof leaf === 'number' && !Number.isSafeInteger(leaf);

export type StrictJson =
  { value: unknown; problem: null } | { value: null; problem: string };

/** Parses a line or a file, named by `noun` in the problem, or says why not. */
export function parseStrictJson(text: string, noun: string): StrictJson {
  const refuse = (problem: string) => ({ value: null, problem });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(`the ${noun} is not valid JSON`);
  }
  if (hasFractionOrExponent(text)) {
    return refuse(
      `the ${noun} holds a number with a fraction or exponent; War Room ` +
        'writes only integers',
    );
  }
  if (someValue(value, isUnsafeInteger)) {
    return refuse(`the ${noun} holds an integer beyond 2^53 - 1`);
  }
  return { value, problem: null };
}

/**
 * Whether two parsed JSON values are the same value: equal canonical JSON,
 * so `1` is not `true` and member order does not count. An absent value
 * (`undefined`) is the same as nothing.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}
