import {
  appendFileSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, computeEntryHash } from '../../journal/entry-hash';
import {
  copyBag,
  exportBundle,
  openIncidentWithEvidence,
  rewriteManifests,
  rewriteTagManifest,
  runPython,
} from './bundle-fixture';
import { bundleCheckLine, verifyBundle } from './verify-bundle';

/*
 * Every tampering is checked by both verifiers: the one shipped in the bag
 * (Python) and War Room's own. They must fail on the same first problem,
 * worded the same. The pristine bag is written once; each case tampers
 * with its own copy.
 */

let root: string;
let pristine: string;
let incidentId: string;
let mainDevice: string;
let otherDevice: string;
let firstEvidence: string;

type Line = Record<string, unknown> & {
  id: string;
  deviceId: string;
  chainSeq: number;
  payload: Record<string, unknown>;
  hash: string;
};

beforeAll(async () => {
  const fixture = await openIncidentWithEvidence();
  root = fixture.root;
  pristine = join(root, 'pristine');
  await exportBundle(fixture.warRoom, fixture.incident.id, pristine);
  fixture.warRoom.close();
  incidentId = fixture.incident.id;
  mainDevice = fixture.warRoom.deviceId;
  otherDevice = fixture.otherDevice;
  const index = JSON.parse(
    readFileSync(join(pristine, 'data', 'incident.json'), 'utf8'),
  );
  firstEvidence = index.evidence[0].bagPath;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function readLines(bag: string): Line[] {
  return readFileSync(join(bag, 'data', 'journal.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

function writeLines(bag: string, lines: Line[]): void {
  writeFileSync(
    join(bag, 'data', 'journal.jsonl'),
    lines.map((line) => `${canonicalJson(line)}\n`).join(''),
  );
}

function rehash(line: Line): Line {
  const { hash: _hash, version: _version, ...fields } = line;
  return { ...line, hash: computeEntryHash(fields as never) };
}

/** Lines of the main device's chain, with their place in the file. */
function mainChain(lines: Line[]) {
  return lines
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.deviceId === mainDevice);
}

async function checkBoth(bag: string) {
  const python = runPython([join(bag, 'verify_bundle.py'), bag]);
  const own = await verifyBundle(bag);
  return { python, own, ownLine: bundleCheckLine(own) };
}

describe('checking a good bundle', () => {
  it('passes both verifiers with the same summary', async () => {
    const { python, own, ownLine } = await checkBoth(pristine);
    expect(own.ok).toBe(true);
    expect(ownLine).toMatch(
      /^OK: 13 payload files \(\d+ bytes\), 10 evidence files, 2 chains and 14 journal entries verified$/,
    );
    expect(python).toEqual({ code: 0, stdout: `${ownLine}\n`, stderr: '' });
  });

  it('runs the Python verifier from inside the bag with no argument', () => {
    const inside = runPython(['verify_bundle.py'], pristine);
    expect(inside.code).toBe(0);
    expect(inside.stdout).toMatch(/^OK: 13 payload files/);
  });

  it('calls a path that is not a folder a usage error', async () => {
    const file = join(pristine, 'bagit.txt');
    const python = runPython([join(pristine, 'verify_bundle.py'), file]);
    expect(python).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} is not a directory\n`,
    });
  });
});

type Tampering = [
  name: string,
  tamper: (bag: string) => void,
  expected: () => string,
];

const TAMPERINGS: Tampering[] = [
  [
    'an altered evidence file',
    (bag) => appendFileSync(join(bag, firstEvidence), 'x'),
    () =>
      `${firstEvidence}: altered: its SHA-256 does not match manifest-sha256.txt`,
  ],
  [
    'a missing evidence file',
    (bag) => rmSync(join(bag, firstEvidence)),
    () =>
      `${firstEvidence}: missing: listed in manifest-sha256.txt but not in ` +
      'the bag',
  ],
  [
    'a symbolic link in place of an evidence file',
    (bag) => {
      rmSync(join(bag, firstEvidence));
      symlinkSync(join(pristine, firstEvidence), join(bag, firstEvidence));
    },
    () => `${firstEvidence}: malformed: not a regular file`,
  ],
  [
    'an extra file in data/',
    (bag) => writeFileSync(join(bag, 'data', 'evidence', 'extra.txt'), 'x'),
    () => 'data/evidence/extra.txt: extra: not listed in manifest-sha256.txt',
  ],
  [
    'an extra file beside the tag files',
    (bag) => writeFileSync(join(bag, 'notes.txt'), 'x'),
    () => 'notes.txt: extra: not listed in tagmanifest-sha256.txt',
  ],
  [
    'a renamed evidence file',
    (bag) => renameSync(join(bag, firstEvidence), join(bag, 'data', 'x.log')),
    () =>
      `${firstEvidence}: missing: listed in manifest-sha256.txt but not in ` +
      'the bag',
  ],
  [
    'an altered journal line',
    (bag) => {
      const lines = readLines(bag);
      const note = lines.find((line) => line.kind === 'note')!;
      note.payload.text = 'Nothing was blocked';
      writeLines(bag, lines);
    },
    () =>
      'data/journal.jsonl: altered: its SHA-256 does not match ' +
      'manifest-sha256.txt',
  ],
  [
    'an altered journal line, manifests rewritten',
    (bag) => {
      const lines = readLines(bag);
      lines[2].actor = 'mallory';
      writeLines(bag, lines);
      rewriteManifests(bag);
    },
    () =>
      `data/journal.jsonl line 3 (entry ${readLines(pristine)[2].id}): ` +
      "altered: the hash does not match the entry's content",
  ],
  [
    'an altered journal line with its hash recomputed, manifests rewritten',
    (bag) => {
      const lines = readLines(bag);
      lines[2] = rehash({ ...lines[2], actor: 'mallory' });
      writeLines(bag, lines);
      rewriteManifests(bag);
    },
    () => {
      const lines = readLines(pristine);
      const forged = rehash({ ...lines[2], actor: 'mallory' });
      return (
        `data/journal.jsonl line 4 (entry ${lines[3].id}): altered: the ` +
        `entry links to ${lines[2].hash.slice(0, 12)}..., but the entry ` +
        `before it in its chain hashes to ${forged.hash.slice(0, 12)}...`
      );
    },
  ],
  [
    'a deleted journal line',
    (bag) => writeLines(bag, readLines(bag).toSpliced(4, 1)),
    () =>
      'data/journal.jsonl: altered: its SHA-256 does not match ' +
      'manifest-sha256.txt',
  ],
  [
    'a deleted journal line, manifests rewritten',
    (bag) => {
      writeLines(bag, readLines(bag).toSpliced(4, 1));
      rewriteManifests(bag);
    },
    () =>
      `data/journal.jsonl line 5 (entry ${readLines(pristine)[5].id}): ` +
      'missing: chain position 5 is missing before this entry',
  ],
  [
    "the last line of a device's chain deleted, manifests rewritten",
    (bag) => {
      const lines = readLines(bag);
      const last = mainChain(lines).at(-1)!;
      writeLines(bag, lines.toSpliced(last.number - 1, 1));
      rewriteManifests(bag);
    },
    () => {
      const length = mainChain(readLines(pristine)).length;
      return (
        `data/journal.jsonl: missing: the chain of device ${mainDevice} has ` +
        `${length - 1} entries but its recorded head has ${length}; the ` +
        'last ones were removed'
      );
    },
  ],
  [
    'a reordered journal line',
    (bag) => {
      const lines = readLines(bag);
      [lines[3], lines[4]] = [lines[4], lines[3]];
      writeLines(bag, lines);
    },
    () =>
      'data/journal.jsonl: altered: its SHA-256 does not match ' +
      'manifest-sha256.txt',
  ],
  [
    'a reordered journal line, manifests rewritten',
    (bag) => {
      const lines = readLines(bag);
      [lines[3], lines[4]] = [lines[4], lines[3]];
      writeLines(bag, lines);
      rewriteManifests(bag);
    },
    () =>
      `data/journal.jsonl line 4 (entry ${readLines(pristine)[4].id}): ` +
      'reordered: the entry for chain position 5 stands where position 4 ' +
      'belongs',
  ],
  [
    'a line moved to another incident, manifests rewritten',
    (bag) => {
      const lines = readLines(bag);
      lines[1] = rehash({ ...lines[1], scope: otherDevice });
      writeLines(bag, lines);
      rewriteManifests(bag);
    },
    () =>
      `data/journal.jsonl line 2 (entry ${readLines(pristine)[1].id}): ` +
      `foreign: the entry belongs to ${otherDevice}, not to incident ` +
      incidentId,
  ],
  [
    'a fraction in a payload, manifests rewritten',
    (bag) => {
      const path = join(bag, 'data', 'journal.jsonl');
      const text = readFileSync(path, 'utf8').split('\n');
      text[0] = text[0].replace('"version":1', '"version":1.0');
      writeFileSync(path, text.join('\n'));
      rewriteManifests(bag);
    },
    () =>
      `data/journal.jsonl line 1: malformed: the line holds a number with ` +
      'a fraction or exponent; journal numbers are integers',
  ],
  [
    'an altered manifest line',
    (bag) => {
      const path = join(bag, 'manifest-sha256.txt');
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, `${'0'.repeat(64)}${text.slice(64)}`);
    },
    () =>
      'manifest-sha256.txt: altered: its SHA-256 does not match ' +
      'tagmanifest-sha256.txt',
  ],
  [
    'a manifest line that is not "SHA-256  path", tag manifest rewritten',
    (bag) => {
      appendFileSync(join(bag, 'manifest-sha256.txt'), 'abc data/x\n');
      rewriteTagManifest(bag);
    },
    () => {
      const lines = readFileSync(join(pristine, 'manifest-sha256.txt'), 'utf8');
      const number = lines.split('\n').length;
      return (
        `manifest-sha256.txt line ${number}: malformed: not a ` +
        '"SHA-256  path" line'
      );
    },
  ],
  [
    'a manifest path leaving data/, tag manifest rewritten',
    (bag) => {
      appendFileSync(
        join(bag, 'manifest-sha256.txt'),
        `${'a'.repeat(64)}  data/../../etc/passwd\n`,
      );
      rewriteTagManifest(bag);
    },
    () => {
      const lines = readFileSync(join(pristine, 'manifest-sha256.txt'), 'utf8');
      const number = lines.split('\n').length;
      return (
        `manifest-sha256.txt line ${number}: malformed: ` +
        'data/../../etc/passwd is not a relative path inside data/'
      );
    },
  ],
  [
    'an altered tag file',
    (bag) => appendFileSync(join(bag, 'bag-info.txt'), 'Bag-Count: 1 of 2\n'),
    () =>
      'bag-info.txt: altered: its SHA-256 does not match ' +
      'tagmanifest-sha256.txt',
  ],
  [
    'altered chain heads in bag-info.txt, manifests rewritten',
    (bag) => {
      const path = join(bag, 'bag-info.txt');
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(/^War-Room-Chain-Head: .*\n/m, ''));
      rewriteManifests(bag);
    },
    () =>
      'bag-info.txt: altered: its War-Room-Chain-Head lines do not match ' +
      'the chain heads in data/incident.json',
  ],
  [
    'a replaced evidence file, manifests rewritten',
    (bag) => {
      writeFileSync(join(bag, firstEvidence), 'a different log\n');
      rewriteManifests(bag);
    },
    () => {
      const index = JSON.parse(
        readFileSync(join(pristine, 'data', 'incident.json'), 'utf8'),
      );
      return (
        `${firstEvidence}: altered: its SHA-256 differs from the one ` +
        `data/incident.json records for evidence item ${index.evidence[0].id}`
      );
    },
  ],
  [
    'a missing bagit.txt',
    (bag) => rmSync(join(bag, 'bagit.txt')),
    () => 'bagit.txt: missing: the file is not in the bag',
  ],
];

describe('checking a tampered bundle', () => {
  it.each(TAMPERINGS)(
    'both verifiers name %s',
    async (_name, tamper, expected) => {
      const bag = copyBag(pristine, root);
      tamper(bag);

      const { python, own, ownLine } = await checkBoth(bag);
      expect(own.ok).toBe(false);
      expect(ownLine).toBe(`FAILED: ${expected()}`);
      expect(python).toEqual({ code: 1, stdout: `${ownLine}\n`, stderr: '' });
    },
  );
});
