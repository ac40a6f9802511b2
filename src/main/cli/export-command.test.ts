import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../shared/evidence-types';
import { verifyBundle } from '../evidence/bundle/verify-bundle';
import { openVault } from '../evidence/evidence-vault';
import { invokeOk, openTestWarRoom } from '../test-support/temp-war-room';
import { runCli } from './cli-program';
import { useCliSandbox } from './cli-sandbox';

const sandbox = useCliSandbox();

/** An incident with two files and a pasted text, added by the channels. */
async function incidentWithEvidence() {
  const incidentId = await sandbox.createIncident();
  const sources = join(sandbox.root, 'sources');
  mkdirSync(sources);
  writeFileSync(join(sources, 'auth.log'), 'Accepted key for root\n');
  writeFileSync(
    join(sources, 'waf export.csv'),
    'ip,action\n203.0.113.7,block\n',
  );
  const { warRoom } = openTestWarRoom(sandbox.dataDir);
  try {
    await invokeOk(warRoom, 'evidence:add-paths', {
      incidentId,
      paths: [sources],
      type: 'log-export',
    });
    const text = await invokeOk<EvidenceItem>(warRoom, 'evidence:add-text', {
      incidentId,
      name: 'netstat.txt',
      text: 'tcp 0 0 10.0.0.5:22 203.0.113.7:51234 ESTABLISHED\n',
      type: 'system-snapshot',
    });
    return { incidentId, text };
  } finally {
    warRoom.close();
  }
}

const sha256 = (path: string) =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

describe('war-room export bundle', () => {
  it('writes a bag and its zip, and prints where, what and the tag manifest hash', async () => {
    const { incidentId } = await incidentWithEvidence();
    const out = join(sandbox.root, 'handover');
    const terminal = sandbox.terminal('', {
      WAR_ROOM_ORGANISATION: 'Example Platform Ltd',
    });

    const code = await runCli(
      [
        'export',
        'bundle',
        '--incident',
        incidentId,
        '--out',
        out,
        '--zip',
        '--contact',
        'Ana Lima, ana@example.org',
      ],
      terminal.runtime,
    );

    expect(terminal.stderr()).toBe('');
    expect(code).toBe(0);
    const payloadBytes = [
      'data/custody.jsonl',
      'data/incident.json',
      'data/journal.jsonl',
    ]
      .concat(
        readdirSync(join(out, 'data', 'evidence')).map(
          (name) => `data/evidence/${name}`,
        ),
      )
      .reduce((sum, path) => sum + readFileSync(join(out, path)).length, 0);
    expect(terminal.stdout()).toBe(
      [
        `bag: ${out}`,
        `zip: ${out}.zip`,
        'evidence files: 3',
        `payload: 6 files, ${payloadBytes} bytes`,
        `tagmanifest-sha256.txt SHA-256: ${sha256(join(out, 'tagmanifest-sha256.txt'))}`,
        '',
      ].join('\n'),
    );
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(existsSync(`${out}.zip`)).toBe(true);
    const info = readFileSync(join(out, 'bag-info.txt'), 'utf8');
    expect(info).toContain('Source-Organization: Example Platform Ltd\n');
    expect(info).toContain('Contact-Name: Ana Lima\n');
    expect(info).toContain('Contact-Email: ana@example.org\n');
    expect(info).toContain(`External-Identifier: ${incidentId}\n`);
    const index = JSON.parse(
      readFileSync(join(out, 'data', 'incident.json'), 'utf8'),
    );
    expect(index.evidence).toHaveLength(3);
    for (const item of index.evidence) {
      expect(item.integrity).toBe('intact');
      expect(item.integrityCheckedAt).toBe(index.baggedAt);
    }
  });

  it('refuses a folder that is not empty with exit 2 and leaves it as it was', async () => {
    const { incidentId } = await incidentWithEvidence();
    const out = join(sandbox.root, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'mine');

    const result = await sandbox.run([
      'export',
      'bundle',
      '--incident',
      incidentId,
      '--out',
      out,
    ]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${out} is not empty; the bundle needs a new or empty folder\n`,
    });
    expect(readdirSync(out)).toEqual(['notes.md']);
  });

  it('exits 1 and writes nothing when evidence was altered in the vault', async () => {
    const { incidentId, text } = await incidentWithEvidence();
    const blob = openVault(sandbox.dataDir).blobPath(text.hashes.sha256);
    chmodSync(blob, 0o600);
    writeFileSync(blob, 'tcp 0 0 10.0.0.5:22 198.51.100.1:51234 ESTABLISHED\n');
    const out = join(sandbox.root, 'handover');

    const result = await sandbox.run([
      'export',
      'bundle',
      '--incident',
      incidentId,
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: evidence item ${text.id} \\("netstat.txt"\\) no longer has the SHA-256`,
      ),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('calls an unknown incident or a missing --out a usage error', async () => {
    await sandbox.createIncident();
    const unknown = await sandbox.run([
      'export',
      'bundle',
      '--incident',
      '01J0000000000000000000000A',
      '--out',
      join(sandbox.root, 'x'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'error: no incident has the id 01J0000000000000000000000A\n',
    );
    expect(existsSync(join(sandbox.root, 'x'))).toBe(false);

    const noOut = await sandbox.run(['export', 'bundle', '--incident', 'x']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '--out <dir>' not specified/);
  });
});
