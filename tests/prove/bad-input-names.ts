/**
 * Evidence file names, taken in three ways: pasted text
 * (`evidence:add-text`), a file on disk (`evidence:add-paths`) and a
 * serve-mode upload. A bad name (empty, `.`/`..`, a separator, a control
 * or direction character, over 255 bytes) must be refused with an error
 * naming it, leaving no registered item and no new vault file; any other
 * name, Windows' reserved ones included, must be taken in as given.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { evidenceUploadInput } from '../../src/shared/ipc-contract';
import { describeIssues } from '../../src/main/ipc/invoke-channel';
import { testContext } from '../../src/main/test-support/temp-war-room';
import type { WarRoom } from '../../src/main/war-room';
import {
  changedTables,
  databaseDigest,
  describeInput,
  drive,
  errorText,
  nameSeed,
  newTally,
  type Failures,
  type Tally,
} from './bad-input-kit';

/** The campaign's own rule for a bad name, written apart from the code's. */
export function isBadName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return true;
  if (/[/\\]/.test(name)) return true;
  for (const character of name) {
    const code = character.codePointAt(0)!;
    // C0 and C1 controls and DEL; the bidirectional embedding, override
    // and isolate controls; an unpaired surrogate, which is not Unicode.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
    if (code >= 0x202a && code <= 0x202e) return true;
    if (code >= 0x2066 && code <= 0x2069) return true;
    if (code >= 0xd800 && code <= 0xdfff) return true;
  }
  return Buffer.byteLength(name, 'utf8') > 255;
}

const piece = fc.string({ unit: 'grapheme-ascii', maxLength: 12 });

export function evidenceNames(): fc.Arbitrary<string> {
  const around = (middle: fc.Arbitrary<string>) =>
    fc.tuple(piece, middle, piece).map(([a, b, c]) => `${a}${b}${c}`);
  const codeRange = (min: number, max: number) =>
    fc.integer({ min, max }).map((code) => String.fromCodePoint(code));
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 0, maxLength: 30 }),
    piece.map((name) => `${name || 'log'}.txt`),
    around(fc.constantFrom('/', '\\', '//', '\\\\', '/./', '\\..\\')),
    fc.constantFrom(
      '',
      '.',
      '..',
      '../x',
      '..\\x',
      './a',
      '/etc/passwd',
      'a/../../b',
      '...',
      '.hidden',
      ' ',
      'trailing.',
      'trailing ',
      'CON',
      'PRN',
      'AUX',
      'NUL',
      'COM1',
      'LPT9',
      'con.txt',
      'NUL.log',
      'desktop.ini',
      'évidence — résumé.txt',
      '證據.log',
      '🙂.png',
      'e\u0301.txt',
      'zero\u200bwidth.txt',
      'lone\uD800surrogate.txt',
      'A'.repeat(255),
      'A'.repeat(256),
      'é'.repeat(127),
      'é'.repeat(128),
      '🙂'.repeat(63),
      '🙂'.repeat(64),
    ),
    around(codeRange(0, 0x1f)),
    around(codeRange(0x7f, 0x9f)),
    around(fc.oneof(codeRange(0x202a, 0x202e), codeRange(0x2066, 0x2069))),
    fc
      .tuple(
        fc.constantFrom('a', 'é', '證', '🙂'),
        fc.integer({ min: 50, max: 300 }),
      )
      .map(([character, count]) => character.repeat(count)),
  );
}

function vaultFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'vault'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [];
  }
}

type Outcome =
  { taken: true; storedName: string } | { taken: false; message: string };

async function viaText(
  warRoom: WarRoom,
  incidentId: string,
  name: string,
  content: string,
): Promise<Outcome> {
  const result = await warRoom.invoke(
    'evidence:add-text',
    { incidentId, name, text: content, type: 'other' },
    testContext,
  );
  if (!result.ok) return { taken: false, message: result.error.message };
  return { taken: true, storedName: (result.value as { name: string }).name };
}

/** Null when the name cannot be a file on this system at all. */
async function viaPath(
  warRoom: WarRoom,
  incidentId: string,
  folder: string,
  name: string,
  content: string,
): Promise<Outcome | null> {
  const creatable =
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !name.includes('/') &&
    !name.includes('\0') &&
    Buffer.byteLength(name) <= 255;
  if (!creatable) return null;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  try {
    writeFileSync(path, content);
  } catch {
    return null;
  }
  const result = await warRoom.invoke(
    'evidence:add-paths',
    { incidentId, paths: [path], type: 'other' },
    testContext,
  );
  if (!result.ok) return { taken: false, message: result.error.message };
  const [outcome] = result.value as (
    { ok: true; item: { name: string } } | { ok: false; message: string }
  )[];
  if (!outcome.ok) return { taken: false, message: outcome.message };
  return { taken: true, storedName: outcome.item.name };
}

async function viaUpload(
  warRoom: WarRoom,
  incidentId: string,
  name: string,
  content: string,
): Promise<Outcome> {
  const parsed = evidenceUploadInput.safeParse({
    incidentId,
    name,
    type: 'other',
  });
  // As the serve route words it.
  if (!parsed.success) {
    return { taken: false, message: describeIssues(parsed.error) };
  }
  async function* body() {
    yield Buffer.from(content);
  }
  const result = await warRoom.takeInUpload(parsed.data, body(), testContext);
  if (!result.ok) return { taken: false, message: result.error.message };
  return { taken: true, storedName: result.value.item.name };
}

export async function fuzzEvidenceNames(options: {
  warRoom: WarRoom;
  incidentId: string;
  workDir: string;
  seed: number;
  deadline: number;
  maxRuns: number;
  failures: Failures;
}): Promise<{ tally: Tally; notCreatable: number }> {
  const { warRoom, incidentId, failures } = options;
  const tally = newTally();
  const folder = join(options.workDir, 'named-files');
  let notCreatable = 0;
  const routes = [
    { route: 'text', take: viaText },
    {
      route: 'path',
      take: (w: WarRoom, id: string, name: string, content: string) =>
        viaPath(w, id, folder, name, content),
    },
    { route: 'upload', take: viaUpload },
  ];

  async function judge(name: string, index: number) {
    const bad = isBadName(name);
    for (const { route, take } of routes) {
      const content = `evidence ${options.seed} ${index} ${route}`;
      const before = databaseDigest(warRoom.db);
      const filesBefore = vaultFiles(warRoom.dataDir);
      let outcome: Outcome | null;
      try {
        outcome = await take(warRoom, incidentId, name, content);
      } catch (error) {
        tally.tried += 1;
        tally.crashes += 1;
        failures.add(
          `evidence name via ${route} threw ${errorText(error)} on ` +
            describeInput(name),
        );
        continue;
      }
      if (outcome === null) {
        notCreatable += 1;
        continue;
      }
      tally.tried += 1;
      const shown = describeInput(name, 80);
      if (outcome.taken) {
        tally.accepted += 1;
        if (bad) {
          tally.crashes += 1;
          failures.add(`evidence via ${route} took in the bad name ${shown}`);
        } else if (outcome.storedName !== name) {
          failures.add(
            `evidence via ${route} stored ${shown} as ` +
              describeInput(outcome.storedName, 80),
          );
        }
        continue;
      }
      tally.rejected += 1;
      if (!bad) {
        failures.add(
          `evidence via ${route} refused the good name ${shown}: ` +
            outcome.message.slice(0, 120),
        );
      }
      if (!/name/i.test(outcome.message)) {
        failures.add(
          `evidence via ${route} refused ${shown} with an error not ` +
            `about its name: ${outcome.message.slice(0, 120)}`,
        );
      }
      const after = databaseDigest(warRoom.db);
      if (after !== before) {
        tally.digestMismatches += 1;
        failures.add(
          `evidence via ${route} refused ${shown} but changed ` +
            changedTables(before, after),
        );
      }
      const filesAfter = vaultFiles(warRoom.dataDir);
      if (filesAfter.join('\n') !== filesBefore.join('\n')) {
        tally.digestMismatches += 1;
        failures.add(`evidence via ${route} refused ${shown} but left a file`);
      }
    }
  }

  await drive(
    evidenceNames(),
    {
      seed: nameSeed(options.seed, 'evidence names'),
      deadline: options.deadline,
      maxRuns: options.maxRuns,
    },
    judge,
  );
  return { tally, notCreatable };
}
