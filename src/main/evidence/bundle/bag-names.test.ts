import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceFileName, prefixWidth } from './bag-names';

const PORTABLE = /^[0-9]{3,}-[A-Za-z0-9._-]+$/;
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$/i;

describe('evidence file names in a bag', () => {
  it.each([
    ['auth.log', 1, '001-auth.log'],
    ['report final (copy).pdf', 5, '005-report_final_copy.pdf'],
    ['Überprüfung: "draft"?.log', 8, '008-Uberprufung_draft.log'],
    ['日本語.txt', 9, '009-evidence.txt'],
    ['trailing dot.', 7, '007-trailing_dot'],
    ['spaces at the end  ', 2, '002-spaces_at_the_end'],
    ['CON', 3, '003-CON'],
    ['.bashrc', 4, '004-.bashrc'],
    ['archive.tar.gz', 6, '006-archive.tar.gz'],
  ])('%j at %i becomes %j', (name, position, expected) => {
    expect(evidenceFileName(position, 3, name)).toBe(expected);
  });

  it('keeps the extension when it shortens a long name', () => {
    const name = evidenceFileName(12, 3, `${'x'.repeat(300)}.evtx`);
    expect(name).toBe(`012-${'x'.repeat(80)}.evtx`);
  });

  it('widens the prefix for bags of a thousand items or more', () => {
    expect(prefixWidth(999)).toBe(3);
    expect(prefixWidth(1000)).toBe(4);
    expect(evidenceFileName(7, prefixWidth(1000), 'a')).toBe('0007-a');
  });

  it('makes every name portable and names unique within a bag', () => {
    const names = fc.array(fc.string({ unit: 'binary', minLength: 1 }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(names, (originals) => {
        const width = prefixWidth(originals.length);
        const made = originals.map((name, index) =>
          evidenceFileName(index + 1, width, name),
        );
        for (const name of made) {
          expect(name).toMatch(PORTABLE);
          expect(name).not.toMatch(/[. ]$/);
          expect(name).not.toMatch(WINDOWS_RESERVED);
          expect(name.length).toBeLessThanOrEqual(width + 1 + 80 + 17);
        }
        const folded = new Set(made.map((name) => name.toLowerCase()));
        expect(folded.size).toBe(made.length);
      }),
    );
  });
});
