import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVault } from '../evidence/evidence-vault';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

const EVIDENCE_LINE = /^([0-9A-HJKMNP-TV-Z]{26}) {2}([0-9a-f]{64}) {2}(.+)$/;

function writeFiles(): { auth: string; folder: string } {
  const folder = join(sandbox.root, 'collected');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  const auth = join(sandbox.root, 'auth.log');
  writeFileSync(auth, 'Failed password for admin from 203.0.113.7\n');
  writeFileSync(join(folder, 'nested', 'config.yaml'), 'debug: true\n');
  return { auth, folder };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('war-room evidence add', () => {
  it('prints "<id>  <sha256>  <name>" for every file taken in', async () => {
    const id = await sandbox.createIncident();
    const { auth, folder } = writeFiles();

    const run = await sandbox.run([
      'evidence',
      'add',
      '--incident',
      id,
      '--type',
      'log-export',
      '--description',
      'from the jump host',
      '--tag',
      'ssh',
      auth,
      folder,
    ]);

    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => EVIDENCE_LINE.exec(line)?.slice(2))).toEqual([
      [sha256('Failed password for admin from 203.0.113.7\n'), 'auth.log'],
      [sha256('debug: true\n'), 'config.yaml'],
    ]);
  });

  it('exits 1 and names each refused file, keeping the others', async () => {
    const id = await sandbox.createIncident();
    const { auth } = writeFiles();
    const bad = join(sandbox.root, 'bad\u001bname');
    writeFileSync(bad, 'x');

    const run = await sandbox.run([
      'evidence',
      'add',
      '--incident',
      id,
      bad,
      auth,
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd()).toMatch(EVIDENCE_LINE);
    expect(run.stderr).toMatch(
      /^error: the evidence name .* control character U\+001B/,
    );
  });

  it('refuses an unknown type as a usage error', async () => {
    const id = await sandbox.createIncident();
    const { auth } = writeFiles();

    const run = await sandbox.run([
      'evidence',
      'add',
      '--incident',
      id,
      '--type',
      'photo',
      auth,
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--type.*photo/);
  });
});

describe('war-room verify with evidence', () => {
  it('re-hashes the vault and names an altered evidence file', async () => {
    const id = await sandbox.createIncident();
    const { auth } = writeFiles();
    const added = await sandbox.run([
      'evidence',
      'add',
      '--incident',
      id,
      auth,
    ]);
    const [, evidenceId, hash] = EVIDENCE_LINE.exec(added.stdout.trimEnd())!;

    const intact = await sandbox.run(['verify']);
    const blob = openVault(sandbox.dataDir).blobPath(hash);
    chmodSync(blob, 0o600);
    writeFileSync(blob, 'nothing to see\n');
    const altered = await sandbox.run(['verify']);
    const json = await sandbox.run(['verify', '--json']);

    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toMatch(/^OK: .*1 evidence item verified/);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toMatch(
      new RegExp(`^evidence ${evidenceId} \\(auth\\.log\\): altered: `, 'm'),
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      problems: [],
      vault: {
        ok: false,
        items: 1,
        problems: [{ evidenceId, kind: 'altered' }],
      },
    });
  });
});
