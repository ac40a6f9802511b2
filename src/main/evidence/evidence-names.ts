import { AppFailure } from '../../shared/result';

const MAX_NAME_BYTES = 255;

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Embedding, override and isolate controls (U+202A–E, U+2066–9). */
function isBidiControl(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * Why a file name cannot be an evidence name, or null if it can. Names are
 * kept as given otherwise; the bundle writer makes its own portable copies.
 */
export function evidenceNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name === '.' || name === '..') return 'is a path traversal';
  if (name.includes('/') || name.includes('\\')) {
    return 'contains a path separator';
  }
  for (const character of name) {
    const code = character.codePointAt(0)!;
    if (isBidiControl(code)) {
      return (
        `contains the direction control U+${hex(code)}, which can make ` +
        'a name display as something it is not'
      );
    }
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      return `contains the control character U+${hex(code)}`;
    }
    // Iterating by code point, only an unpaired surrogate lands here.
    if (code >= 0xd800 && code <= 0xdfff) {
      return (
        `contains the unpaired surrogate U+${hex(code)}, which is not ` +
        'valid Unicode'
      );
    }
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    return `is longer than ${MAX_NAME_BYTES} bytes`;
  }
  return null;
}

/** Refuses a name that could not be stored or handed over safely. */
export function checkEvidenceName(name: string): string {
  const problem = evidenceNameProblem(name);
  if (problem) {
    throw new AppFailure(
      'invalid-input',
      `the evidence name ${JSON.stringify(name)} ${problem}`,
    );
  }
  return name;
}
