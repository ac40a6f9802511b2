import { describe, expect, it } from 'vitest';
import { evidenceNameProblem } from './evidence-names';

describe('evidenceNameProblem', () => {
  it('refuses an unpaired surrogate, which has no UTF-8 form', () => {
    expect(evidenceNameProblem('lone\uD800.txt')).toBe(
      'contains the unpaired surrogate U+D800, which is not valid Unicode',
    );
    expect(evidenceNameProblem('\uDFFFtail')).toMatch(/U\+DFFF/);
  });

  it('takes names with paired surrogates and other Unicode as given', () => {
    expect(evidenceNameProblem('🙂 screenshot.png')).toBeNull();
    expect(evidenceNameProblem('證據 résumé.log')).toBeNull();
  });
});
