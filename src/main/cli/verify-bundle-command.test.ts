import {
  appendFileSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../evidence/bundle/bundle-fixture';
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
        '^OK: 4 payload files \\(\\d+ bytes\\), 1 evidence file, 1 chain ' +
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

  it('calls a path that is not a folder, or no path, a usage error', async () => {
    const file = join(sandbox.root, 'bag.zip');
    writeFileSync(file, 'not a folder');

    expect(await verifyBundleCli([file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} is not a directory\n`,
    });
    const none = await verifyBundleCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required argument 'dir'/);
  });
});
