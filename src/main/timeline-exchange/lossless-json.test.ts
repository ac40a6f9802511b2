import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless, stringifyLossless } from './lossless-json';

describe('lossless JSON', () => {
  it('takes JSON with only safe integers as JSON.parse does', () => {
    const text = '{"a":1,"b":[true,null,"x"],"c":{"d":-5}}';
    expect(parseJsonLossless(text)).toEqual({
      value: JSON.parse(text),
      numbers: [],
    });
  });

  it('keeps fractions and huge integers as their exact text, by pointer', () => {
    const parsed = parseJsonLossless(
      '{"score":0.25,"big":32500000000000000123,"n":[1,1e400],"a/b":{"~":-1.50}}',
    );
    expect(parsed.value).toEqual({
      score: '0.25',
      big: '32500000000000000123',
      n: [1, '1e400'],
      'a/b': { '~': '-1.50' },
    });
    expect(parsed.numbers.sort()).toEqual(
      ['/score', '/big', '/n/1', '/a~1b/~0'].sort(),
    );
  });

  it('writes kept numbers back as bare numbers, byte for byte', () => {
    const text = '{"score":0.25,"big":32500000000000000123,"n":[1,-1.50E-3]}';
    const { value, numbers } = parseJsonLossless(text);
    expect(stringifyLossless(value, new Set(numbers))).toBe(text);
  });

  it('treats __proto__ as an ordinary key, as JSON.parse does', () => {
    const { value } = parseJsonLossless('{"__proto__":{"polluted":0.5}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each(['{"a":1', '{"a":0.5,}', '[0.5 0.6]', '{"a":0.5} x'])(
    'refuses %j as not JSON',
    (text) => {
      expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
    },
  );

  it('refuses nesting deeper than it will follow', () => {
    const deep = `${'['.repeat(70)}0.5${']'.repeat(70)}`;
    expect(() => parseJsonLossless(deep)).toThrow(/nested deeper than 64/);
  });

  it('round-trips any JSON value to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
        const text = JSON.stringify(json);
        const { value, numbers } = parseJsonLossless(text);
        const written = stringifyLossless(value, new Set(numbers));
        expect(JSON.parse(written)).toEqual(JSON.parse(text));
      }),
    );
  });
});
