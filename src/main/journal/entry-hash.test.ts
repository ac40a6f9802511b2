import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../shared/journal-types';
import {
  canonicalHashInput,
  canonicalJson,
  computeEntryHash,
  hashInput,
  type HashedFields,
} from './entry-hash';

const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.maxSafeInteger(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value as fc.Arbitrary<JsonValue>;

const fieldsArbitrary: fc.Arbitrary<HashedFields> = fc.record({
  id: fc.string({ unit: 'binary' }),
  scope: fc.string({ unit: 'binary' }),
  deviceId: fc.string(),
  chainSeq: fc.nat(),
  kind: fc.string({ unit: 'binary' }),
  actor: fc.string({ unit: 'binary' }),
  occurredAt: fc.string(),
  occurredOffset: fc.string(),
  timeSource: fc.constantFrom('device-clock', 'user-entered', 'imported'),
  recordedAt: fc.string(),
  payload: fc.dictionary(fc.string({ unit: 'binary' }), jsonValue, {
    maxKeys: 6,
  }) as fc.Arbitrary<JsonObject>,
  prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
}) as fc.Arbitrary<HashedFields>;

describe('canonicalHashInput', () => {
  it('is exactly the RFC 8785 form of the whole hash input', () => {
    fc.assert(
      fc.property(fieldsArbitrary, (fields) => {
        const expected = canonicalJson(hashInput(fields));
        expect(canonicalHashInput(fields)).toBe(expected);
        const payloadJson = canonicalJson(fields.payload);
        expect(canonicalHashInput(fields, payloadJson)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the payload text it is given', () => {
    const fields = fc.sample(fieldsArbitrary, { numRuns: 1, seed: 7 })[0];
    const honest = computeEntryHash(fields);
    const other = computeEntryHash(fields, '{"forged":true}');
    expect(other).not.toBe(honest);
    expect(computeEntryHash(fields, canonicalJson(fields.payload))).toBe(
      honest,
    );
  });
});
