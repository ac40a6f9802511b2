import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceItem, IntakeOutcome } from '../../shared/evidence-types';
import type { Incident } from '../../shared/ipc-contract';
import { createLogger } from '../logger';
import { manualClock } from '../clock';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
  TEST_START_MICROS,
  testContext,
} from '../test-support/temp-war-room';
import { openWarRoom, type WarRoom } from '../war-room';
import {
  takeInContent,
  takeInPaths,
  type IntakeContext,
} from './evidence-intake';
import { openVault, VAULT_CHUNK_BYTES } from './evidence-vault';
import { createJournalWriter } from '../journal/append-entries';

let warRoom: WarRoom;
let incident: Incident;
let files: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  ({ warRoom } = openTestWarRoom());
  incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Leaked keys',
    severity: 'high',
    category: 'data-security',
  });
  files = makeTempDir('war-room-evidence-');
});

afterEach(() => {
  warRoom.close();
  files.remove();
});

function digest(algorithm: string, content: Buffer | string): string {
  return createHash(algorithm).update(content).digest('hex');
}

function writeEvidenceFile(name: string, content: Buffer | string): string {
  const path = join(files.path, name);
  writeFileSync(path, content);
  return path;
}

function addPaths(paths: string[], extra: object = {}) {
  return warRoom.invoke(
    'evidence:add-paths',
    { incidentId: incident.id, paths, type: 'log-export', ...extra },
    testContext,
  );
}

async function addPathsOk(paths: string[], extra: object = {}) {
  return invokeOk<IntakeOutcome[]>(warRoom, 'evidence:add-paths', {
    incidentId: incident.id,
    paths,
    type: 'log-export',
    ...extra,
  });
}

function registered(outcome: IntakeOutcome): EvidenceItem {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.item;
}

/** Every file under the vault, temporary ones included. */
function vaultFiles(): string[] {
  const root = join(warRoom.dataDir, 'vault');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function countRows(table: string): number {
  return (
    warRoom.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as {
      n: number;
    }
  ).n;
}

describe('taking in files', () => {
  it('stores each file once, hashed three ways, read-only, and registers it', async () => {
    const content = Buffer.from('GET /admin 401\nGET /admin 200\n');
    const path = writeEvidenceFile('access.log', content);

    const [outcome] = await addPathsOk([path], {
      description: 'web server log',
      tags: ['web', 'auth'],
    });
    const item = registered(outcome);

    expect(item.hashes).toEqual({
      sha256: digest('sha256', content),
      sha1: digest('sha1', content),
      md5: digest('md5', content),
    });
    expect(item).toMatchObject({
      name: 'access.log',
      originalPath: path,
      source: 'file',
      size: content.length,
      type: 'log-export',
      description: 'web server log',
      tags: ['web', 'auth'],
      acquiredBy: 'tester',
      custodyState: 'collected',
      custodian: 'tester',
      integrity: 'unverified',
    });
    expect(item.originalModifiedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    const blob = openVault(warRoom.dataDir).blobPath(item.hashes.sha256);
    expect(statSync(blob).mode & 0o777).toBe(0o444);
    expect(vaultFiles()).toEqual([blob]);

    const entry = warRoom.db
      .prepare('SELECT kind, payload FROM journal_entries WHERE id = ?')
      .get(item.entryId) as { kind: string; payload: string };
    expect(entry.kind).toBe('evidence.added');
    expect(JSON.parse(entry.payload)).toMatchObject({
      evidenceId: item.id,
      sha256: item.hashes.sha256,
      size: content.length,
    });
  });

  it('stores identical content once and references it twice', async () => {
    const first = writeEvidenceFile('one.txt', 'same bytes');
    const second = writeEvidenceFile('two.txt', 'same bytes');

    const outcomes = await addPathsOk([first, second]);

    const items = outcomes.map(registered);
    expect(items[0].hashes.sha256).toBe(items[1].hashes.sha256);
    expect(outcomes.map((o) => o.ok && o.deduplicated)).toEqual([false, true]);
    expect(vaultFiles()).toHaveLength(1);
    expect(countRows('vault_blobs')).toBe(1);
    expect(countRows('evidence_items')).toBe(2);
  });

  it('hashes a file larger than one chunk exactly', async () => {
    const content = Buffer.alloc(VAULT_CHUNK_BYTES * 2 + 12_345);
    for (let i = 0; i < content.length; i += 1) content[i] = (i * 31) % 251;
    const path = writeEvidenceFile('memory.bin', content);

    const item = registered((await addPathsOk([path]))[0]);

    expect(item.size).toBe(content.length);
    expect(item.hashes.sha256).toBe(digest('sha256', content));
    expect(item.hashes.md5).toBe(digest('md5', content));
  });

  it('takes in a folder file by file and records links as links', async () => {
    const folder = join(files.path, 'snapshot');
    mkdirSync(join(folder, 'etc'), { recursive: true });
    writeFileSync(join(folder, 'etc', 'passwd'), 'root:x:0:0\n');
    writeFileSync(join(folder, 'hostname'), 'web-1\n');
    symlinkSync('/etc/shadow', join(folder, 'shadow-link'));

    const items = (await addPathsOk([folder])).map(registered);

    expect(items.map((item) => item.name)).toEqual([
      'passwd',
      'hostname',
      'shadow-link',
    ]);
    expect(items[0].originalPath).toBe(join(folder, 'etc', 'passwd'));
    const link = items[2];
    expect(link).toMatchObject({
      source: 'symlink',
      linkTarget: '/etc/shadow',
      size: '/etc/shadow'.length,
    });
    expect(link.hashes.sha256).toBe(digest('sha256', '/etc/shadow'));
    expect(link.description).toMatch(/target was not read/);
  });

  it('records a symbolic link given directly without following it', async () => {
    const target = writeEvidenceFile('real.txt', 'secret');
    const path = join(files.path, 'pointer');
    symlinkSync(target, path);

    const item = registered((await addPathsOk([path]))[0]);

    expect(item.source).toBe('symlink');
    expect(item.hashes.sha256).not.toBe(digest('sha256', 'secret'));
  });
});

describe('refusing what cannot be taken in cleanly', () => {
  it('refuses names with control characters and registers nothing', async () => {
    const path = writeEvidenceFile('bad\u0001name.log', 'x');
    const good = writeEvidenceFile('good.log', 'y');

    const outcomes = await addPathsOk([path, good]);

    expect(outcomes[0]).toEqual({
      ok: false,
      path,
      message: expect.stringMatching(/control character U\+0001/),
    });
    expect(outcomes[1].ok).toBe(true);
    expect(countRows('evidence_items')).toBe(1);
    expect(vaultFiles()).toHaveLength(1);
  });

  it('names a missing path and still takes in the others', async () => {
    const missing = join(files.path, 'nowhere.log');
    const present = writeEvidenceFile('present.log', 'here');

    const outcomes = await addPathsOk([missing, present]);

    expect(outcomes[0]).toEqual({
      ok: false,
      path: missing,
      message: `there is no file at ${missing}`,
    });
    expect(outcomes[1].ok).toBe(true);
    expect(countRows('evidence_items')).toBe(1);
  });

  it('reports a file whose name is not UTF-8 instead of losing it', async () => {
    const folder = join(files.path, 'seized');
    mkdirSync(folder);
    writeFileSync(
      Buffer.concat([Buffer.from(`${folder}/r`), Buffer.from([0xe9, 0x2e])]),
      'latin-1 name',
    );
    writeFileSync(join(folder, 'plain.txt'), 'fine');

    const outcomes = await addPathsOk([folder]);

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
    expect(outcomes[1]).toMatchObject({
      message: expect.stringMatching(/not valid UTF-8 \(bytes "r\u00e9\."\)/),
    });
  });

  it('refuses a pipe as not a regular file', async () => {
    const fifo = join(files.path, 'pipe');
    execFileSync('mkfifo', [fifo]);

    const [outcome] = await addPathsOk([fifo]);

    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a regular file/),
    });
    expect(vaultFiles()).toEqual([]);
  });

  it('refuses a file that cannot be read, naming the error', async () => {
    // Reading address 0 of this process's memory fails with EIO for every
    // user, root included (root reads files whatever their mode).
    const [outcome] = await addPathsOk(['/proc/self/mem']);

    expect(outcome).toEqual({
      ok: false,
      path: '/proc/self/mem',
      message: '/proc/self/mem could not be read (EIO); nothing was registered',
    });
    expect(countRows('evidence_items')).toBe(0);
    expect(vaultFiles()).toEqual([]);
  });

  it('refuses a file that changes while it is read', async () => {
    const path = writeEvidenceFile(
      'growing.log',
      Buffer.alloc(VAULT_CHUNK_BYTES * 3, 'a'),
    );
    let appended = false;

    const outcomes = await takeInPaths(intakeContext(), [path], details(), {
      intakeId: 'growing',
      onProgress: () => {
        if (appended) return;
        appended = true;
        appendFileSync(path, 'one more line\n');
      },
    });

    expect(outcomes[0]).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed while it was being read/),
    });
    expect(countRows('evidence_items')).toBe(0);
    expect(vaultFiles()).toEqual([]);
  });

  it('stops on a full disk with a clear error and leaves nothing', async () => {
    warRoom.close();
    const fullDisk = openWarRoom({
      dataDir: warRoom.dataDir,
      clock: manualClock(TEST_START_MICROS),
      logger: createLogger(),
      openVaultTemp: () => open('/dev/full', 'w'),
    });
    const path = writeEvidenceFile('big.log', Buffer.alloc(100_000, 'z'));

    const result = await fullDisk.invoke(
      'evidence:add-paths',
      { incidentId: incident.id, paths: [path], type: 'other' },
      testContext,
    );
    fullDisk.close();

    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'storage',
        message: expect.stringMatching(/disk holding the vault is full/),
      },
    });
    ({ warRoom } = openTestWarRoom(warRoom.dataDir));
    expect(countRows('evidence_items')).toBe(0);
    expect(vaultFiles()).toEqual([]);
  });

  it('cancels mid-file, keeping earlier files and nothing of the current', async () => {
    const done = writeEvidenceFile('done.log', 'finished first');
    const big = writeEvidenceFile(
      'big.img',
      Buffer.alloc(VAULT_CHUNK_BYTES * 4, 1),
    );
    const controller = new AbortController();

    const error = await takeInPaths(intakeContext(), [done, big], details(), {
      intakeId: 'cancel-me',
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.name === 'big.img') controller.abort();
      },
    }).catch((thrown: Error) => thrown);

    expect(error).toMatchObject({
      kind: 'cancelled',
      message: expect.stringMatching(
        /cancelled while reading .*big\.img.*1 file\(s\) added before it/,
      ),
    });
    expect(countRows('evidence_items')).toBe(1);
    expect(vaultFiles()).toHaveLength(1);
  });

  it("refuses War Room's own data directory as evidence", async () => {
    const outcomes = await addPathsOk([warRoom.dataDir]);

    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        ok: false,
        message: expect.stringMatching(/inside War Room's own data directory/),
      });
    }
    expect(countRows('evidence_items')).toBe(0);
  });

  it('refuses links to entries outside the incident before reading', async () => {
    const path = writeEvidenceFile('linked.log', 'never read');

    const result = await addPaths([path], {
      linkedEntries: ['01JD0000000000000000000009'],
    });

    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(vaultFiles()).toEqual([]);
  });

  it('removes new vault content when registration fails', async () => {
    const error = await takeInContent(
      intakeContext(),
      Buffer.from('never registered'),
      {
        name: 'orphan.txt',
        source: 'text',
        originalPath: 'text:orphan.txt',
        sourceHost: 'here',
        originalModifiedAt: null,
      },
      { ...details(), linkedEntries: ['01JD0000000000000000000009'] },
      { intakeId: 'orphan' },
    ).catch((thrown: Error) => thrown);

    expect(error).toMatchObject({ kind: 'not-found' });
    expect(countRows('evidence_items')).toBe(0);
    expect(countRows('vault_blobs')).toBe(0);
    expect(vaultFiles()).toEqual([]);
  });

  it('refuses unsafe names for pasted text', async () => {
    const names = [
      '..',
      '.',
      'a/b',
      'a\\b',
      'tab\there',
      'del\u007f',
      '',
      'invoice\u202Etxt.exe',
    ];
    for (const name of names) {
      const result = await warRoom.invoke(
        'evidence:add-text',
        { incidentId: incident.id, name, text: 'output', type: 'other' },
        testContext,
      );
      expect(result.ok, name).toBe(false);
    }
    expect(countRows('evidence_items')).toBe(0);
    expect(vaultFiles()).toEqual([]);
  });
});

describe('text and captured content', () => {
  it('takes in pasted text with its exact bytes', async () => {
    const text = 'netstat -an\r\ntcp 0 0 10.0.0.5:22 ESTABLISHED\t✓\n';

    const item = await invokeOk<EvidenceItem>(warRoom, 'evidence:add-text', {
      incidentId: incident.id,
      name: 'netstat.txt',
      text,
      type: 'system-snapshot',
    });

    expect(item).toMatchObject({
      source: 'text',
      originalPath: 'text:netstat.txt',
      size: Buffer.byteLength(text),
    });
    expect(item.hashes.sha256).toBe(digest('sha256', text));
  });
});

describe('stray files', () => {
  it('removes temporary files of dead intakes when the vault is opened', () => {
    const tempDir = join(warRoom.dataDir, 'vault', 'tmp');
    mkdirSync(tempDir, { recursive: true });
    const dead = join(tempDir, '2147483646-01JD0000000000000000000000.part');
    const live = join(
      tempDir,
      `${process.pid}-01JD0000000000000000000000.part`,
    );
    writeFileSync(dead, 'half a file');
    writeFileSync(live, 'in progress');
    warRoom.close();

    ({ warRoom } = openTestWarRoom(warRoom.dataDir));

    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

function intakeContext(): IntakeContext {
  return {
    db: warRoom.db,
    writer: createJournalWriter(
      warRoom.deviceId,
      manualClock(TEST_START_MICROS),
    ),
    vault: openVault(warRoom.dataDir),
  };
}

function details() {
  return {
    incidentId: incident.id,
    actor: 'tester',
    type: 'other' as const,
    description: '',
    tags: [],
    linkedEntries: [],
  };
}
