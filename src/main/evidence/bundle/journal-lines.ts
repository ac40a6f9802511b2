import type { JournalEntry, JsonObject } from '../../../shared/journal-types';
import {
  canonicalJson,
  HASH_FORMAT_VERSION,
  hashInput,
} from '../../journal/entry-hash';

/**
 * One line of `data/journal.jsonl`: exactly the fields of the hash input
 * (entry-hash.ts) plus the hash, written as RFC 8785 canonical JSON, so a
 * recipient drops `hash`, canonicalises the rest and compares.
 */
export type JournalLine = ReturnType<typeof hashInput> & { hash: string };

const HASHED_FIELDS = [
  'version',
  'id',
  'scope',
  'deviceId',
  'chainSeq',
  'kind',
  'actor',
  'occurredAt',
  'occurredOffset',
  'timeSource',
  'recordedAt',
  'payload',
  'prevHash',
] as const;
const LINE_FIELDS: readonly string[] = [...HASHED_FIELDS, 'hash'];
const STRING_FIELDS = [
  'id',
  'scope',
  'deviceId',
  'kind',
  'actor',
  'occurredAt',
  'occurredOffset',
  'timeSource',
  'recordedAt',
] as const;

const HEX64 = /^[0-9a-f]{64}$/;
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;
const LONE_SURROGATE = /\p{Cs}/u;

export function formatJournalLine(entry: JournalEntry): string {
  return canonicalJson({ ...hashInput(entry), hash: entry.hash });
}

export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/**
 * Whether a JSON text writes a number with a fraction or an exponent.
 * Outside string literals only numbers hold digits, so a digit followed by
 * `.`, `e` or `E` is such a number.
 */
function hasFractionOrExponent(text: string): boolean {
  return /[0-9][.eE]/.test(text.replace(STRING_LITERAL, '""'));
}

function someValue(value: unknown, test: (leaf: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => someValue(item, test));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, item]) => test(key) || someValue(item, test),
    );
  }
  return test(value);
}

const isUnsafeInteger = (leaf: unknown) =>
  typeof leaf === 'number' && !Number.isSafeInteger(leaf);

const isLoneSurrogateString = (leaf: unknown) =>
  typeof leaf === 'string' && LONE_SURROGATE.test(leaf);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What is wrong with a parsed line's fields, or null; the Python order. */
function lineShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the line is not a JSON object';
  const missing = LINE_FIELDS.find((field) => !Object.hasOwn(value, field));
  if (missing) return `the line lacks the field ${missing}`;
  const extra = Object.keys(value)
    .filter((key) => !LINE_FIELDS.includes(key))
    .sort();
  if (extra.length > 0) return `the line has the unexpected field ${extra[0]}`;
  if (value.version !== HASH_FORMAT_VERSION) {
    return `version must be ${HASH_FORMAT_VERSION}`;
  }
  const notString = STRING_FIELDS.find((key) => typeof value[key] !== 'string');
  if (notString) return `${notString} must be a string`;
  if (!Number.isSafeInteger(value.chainSeq) || (value.chainSeq as number) < 1) {
    return 'chainSeq must be a positive integer';
  }
  if (!isObject(value.payload)) return 'payload must be an object';
  const badHash = (['prevHash', 'hash'] as const).find(
    (key) => !isHex64(value[key]),
  );
  if (badHash) return `${badHash} must be 64 lowercase hex digits`;
  if (someValue(value, isLoneSurrogateString)) {
    return 'the line holds a lone UTF-16 surrogate, which has no canonical form';
  }
  return null;
}

export type ParsedJournalLine =
  | { entry: JournalLine & { payload: JsonObject }; problem: null }
  | { entry: null; problem: string };

/**
 * Parses one line of `data/journal.jsonl`, or says why it is refused.
 * Numbers are judged as written: a fraction or exponent has no single
 * canonical form across languages, so it is refused rather than rounded.
 */
export function parseJournalLine(text: string): ParsedJournalLine {
  const refuse = (problem: string) => ({ entry: null, problem });
  if (text === '') return refuse('the line is empty');

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('the line is not valid JSON');
  }
  if (hasFractionOrExponent(text)) {
    return refuse(
      'the line holds a number with a fraction or exponent; journal ' +
        'numbers are integers',
    );
  }
  if (someValue(value, isUnsafeInteger)) {
    return refuse('the line holds an integer beyond 2^53 - 1');
  }
  const problem = lineShapeProblem(value);
  if (problem) return refuse(problem);
  return { entry: value as JournalLine, problem: null };
}
