import type { JournalEntry, JsonObject } from '../../../shared/journal-types';
import {
  canonicalJson,
  HASH_FORMAT_VERSION,
  hashInput,
} from '../../journal/entry-hash';
import { isRecord, parseStrictJson, someValue } from './bag-json';

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
const LONE_SURROGATE = /\p{Cs}/u;

export function formatJournalLine(entry: JournalEntry): string {
  return canonicalJson({ ...hashInput(entry), hash: entry.hash });
}

export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

const isLoneSurrogateString = (leaf: unknown) =>
  typeof leaf === 'string' && LONE_SURROGATE.test(leaf);

/** What is wrong with a parsed line's fields, or null; the Python order. */
function lineShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the line is not a JSON object';
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
  if (!isRecord(value.payload)) return 'payload must be an object';
  const badHash = (['prevHash', 'hash'] as const).find(
    (key) => !isHex64(value[key]),
  );
  if (badHash) return `${badHash} must be 64 lowercase hex digits`;
  if (someValue(value, isLoneSurrogateString)) {
    return 'the line holds a lone UTF-16 surrogate, which has no canonical form';
  }
  return null;
}

/** A line that passed the shape check: its payload is an object. */
export type BagEntry = JournalLine & { payload: JsonObject };

export type ParsedJournalLine =
  { entry: BagEntry; problem: null } | { entry: null; problem: string };

/**
 * Parses one line of `data/journal.jsonl`, or says why it is refused:
 * strict JSON (bag-json.ts), then exactly the fields of a journal line.
 */
export function parseJournalLine(text: string): ParsedJournalLine {
  const refuse = (problem: string) => ({ entry: null, problem });
  if (text === '') return refuse('the line is empty');

  const parsed = parseStrictJson(text, 'line');
  if (parsed.problem !== null) return refuse(parsed.problem);
  const problem = lineShapeProblem(parsed.value);
  if (problem) return refuse(problem);
  return { entry: parsed.value as BagEntry, problem: null };
}
