import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteManifests, runPython } from '../evidence/bundle/bundle-fixture';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import { runCli } from './cli-program';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

/** A bag of an incident with one pasted text, written by the CLI. */
async function writeBag(): Promise<string> {
  const incidentId = await sandbox.createIncident();
  const { warRoom } = openTestWarRoom(sandbox.dataDir);
  try {
    await invokeOk(warRoom, 'evidence:add-text', {
      incidentId,
      name: 'who.txt',
      text: 'ana pts/0 203.0.113.7\n',
      type: 'system-snapshot',
    });
  } finally {
    warRoom.close();
  }
  const bag = join(sandbox.root, 'bag');
  const exported = await sandbox.run([
    'export',
    'bundle',
    '--incident',
    incidentId,
    '--out',
    bag,
  ]);
  expect(exported.code).toBe(0);
  return bag;
}

/** Runs verify-bundle with no usable data directory. */
async function verifyBundleCli(args: string[]) {
  const terminal = sandbox.terminal('', {
    WAR_ROOM_DATA_DIR: join(sandbox.root, 'no-data-here'),
  });
  const code = await runCli(['verify-bundle', ...args], terminal.runtime);
  return { code, stdout: terminal.stdout(), stderr: terminal.stderr() };
}

describe('war-room verify-bundle', () => {
  it('prints the same OK line as the shipped verifier and exits 0', async () => {
    const bag = await writeBag();

    const result = await verifyBundleCli([bag]);
    const python = runPython([join(bag, 'verify_bundle.py'), bag]);
    expect(result).toEqual({ code: 0, stdout: python.stdout, stderr: '' });
    const entries = readFileSync(join(bag, 'data', 'journal.jsonl'), 'utf8')
      .trimEnd()
      .split('\n').length;
    expect(result.stdout).toMatch(
      new RegExp(
        '^OK: 4 payload files \\(\\d+ bytes\\), 1 evidence file, ' +
          '1 custody event, 1 chain ' +
          `and ${entries} journal entries verified\n$`,
      ),
    );
  });

  it('names the first problem with exit 1, as the shipped verifier does', async () => {
    const bag = await writeBag();
    const [evidence] = readdirSync(join(bag, 'data', 'evidence'));
    appendFileSync(join(bag, 'data', 'evidence', evidence), 'and mallory\n');

    const result = await verifyBundleCli([bag]);
    expect(result).toEqual({
      code: 1,
      stdout:
        `FAILED: data/evidence/${evidence}: altered: its SHA-256 does not ` +
        'match manifest-sha256.txt\n',
      stderr: '',
    });
    expect(runPython([join(bag, 'verify_bundle.py'), bag]).stdout).toBe(
      result.stdout,
    );
  });

  it('holds the evidence to the journal: an item removed everywhere else fails', async () => {
    const bag = await writeBag();
    const index = JSON.parse(
      readFileSync(join(bag, 'data', 'incident.json'), 'utf8'),
    );
    const [item] = index.evidence.splice(0, 1);
    writeFileSync(
      join(bag, 'data', 'incident.json'),
      JSON.stringify(index, null, 2),
    );
    rmSync(join(bag, item.bagPath));
    writeFileSync(join(bag, 'data', 'custody.jsonl'), '');
    rewriteManifests(bag);

    const result = await verifyBundleCli([bag]);
    const lines = readFileSync(join(bag, 'data', 'journal.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).id as string);
    expect(result).toEqual({
      code: 1,
      stdout:
        `FAILED: data/journal.jsonl line ${lines.indexOf(item.entryId) + 1} ` +
        `(entry ${item.entryId}): missing: evidence item ${item.id} that ` +
        'this entry registered is not in data/incident.json\n',
      stderr: '',
    });
    expect(runPython([join(bag, 'verify_bundle.py'), bag]).stdout).toBe(
      result.stdout,
    );
  });

  it('calls a file, a missing path or no path a usage error', async () => {
    const file = join(sandbox.root, 'bag.tar');
    writeFileSync(file, 'not a folder');
    const missing = join(sandbox.root, 'nowhere');

    expect(await verifyBundleCli([file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} is not a directory\n`,
    });
    expect(await verifyBundleCli([missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${missing} does not exist\n`,
    });
    const none = await verifyBundleCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required argument 'dir'/);
  });

  it('asks for a zip to be unpacked first, with exit 2', async () => {
    const bag = await writeBag();
    const zip = join(sandbox.root, 'bag.ZIP');
    writeFileSync(zip, readFileSync(join(bag, 'bagit.txt')));

    expect(await verifyBundleCli([zip])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: ${zip} is a zip archive; unzip it first and check the ` +
        'folder it holds\n',
    });
  });

  it('calls a folder with no bagit.txt and no manifest no bundle, with exit 2', async () => {
    const folder = join(sandbox.root, 'downloads');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'x');

    expect(await verifyBundleCli([folder])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: ${folder} is not a War Room bundle (no bagit.txt); give ` +
        'the folder that holds bagit.txt\n',
    });
  });

  it('still checks a bag that lost its bagit.txt, with exit 1', async () => {
    const bag = await writeBag();
    rmSync(join(bag, 'bagit.txt'));

    expect(await verifyBundleCli([bag])).toEqual({
      code: 1,
      stdout: 'FAILED: bagit.txt: missing: the file is not in the bag\n',
      stderr: '',
    });
  });
});
