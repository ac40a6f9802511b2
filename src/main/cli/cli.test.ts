/*
 * The command-line contract as a shell sees it: the real `bin/war-room.js`
 * running the built `out/main/cli.js` in a child process. These need
 * `electron-vite build` to have run; the command logic itself is tested
 * without a build in cli-program.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import {
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  onTestFinished,
} from 'vitest';
import { dropAppendOnlyGuards } from '../test-support/tamper';
import { makeTempDir } from '../test-support/temp-war-room';
import { DATABASE_FILE } from '../war-room';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'war-room.js');
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');
const ULID_LINE = /^[0-9A-HJKMNP-TV-Z]{26}\n$/;
const SERVING_LINE =
  /^War Room is serving at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/;

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;

beforeEach(() => {
  temp = makeTempDir('war-room-bin-');
  dataDir = join(temp.path, 'data');
});

afterEach(() => temp.remove());

function environment(): NodeJS.ProcessEnv {
  return { ...process.env, WAR_ROOM_DATA_DIR: dataDir, WAR_ROOM_ACTOR: 'ic' };
}

function warRoom(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: environment(),
    input,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/war-room.js', () => {
  it('is an executable Node script', () => {
    expect(statSync(BIN).mode & 0o777).toBe(0o755);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
  });

  it('says how to build when the build is missing, and exits 2', () => {
    const lonely = join(temp.path, 'checkout', 'bin', 'war-room.js');
    mkdirSync(join(temp.path, 'checkout', 'bin'), { recursive: true });
    copyFileSync(BIN, lonely);
    const result = spawnSync(process.execPath, [lonely], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'War Room is not built yet: run `npm run build`\n',
    );
    expect(result.stdout).toBe('');
  });
});

describe('war-room, built', () => {
  beforeAll(() => {
    expect(existsSync(BUILT_CLI), 'run `npx electron-vite build` first').toBe(
      true,
    );
  });

  it('creates, notes from stdin and verifies as the contract says', () => {
    const created = warRoom([
      'incident',
      'create',
      '--title',
      'Exfiltration from backups',
      '--severity',
      'critical',
      '--category',
      'data-security',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(ULID_LINE);
    const incident = created.stdout.trim();

    const note = warRoom(['note', '--incident', incident, '-'], 'isolated\n');
    expect(note).toMatchObject({ code: 0, stderr: '' });
    expect(note.stdout).toMatch(ULID_LINE);

    const verified = warRoom(['verify', '--json']);
    expect(verified).toEqual({
      code: 0,
      stdout: '{"ok":true,"chains":1,"entries":4,"problems":[]}\n',
      stderr: '',
    });
  });

  it('exits 2 for an unknown incident and 1 when verify finds tampering', () => {
    const unknown = warRoom([
      'note',
      '--incident',
      '01JAAAAAAAAAAAAAAAAAAAAAAA',
      'hello',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).not.toBe('');

    const created = warRoom([
      'incident',
      'create',
      '--title',
      'T',
      '--severity',
      'low',
      '--category',
      'network-security',
    ]);
    const note = warRoom(['note', '--incident', created.stdout.trim(), 'x']);
    const db = new Database(join(dataDir, DATABASE_FILE));
    dropAppendOnlyGuards(db);
    db.prepare('UPDATE journal_entries SET hash = ? WHERE id = ?').run(
      '0'.repeat(64),
      note.stdout.trim(),
    );
    db.close();

    const verified = warRoom(['verify']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`entry ${note.stdout.trim()}`);
  });

  it('serves, then shuts down cleanly on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) =>
      child.on('exit', (code) => done(code)),
    );
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((done) => lines.once('line', done));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    const match = SERVING_LINE.exec(first);
    expect(match, first).not.toBeNull();
    const [, port, token] = match!;
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`http://127.0.0.1:${port}/api/invoke/app:info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await api.json()).toMatchObject({ ok: true, value: { dataDir } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The last connection closing checkpoints and removes the WAL file.
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    expect(warRoom(['verify']).code).toBe(0);
  });
});
