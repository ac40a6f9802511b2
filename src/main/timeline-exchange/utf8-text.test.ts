import { describe, expect, it } from 'vitest';
import { FileProblem, Utf8Decoder } from './utf8-text';

function decodeAll(chunks: Buffer[]): string {
  const decoder = new Utf8Decoder();
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
}

function problemOf(chunks: Buffer[]): FileProblem {
  try {
    decodeAll(chunks);
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error('expected a FileProblem');
}

describe('strict UTF-8 decoding', () => {
  it('drops a UTF-8 byte-order mark', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(decodeAll([bom, Buffer.from('message\n')])).toBe('message\n');
  });

  it('keeps a character split across chunks', () => {
    const bytes = Buffer.from('a€b😀c', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(decodeAll(chunks)).toBe('a€b😀c');
  });

  it('refuses UTF-16 by its byte-order mark', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('message', 'utf16le'),
    ]);
    expect(problemOf([utf16]).message).toMatch(/UTF-16.*convert it/);
  });

  it('refuses UTF-16 without a byte-order mark', () => {
    expect(problemOf([Buffer.from('message', 'utf16le')]).message).toMatch(
      /looks like UTF-16/,
    );
  });

  it('names the line of the first invalid byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('line one\nline two\nbad '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]);
    const problem = problemOf([bytes.subarray(0, 12), bytes.subarray(12)]);
    expect(problem.line).toBe(3);
    expect(problem.message).toMatch(/line 3: .*not valid UTF-8.*0xc3/);
  });

  it('refuses a file cut in the middle of a character', () => {
    const cut = Buffer.from('ok\n€', 'utf8').subarray(0, 4);
    expect(problemOf([cut]).message).toMatch(/line 2: .*middle of a UTF-8/);
  });

  it('reads a file shorter than a byte-order mark', () => {
    expect(decodeAll([Buffer.from('a')])).toBe('a');
    expect(decodeAll([])).toBe('');
  });
});
