/**
 * File names for evidence inside a bag, portable to Windows, macOS and
 * Linux and safe in `sha256sum` and BagIt manifests without escaping:
 * `NNN-stem.ext` from ASCII letters, digits, `.`, `_` and `-` only.
 *
 * Accents are dropped (`Überprüfung` → `Uberprufung`), anything else
 * outside that set becomes `_`. The numeric prefix is the item's place in
 * the bag, so names are unique however the originals collide (even on a
 * case-insensitive disk), never a reserved device name (`CON`, `NUL`, …)
 * and never hidden. No name ends in a dot or a space. The original name is
 * kept in `data/incident.json` and `data/custody.jsonl`.
 */

const MAX_STEM = 80;
const EXTENSION = /\.[A-Za-z0-9]{1,16}$/;

function asciiOnly(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function evidenceFileName(
  position: number,
  width: number,
  originalName: string,
): string {
  const ascii = asciiOnly(originalName).replace(/[._]+$/, '');
  const found = EXTENSION.exec(ascii);
  const extension = found && found.index > 0 ? found[0] : '';
  const stem = ascii
    .slice(0, ascii.length - extension.length)
    .replace(/_{2,}/g, '_')
    .replace(/^_+|[._]+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/[._]+$/, '');
  const prefix = String(position).padStart(width, '0');
  return `${prefix}-${stem || 'evidence'}${extension}`;
}

/** Digits of the numeric prefix: at least three, more for a large bag. */
export function prefixWidth(count: number): number {
  return Math.max(3, String(count).length);
}
