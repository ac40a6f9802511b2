/**
 * Power-loss honesty: what War Room reports saved is on disk before it is
 * reported. A killed process cannot show this (the kernel still holds
 * unwritten pages), so these tests look at the write path itself: the
 * pragmas of the very connection that writes, the transaction an append
 * runs in, and the order of fsyncs and commit in evidence intake.
 */
import { writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { IntakeOutcome } from '../../shared/evidence-types';
import type { Incident } from '../../shared/ipc-contract';
import type { JournalEntry } from '../../shared/journal-types';
import { openVault } from '../evidence/evidence-vault';
import { appendEntry, createJournalWriter } from '../journal/append-entries';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../test-support/temp-war-room';
import type { WarRoom } from '../war-room';
import { openDatabase, type Db } from './open-database';

/**
 * Every file handle opened through node:fs/promises reports its `sync`
 * calls, and every rename is reported, to whoever is listening.
 */
const disk = vi.hoisted(() => ({
  listener: null as ((event: DiskEvent) => void) | null,
}));

type DiskEvent =
  { op: 'fsync'; path: string } | { op: 'rename'; from: string; to: string };

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      await sync();
      disk.listener?.({ op: 'fsync', path: String(args[0]) });
    };
    return handle;
  };
  const rename: typeof actual.rename = async (from, to) => {
    await actual.rename(from, to);
    disk.listener?.({ op: 'rename', from: String(from), to: String(to) });
  };
  const mocked = { ...actual, open, rename };
  return { ...mocked, default: mocked };
});

let dir: ReturnType<typeof makeTempDir>;
let warRoom: WarRoom | null = null;
const others: Db[] = [];
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  disk.listener = null;
  for (const db of others.splice(0)) db.close();
  warRoom?.close();
  warRoom = null;
  dir.remove();
});

async function openWithIncident() {
  const opened = openTestWarRoom(join(dir.path, 'data'));
  warRoom = opened.warRoom;
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Laptop lost with a live session',
    severity: 'high',
    category: 'data-security',
  });
  return { room: opened.warRoom, clock: opened.clock, incidentId: incident.id };
}

/** A second connection, made the one way War Room makes connections. */
function secondConnection(room: WarRoom): Db {
  const db = openDatabase(join(room.dataDir, 'war-room.db'));
  others.push(db);
  return db;
}

it('opens every connection in WAL mode with synchronous FULL', () => {
  const db = openDatabase(join(dir.path, 'pragmas.db'));
  others.push(db);

  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  // 2 = FULL: the WAL is fsynced at every commit, not only at checkpoints.
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
});

it('commits an append, on a FULL-synchronous connection, before it returns', async () => {
  const { room, clock, incidentId } = await openWithIncident();
  // A writer on the War Room's device and clock, as another process's is.
  const writer = createJournalWriter(room.deviceId, clock);
  const inside: { inTransaction: boolean; synchronous: unknown }[] = [];

  const entry = appendEntry(
    room.db,
    writer,
    {
      scope: incidentId,
      kind: 'note',
      actor: 'ana',
      payload: { text: 'Wiped the lost laptop remotely' },
    },
    () =>
      inside.push({
        inTransaction: room.db.inTransaction,
        synchronous: room.db.pragma('synchronous', { simple: true }),
      }),
  );

  // Within the append: a transaction, on the connection with FULL sync.
  expect(inside).toEqual([{ inTransaction: true, synchronous: 2 }]);
  // On return: committed, nothing left open on the writing connection.
  expect(room.db.inTransaction).toBe(false);
  expect(room.db.pragma('synchronous', { simple: true })).toBe(2);
  const other = secondConnection(room);
  const seen = other
    .prepare('SELECT id, hash FROM journal_entries WHERE id = ?')
    .get(entry.id);
  expect(seen).toEqual({ id: entry.id, hash: entry.hash });
});

it('writes a note from the console inside a transaction', async () => {
  const { room, incidentId } = await openWithIncident();
  const inserts: boolean[] = [];
  // A temporary trigger sees each row as it is inserted: whether the
  // insert runs inside an explicit transaction (not autocommit).
  room.db.function('observe_insert', () => {
    inserts.push(room.db.inTransaction);
    return 0;
  });
  room.db.exec(
    `CREATE TEMP TRIGGER observe_journal AFTER INSERT ON journal_entries
     BEGIN SELECT observe_insert(); END`,
  );

  const entry = await invokeOk<JournalEntry>(room, 'journal:add-note', {
    incidentId,
    text: 'Rotated the leaked admin token',
  });

  expect(inserts).toEqual([true]);
  expect(room.db.inTransaction).toBe(false);
  const other = secondConnection(room);
  const seen = other
    .prepare('SELECT count(*) AS n FROM journal_entries WHERE id = ?')
    .get(entry.id);
  expect(seen).toEqual({ n: 1 });
});

it('fsyncs the vault file and its folder before registering the evidence', async () => {
  const { room, incidentId } = await openWithIncident();
  const vault = openVault(room.dataDir);
  const registered = () =>
    (
      room.db.prepare('SELECT count(*) AS n FROM evidence_items').get() as {
        n: number;
      }
    ).n;
  const events: (DiskEvent & { registered: number })[] = [];
  disk.listener = (event) => {
    if (JSON.stringify(event).includes(vault.dir)) {
      events.push({ ...event, registered: registered() });
    }
  };
  const source = join(dir.path, 'auth.log');
  writeFileSync(source, 'Jan 20 10:12:51 web-1 sshd: Accepted key for root\n');

  const [outcome] = await invokeOk<IntakeOutcome[]>(
    room,
    'evidence:add-paths',
    { incidentId, paths: [source], type: 'log-export' },
  );

  if (!outcome.ok) throw new Error(outcome.message);
  const blob = vault.blobPath(outcome.item.hashes.sha256);
  const tempSync = events.findIndex(
    (event) => event.op === 'fsync' && event.path.startsWith(vault.tempDir),
  );
  const placed = events.findIndex(
    (event) => event.op === 'rename' && event.to === blob,
  );
  const folderSync = events.findIndex(
    (event) => event.op === 'fsync' && event.path === dirname(blob),
  );
  // The copy is fsynced, then moved into place, then the move is fsynced…
  expect(tempSync).toBeGreaterThanOrEqual(0);
  expect(placed).toBeGreaterThan(tempSync);
  expect(folderSync).toBeGreaterThan(placed);
  // The first item makes the vault's folders: each new name is synced in
  // its parent (vault/sha256/ab in vault/sha256, vault/sha256 in vault).
  for (const made of [dirname(blob), dirname(dirname(blob))]) {
    const parentSync = events.findIndex(
      (event) => event.op === 'fsync' && event.path === dirname(made),
    );
    expect(parentSync, `fsync of ${dirname(made)}`).toBeGreaterThan(placed);
  }
  // …all before the item is registered, and the item is registered after.
  expect(events.map((event) => event.registered)).toEqual(events.map(() => 0));
  expect(registered()).toBe(1);
  const other = secondConnection(room);
  expect(
    other
      .prepare('SELECT sha256 FROM evidence_items WHERE id = ?')
      .get(outcome.item.id),
  ).toEqual({ sha256: outcome.item.hashes.sha256 });
});
