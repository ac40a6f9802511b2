import { BagProblem } from './bag-problem';

/*
 * The text formats of a bag's tag files, read exactly as the shipped
 * Python verifier reads them: strict UTF-8 (a byte order mark is kept, and
 * so refused), lines split on LF with one trailing CR dropped.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const TAG_LINE = /^([^:\n]+?)[ \t]*:[ \t]*([^\n]*)$/;
const MANIFEST_LINE = /^([0-9a-fA-F]{64})[ \t]+([^ \t][^\n]*)$/;
const ENCODED_CHARACTER = /%(0A|0D|25)/gi;

export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new BagProblem(where, 'malformed', 'the file is not valid UTF-8');
  }
}

/** Lines split on LF; a final LF ends the last line, not a new one. */
export function textLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export type TagValues = Map<string, string[]>;

const trimBlanks = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * `Label: value` lines; a line starting with a space or tab continues the
 * value before it. Labels may repeat.
 */
export function parseTagFile(text: string, file: string): TagValues {
  const labels: TagValues = new Map();
  let last: string | null = null;
  textLines(text).forEach((line, index) => {
    const values = last === null ? undefined : labels.get(last);
    if ((line.startsWith(' ') || line.startsWith('\t')) && values) {
      values[values.length - 1] = trimBlanks(
        `${values[values.length - 1]} ${trimBlanks(line)}`,
      );
      return;
    }
    const match = TAG_LINE.exec(line);
    if (!match) {
      throw new BagProblem(
        `${file} line ${index + 1}`,
        'malformed',
        'not a "Label: value" line',
      );
    }
    last = match[1];
    const value = match[2].replace(/[ \t]+$/, '');
    labels.set(last, [...(labels.get(last) ?? []), value]);
  });
  return labels;
}

export function singleValue(
  labels: TagValues,
  label: string,
  file: string,
): string {
  const values = labels.get(label) ?? [];
  if (values.length !== 1) {
    throw new BagProblem(file, 'malformed', `${label} must appear once`);
  }
  return values[0];
}

export type ManifestLine = { path: string; sha256: string };

function isSafeRelativePath(path: string): boolean {
  return (
    !path.includes('\\') &&
    path
      .split('/')
      .every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/**
 * The lines of a manifest, in file order: `data/` paths for the payload
 * manifest, other paths for the tag manifest. BagIt's `%0A`, `%0D` and
 * `%25` escapes are decoded; bags War Room writes never need them.
 */
export function parseManifest(
  text: string,
  file: string,
  options: { payload: boolean; tagManifest: string },
): ManifestLine[] {
  const seen = new Set<string>();
  return textLines(text).map((line, index) => {
    const where = `${file} line ${index + 1}`;
    const match = MANIFEST_LINE.exec(line);
    if (!match) {
      throw new BagProblem(where, 'malformed', 'not a "SHA-256  path" line');
    }
    const path = match[2].replace(ENCODED_CHARACTER, (_all, code: string) =>
      String.fromCharCode(Number.parseInt(code, 16)),
    );
    if (
      !isSafeRelativePath(path) ||
      path.startsWith('data/') !== options.payload
    ) {
      const place = options.payload ? 'inside data/' : 'outside data/';
      throw new BagProblem(
        where,
        'malformed',
        `${path} is not a relative path ${place}`,
      );
    }
    if (path === options.tagManifest) {
      throw new BagProblem(
        where,
        'malformed',
        'the tag manifest cannot list itself',
      );
    }
    if (seen.has(path)) {
      throw new BagProblem(where, 'malformed', `${path} is listed twice`);
    }
    seen.add(path);
    return { path, sha256: match[1].toLowerCase() };
  });
}

/**
 * Manifest text in the form `sha256sum -c` reads: hash, two spaces, path.
 * Bag paths are kept to characters that need no escaping in either format.
 */
export function formatManifest(lines: readonly ManifestLine[]): string {
  return lines.map((line) => `${line.sha256}  ${line.path}\n`).join('');
}
