import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkBoth,
  copyBag,
  exportBundle,
  openIncidentWithEvidence,
  readLines,
  rehash,
  rewriteManifests,
  rewritePayloadManifest,
  rewriteTagManifest,
  runPython,
  writeLines,
  type Line,
} from './bundle-fixture';

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

/** Lines of the main device's chain, with their place in the file. */
function mainChain(lines: Line[]) {
  return lines
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.deviceId === mainDevice);
}

describe('checking a good bundle', () => {
  it('passes both verifiers with the same summary', async () => {
    const { python, own, ownLine } = await checkBoth(pristine);
    expect(own.ok).toBe(true);
    expect(ownLine).toMatch(
      /^OK: 13 payload files \(\d+ bytes\), 10 evidence files, 11 custody events, 2 chains and 14 journal entries verified$/,
    );
    expect(python).toEqual({ code: 0, stdout: `${ownLine}\n`, stderr: '' });
  });

  it('runs the Python verifier from inside the bag with no argument', () => {
    const inside = runPython(['verify_bundle.py'], pristine);
    expect(inside.code).toBe(0);
    expect(inside.stdout).toMatch(/^OK: 13 payload files/);
  });
});

describe('refusing what is not a bag, with exit 2', () => {
  const verifier = () => join(pristine, 'verify_bundle.py');
  const notABag = (name: string) =>
    `error: ${name} is not a War Room bundle (no bagit.txt); give the ` +
    'folder that holds bagit.txt\n';

  it('calls a file or a missing path a usage error', () => {
    const file = join(pristine, 'bagit.txt');
    expect(runPython([verifier(), file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} is not a directory\n`,
    });
    const absent = join(root, 'no-such-bag');
    expect(runPython([verifier(), absent])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${absent} does not exist\n`,
    });
  });

  it('asks for a zip to be unpacked first', () => {
    const zip = join(root, 'bag.zip');
    writeFileSync(zip, 'PK\u0003\u0004');
    expect(runPython([verifier(), zip])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: ${zip} is a zip archive; unzip it first and check the ` +
        'folder it holds\n',
    });
  });

  it('names a folder with no bagit.txt and no manifest, given or current', () => {
    const empty = join(root, 'not-a-bag');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'x');

    expect(runPython([verifier(), empty])).toEqual({
      code: 2,
      stdout: '',
      stderr: notABag(empty),
    });
    expect(runPython([verifier()], empty)).toEqual({
      code: 2,
      stdout: '',
      stderr: notABag(`the current folder (${empty})`),
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
      'a fraction or exponent; War Room writes only integers',
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
    'a payload file grown, both manifests rewritten but not Payload-Oxum',
    (bag) => {
      appendFileSync(join(bag, firstEvidence), 'more');
      rewritePayloadManifest(bag);
      rewriteTagManifest(bag);
    },
    () => {
      const info = readFileSync(join(pristine, 'bag-info.txt'), 'utf8');
      const oxum = /^Payload-Oxum: (\d+)\.13$/m.exec(info)!;
      const bytes = Number(oxum[1]) + 4;
      return (
        'data/: altered: the payload no longer matches Payload-Oxum in ' +
        `bag-info.txt: it holds ${bytes} bytes in 13 files, where ` +
        `Payload-Oxum records ${oxum[1]}.13`
      );
    },
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
