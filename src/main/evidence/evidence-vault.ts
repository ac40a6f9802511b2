import { createHash } from 'node:crypto';
import { constants, readdirSync, rmSync } from 'node:fs';
import {
  chmod,
  lstat,
  mkdir,
  open,
  rename,
  rm,
  type FileHandle,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ulid } from 'ulid';
import type { EvidenceHashes } from '../../shared/evidence-types';
import { AppFailure } from '../../shared/result';
import { createContentHasher, type ContentHasher } from './content-hasher';

/**
 * The vault: every piece of evidence content, stored once under its SHA-256
 * (`sha256/ab/abcd…`), read-only. Content arrives in `tmp/` under a name
 * that carries the writing process's id, is fsynced there and only then
 * renamed into place, so a file under `sha256/` is always complete.
 */
export type Vault = {
  dir: string;
  blobPath(sha256: string): string;
  tempDir: string;
};

export const VAULT_DIR = 'vault';

/** Chunk size for reading and writing; big enough for disk throughput. */
export const VAULT_CHUNK_BYTES = 1024 * 1024;

export function openVault(dataDir: string): Vault {
  const dir = join(dataDir, VAULT_DIR);
  return {
    dir,
    tempDir: join(dir, 'tmp'),
    blobPath: (sha256) => join(dir, 'sha256', sha256.slice(0, 2), sha256),
  };
}

export type StoredContent = EvidenceHashes & {
  size: number;
  /** The content was already in the vault; nothing new was stored. */
  deduplicated: boolean;
  /** Removes the vault file again if this intake created it. */
  discard(): Promise<void>;
};

export type StoreOptions = {
  signal?: AbortSignal;
  /** Called after each chunk with the bytes stored so far. */
  onChunk?: (bytesDone: number) => void;
  /** Opens the temporary file; tests swap in a full disk. */
  openTemp?: (path: string) => Promise<FileHandle>;
};

const openExclusive = (path: string) => open(path, 'wx', 0o600);

function diskError(error: unknown): AppFailure | null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppFailure(
      'storage',
      'the disk holding the vault is full; nothing was registered. Free ' +
        'space and add the evidence again',
    );
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppFailure(
      'storage',
      `the vault cannot be written (${code}); nothing was registered`,
    );
  }
  return null;
}

/**
 * Where content comes from: fills the buffer from the start and returns
 * how many bytes it put there; 0 at the end.
 */
export type ChunkSource = {
  readInto(buffer: Buffer): Promise<number>;
  /** Bytes expected, when known; large content is hashed on two cores. */
  expectedBytes: number;
};

/** A source over chunks of any size (an upload body, a string). */
export function iterableSource(
  chunks: AsyncIterable<Uint8Array>,
  expectedBytes = 0,
): ChunkSource {
  const iterator = chunks[Symbol.asyncIterator]();
  let leftover: Uint8Array = new Uint8Array(0);
  return {
    expectedBytes,
    async readInto(buffer) {
      let filled = 0;
      while (filled < buffer.length) {
        if (leftover.length === 0) {
          const next = await iterator.next();
          if (next.done) break;
          leftover = next.value;
        }
        const count = Math.min(leftover.length, buffer.length - filled);
        buffer.set(leftover.subarray(0, count), filled);
        leftover = leftover.subarray(count);
        filled += count;
      }
      return filled;
    },
  };
}

/** Chunks in flight at once: read ahead, being hashed, being written. */
const CHUNKS_IN_FLIGHT = 6;

/**
 * Fixed chunk buffers in shared memory, handed out and taken back, so an
 * intake of any size holds a few megabytes and the hash worker reads the
 * same memory the disk was read into.
 */
class ChunkPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];

  constructor(count: number) {
    for (let index = 0; index < count; index += 1) {
      this.free.push(Buffer.from(new SharedArrayBuffer(VAULT_CHUNK_BYTES)));
    }
  }

  acquire(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(buffer: Buffer): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(buffer);
    else this.free.push(buffer);
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array) {
  let written = 0;
  while (written < chunk.byteLength) {
    const result = await handle.write(chunk, written);
    written += result.bytesWritten;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AppFailure(
      'cancelled',
      'the intake was cancelled; nothing was registered',
    );
  }
}

/**
 * Copies the source into a temporary file while hashing it. Reading the
 * next chunk, hashing this one and writing the previous one overlap; writes
 * stay in order. A chunk's buffer returns to the pool once it is both
 * hashed and written, so the content passes through memory once.
 */
async function copyAndHash(
  source: ChunkSource,
  temp: FileHandle,
  hasher: ContentHasher,
  options: StoreOptions,
): Promise<void> {
  const pool = new ChunkPool(CHUNKS_IN_FLIGHT);
  const inFlight = new Set<Promise<unknown>>();
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  for (;;) {
    throwIfCancelled(options.signal);
    if (failure) throw failure;
    const buffer = await pool.acquire();
    const count = await source.readInto(buffer);
    if (count === 0) {
      pool.release(buffer);
      break;
    }
    const chunk = buffer.subarray(0, count);
    const hashed = hasher.update(chunk);
    writes = writes.then(() => writeFully(temp, chunk));
    const settled = Promise.all([hashed, writes])
      .catch((error: unknown) => (failure ??= error))
      .finally(() => {
        pool.release(buffer);
        inFlight.delete(settled);
      });
    inFlight.add(settled);
    options.onChunk?.(hasher.size);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  throwIfCancelled(options.signal);
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves a complete, fsynced temporary file to its content address, or drops
 * it when that content is already stored. Returns whether it was new.
 */
async function placeInVault(
  vault: Vault,
  tempPath: string,
  sha256: string,
): Promise<boolean> {
  const target = vault.blobPath(sha256);
  if (await exists(target)) {
    await rm(tempPath, { force: true });
    return false;
  }
  const folder = dirname(target);
  const firstCreated = await mkdir(folder, { recursive: true });
  await rename(tempPath, target);
  await chmod(target, 0o444);
  await fsyncDirectory(folder);
  // A folder made just now is itself only a name in its parent: sync each
  // new folder's parent too, or a power loss could drop the whole path.
  if (firstCreated !== undefined) {
    for (let made = folder; ; made = dirname(made)) {
      await fsyncDirectory(dirname(made));
      if (made === firstCreated) break;
    }
  }
  return true;
}

/**
 * Streams content into the vault, hashing it (SHA-256, SHA-1, MD5) in the
 * same pass. Throws an AppFailure (`cancelled`, `storage`) and leaves no
 * file behind if the copy does not complete; the caller registers the
 * content only after this resolves, and calls `discard` if it cannot.
 */
export async function storeInVault(
  vault: Vault,
  source: ChunkSource,
  options: StoreOptions = {},
): Promise<StoredContent> {
  await mkdir(vault.tempDir, { recursive: true });
  const tempPath = join(vault.tempDir, `${process.pid}-${ulid()}.part`);
  const temp = await (options.openTemp ?? openExclusive)(tempPath);
  const hasher = createContentHasher(source.expectedBytes);
  let hashes: EvidenceHashes;
  try {
    await copyAndHash(source, temp, hasher, options);
    await temp.sync();
    hashes = await hasher.digest();
  } catch (error) {
    await temp.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw diskError(error) ?? error;
  } finally {
    hasher.dispose();
  }
  await temp.close();

  const created = await placeInVault(vault, tempPath, hashes.sha256);
  return {
    ...hashes,
    size: hasher.size,
    deduplicated: !created,
    discard: async () => {
      if (created) await removeBlob(vault, hashes.sha256);
    },
  };
}

export async function removeBlob(vault: Vault, sha256: string) {
  const path = vault.blobPath(sha256);
  await chmod(path, 0o600).catch(() => undefined);
  await rm(path, { force: true });
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left by intakes whose process has gone (a crash or
 * a kill mid-copy). Files of a live process are another intake in progress.
 * Returns how many were removed.
 */
export function removeStrayTempFiles(vault: Vault): number {
  let names: string[];
  try {
    names = readdirSync(vault.tempDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number.parseInt(name.split('-')[0], 10);
    if (Number.isSafeInteger(pid) && processIsAlive(pid)) continue;
    rmSync(join(vault.tempDir, name), { force: true, recursive: true });
    removed += 1;
  }
  return removed;
}

/**
 * Re-reads a vault file and returns its SHA-256 and size, or null when it is
 * missing. A link or a folder in its place reads as a hash no content has.
 * Used by re-verification; reads in the same chunk size as intake.
 */
export async function rehashBlob(
  vault: Vault,
  sha256: string,
): Promise<{ sha256: string; size: number } | null> {
  let handle: FileHandle;
  try {
    // Not following links: a vault file swapped for a link to a copy
    // elsewhere is not the file that was sealed.
    handle = await open(
      vault.blobPath(sha256),
      constants.O_RDONLY | constants.O_NOFOLLOW,
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') return { sha256: 'symbolic link', size: 0 };
    throw error;
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    return { sha256: 'not a file', size: 0 };
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(VAULT_CHUNK_BYTES);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}
