import { describe, expect, it } from 'vitest';
import { JsonArrayScanner } from './json-array-scanner';
import { FileProblem } from './utf8-text';

function scan(text: string, pieces = 1, max = 1_000) {
  const scanner = new JsonArrayScanner(max);
  const size = Math.ceil(text.length / pieces);
  const out = [];
  for (let start = 0; start < text.length; start += size) {
    out.push(...scanner.push(text.slice(start, start + size)));
  }
  scanner.end();
  return out;
}

describe('JSON array scanner', () => {
  const rows = '[\n  {"a": "x,]}"},\n  {"b": [1, {"c": 2}]}\n]\n';

  it.each([1, 3, rows.length])(
    'splits an array into rows with their lines (%i pieces)',
    (pieces) => {
      expect(scan(rows, pieces)).toEqual([
        { line: 2, text: '{"a": "x,]}"}' },
        { line: 3, text: '{"b": [1, {"c": 2}]}' },
      ]);
    },
  );

  it('reads the rows of {"logs": […]} and ignores the other keys', () => {
    const text =
      '{"total": [9, 9], "logs": [{"id": 1},\n{"id": "a\\"]"}], "more": [3]}';
    expect(scan(text)).toEqual([
      { line: 1, text: '{"id": 1}' },
      { line: 2, text: '{"id": "a\\"]"}' },
    ]);
  });

  it('reads an empty array', () => {
    expect(scan('[ ]')).toEqual([]);
  });

  it('reports a stray comma and an oversized row as bad rows', () => {
    expect(scan('[{"a":1},,{"b":2}]')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 1, problem: 'an empty element (a stray comma)' },
      { line: 1, text: '{"b":2}' },
    ]);
    expect(scan(`[\n"${'x'.repeat(50)}"]`, 1, 20)).toEqual([
      { line: 2, problem: 'the row is larger than 20 characters' },
    ]);
  });

  it.each([
    ['', /empty/],
    ['[{"a":1}', /ends before it is closed/],
    ['[1] [2]', /more text after the JSON/],
    ['{"rows": []}', /without a "logs" array/],
    ['"text"', /expected an array of rows/],
    ['[1}', /unexpected }/],
  ])('refuses %j as a file', (text, reason) => {
    expect(() => scan(text)).toThrow(FileProblem);
    expect(() => scan(text)).toThrow(reason);
  });
});
