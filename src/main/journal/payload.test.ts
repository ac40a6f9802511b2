import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPayload, isPlainJson } from './payload';

function refusal(value: unknown): string | null {
  try {
    checkPayload(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('checkPayload', () => {
  it('accepts exactly what the fast check accepts, naming the path else', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.anything({ maxDepth: 4 })),
        (value) => {
          const message = refusal(value);
          expect(message === null).toBe(isPlainJson(value, 0));
          if (message !== null) expect(message).toMatch(/^payload/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('names the offending member of a nested payload', () => {
    expect(refusal({ a: [{ b: 1.5 }] })).toBe(
      'payload.a[0].b must be a safe integer (no fractions or huge numbers)',
    );
    expect(refusal({ a: { b: undefined } })).toBe(
      'payload.a.b has a value of type undefined',
    );
    expect(refusal({ when: new Date(0) })).toBe(
      'payload.when must be a plain object',
    );
    expect(refusal({ ok: ['x', 1, true, null, { y: 'z' }] })).toBeNull();
  });

  it('refuses an unpaired surrogate, in a value or a key, naming where', () => {
    expect(refusal({ note: 'a\uD800b' })).toBe(
      'payload.note holds an unpaired surrogate, which is not valid Unicode',
    );
    expect(refusal({ rows: [{ ['k\uDC00']: 'v' }] })).toBe(
      'payload.rows[0]."k\\udc00" (a key) holds an unpaired surrogate, ' +
        'which is not valid Unicode',
    );
    expect(isPlainJson({ ok: 'paired \uD83D\uDE00' }, 0)).toBe(true);
    expect(refusal({ ok: 'paired \uD83D\uDE00' })).toBeNull();
  });
});
