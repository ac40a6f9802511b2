import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JournalEntry } from '../../shared/journal-types';

/** The `prevHash` of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed fields ever change; part of every hash input. */
export const HASH_FORMAT_VERSION = 1;

export type HashedFields = Omit<JournalEntry, 'hash'>;

/**
 * The exact object whose RFC 8785 canonical JSON is hashed. Every field of
 * the entry except the hash itself, plus the format version. The README
 * documents this so the chain can be re-checked without War Room.
 */
export function hashInput(fields: HashedFields) {
  return {
    version: HASH_FORMAT_VERSION,
    id: fields.id,
    scope: fields.scope,
    deviceId: fields.deviceId,
    chainSeq: fields.chainSeq,
    kind: fields.kind,
    actor: fields.actor,
    occurredAt: fields.occurredAt,
    occurredOffset: fields.occurredOffset,
    timeSource: fields.timeSource,
    recordedAt: fields.recordedAt,
    payload: fields.payload,
    prevHash: fields.prevHash,
  };
}

/** RFC 8785 canonical JSON of a checked payload or hash input. */
export function canonicalJson(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) {
    throw new Error('value cannot be canonicalised');
  }
  return canonical;
}

type HashInput = ReturnType<typeof hashInput>;

/** The hash input's members in RFC 8785 order (UTF-16 code unit order). */
const SORTED_MEMBERS = (
  Object.keys(hashInput({} as HashedFields)) as (keyof HashInput)[]
).sort();

/**
 * `canonicalJson(hashInput(fields))`, built around the payload's canonical
 * JSON when the caller already has it, so an append canonicalises each
 * payload once rather than twice. Every member but the payload is a string
 * or a safe integer, whose RFC 8785 form is exactly `JSON.stringify`'s.
 */
export function canonicalHashInput(
  fields: HashedFields,
  payloadJson: string = canonicalJson(fields.payload),
): string {
  const input = hashInput(fields);
  const members = SORTED_MEMBERS.map((key) => {
    const value = key === 'payload' ? payloadJson : JSON.stringify(input[key]);
    return `${JSON.stringify(key)}:${value}`;
  });
  return `{${members.join(',')}}`;
}

/** SHA-256 over the UTF-8 canonical JSON, as lowercase hex. */
export function computeEntryHash(
  fields: HashedFields,
  payloadJson?: string,
): string {
  return createHash('sha256')
    .update(canonicalHashInput(fields, payloadJson), 'utf8')
    .digest('hex');
}
