import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from './formula-guard';

describe('formula guard', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-cmd|calc', "'-cmd|calc"],
    ['@import', "'@import"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ["'=already quoted", "''=already quoted"],
    ["''+twice", "'''+twice"],
  ])('guards %j as %j', (text, guarded) => {
    expect(guardCell(text)).toBe(guarded);
    expect(unguardCell(guarded)).toBe(text);
  });

  it.each(["'tis the season", "'", 'plain', '', '1=1', ' =spaced', "''"])(
    'leaves %j alone both ways',
    (text) => {
      expect(guardCell(text)).toBe(text);
      expect(unguardCell(text)).toBe(text);
    },
  );

  it('never writes a cell a spreadsheet would run, and always reads it back', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a');
    const cell = fc
      .tuple(fc.array(risky, { maxLength: 4 }), fc.string())
      .map(([start, rest]) => start.join('') + rest);
    fc.assert(
      fc.property(cell, (text) => {
        const guarded = guardCell(text);
        expect(/^[=+\-@\t\r]/.test(guarded)).toBe(false);
        expect(unguardCell(guarded)).toBe(text);
      }),
    );
  });
});
