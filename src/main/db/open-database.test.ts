import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { makeTempDir } from '../test-support/temp-war-room';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrate';
import { checkPages, openDatabase } from './open-database';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const fileDigest = (file: string) =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

function expectStorageFailure(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('storage');
    expect((error as AppFailure).message).toMatch(message);
    return;
  }
  throw new Error('expected a storage failure');
}

describe('opening the database', () => {
  it('sets the durability pragmas and the latest schema', () => {
    const db = openDatabase(join(dir.path, 'a.db'));

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: the WAL is synced on every commit.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10000);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database from a newer War Room and leaves it untouched', () => {
    const file = join(dir.path, 'newer.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.exec('CREATE TABLE future (x)');
    newer.close();
    const before = fileDigest(file);

    expectStorageFailure(() => openDatabase(file), /newer War Room/);
    expect(fileDigest(file)).toBe(before);
  });

  it('reports a file that is not a database without overwriting it', () => {
    const file = join(dir.path, 'notes.db');
    writeFileSync(file, 'this is a text file, not SQLite\n'.repeat(200));
    const before = fileDigest(file);

    expectStorageFailure(
      () => openDatabase(file),
      /cannot open|not a database/,
    );
    expect(fileDigest(file)).toBe(before);
  });

  function makeDamagedDatabase(file: string): void {
    const db = openDatabase(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE filler (text TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let row = 0; row < 500; row += 1) insert.run('x'.repeat(200));
    db.close();
    const bytes = readFileSync(file);
    // Scribble over the middle pages, past the header.
    bytes.fill(0xa5, 8192, 8192 + 16384);
    writeFileSync(file, bytes);
  }

  it('reports a damaged database without overwriting it', () => {
    const file = join(dir.path, 'damaged.db');
    makeDamagedDatabase(file);
    const before = fileDigest(file);

    expectStorageFailure(
      () => openDatabase(file),
      /damaged|malformed|not a database|cannot open/,
    );
    expect(fileDigest(file)).toBe(before);
  });

  it('checks a large file page by page only when asked to', () => {
    const file = join(dir.path, 'large-and-damaged.db');
    makeDamagedDatabase(file);

    // Above the size limit the open reads only the schema …
    const db = openDatabase(file, { pageCheckMaxBytes: 0 });

    // … and the full check, which verification runs, finds the damage.
    expectStorageFailure(() => checkPages(db), /damaged/);
    db.close();
  });
});
