import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { BAG_CHUNK_BYTES, PAYLOAD_DIR } from './bag-layout';
import type { ManifestLine } from './bag-text';

export type WrittenFile = ManifestLine & { size: number; mode: number };

/** What a copy must match: the hashes taken when the item was registered. */
export type ExpectedContent = {
  sha256: string;
  size: number;
  /** Names the item in the error if the content differs. */
  describe: string;
};

export async function writeFully(handle: FileHandle, chunk: Uint8Array) {
  for (let written = 0; written < chunk.byteLength;) {
    const result = await handle.write(chunk, written);
    written += result.bytesWritten;
  }
}

async function* fileChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafeSlow(BAG_CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function alteredContent(
  expected: ExpectedContent,
  sha256: string,
  size: number,
): AppFailure {
  return new AppFailure(
    'integrity',
    `${expected.describe} no longer has the SHA-256 it was registered with ` +
      `(${expected.sha256}); the vault copy now hashes to ${sha256} ` +
      `(${size} bytes). It was altered after intake, so no bundle was ` +
      "written. Check the incident's evidence to record it",
  );
}

/**
 * Writes the files of a bag under its root. Every file is created new
 * (never overwriting), hashed as it is written and fsynced before it is
 * closed; the writer keeps each file's bag path, SHA-256 and size for the
 * manifests. Payload files are those under `data/`.
 */
export class BagWriter {
  readonly files: WrittenFile[] = [];
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {}

  get payload(): WrittenFile[] {
    return this.files.filter((file) => file.path.startsWith(`${PAYLOAD_DIR}/`));
  }

  /** Folders created inside the bag, by bag path. */
  get folders(): string[] {
    return [...this.dirs].sort();
  }

  async makeFolder(relative: string): Promise<void> {
    await mkdir(join(this.root, ...relative.split('/')), { recursive: true });
    for (let dir = relative; dir !== '.'; dir = dirname(dir)) {
      this.dirs.add(dir);
    }
  }

  /** Writes a file from chunks; returns its SHA-256 and size. */
  async write(
    relative: string,
    chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    mode = 0o644,
  ): Promise<WrittenFile> {
    const parent = dirname(relative);
    if (parent !== '.' && !this.dirs.has(parent)) await this.makeFolder(parent);
    const handle = await open(
      join(this.root, ...relative.split('/')),
      'wx',
      mode,
    );
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.byteLength;
        await writeFully(handle, chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const file = { path: relative, sha256: hash.digest('hex'), size, mode };
    this.files.push(file);
    return file;
  }

  writeText(relative: string, text: string, mode?: number) {
    return this.write(relative, [Buffer.from(text, 'utf8')], mode);
  }

  /**
   * Copies a file into the bag, hashing it on the way, and fails with a
   * `integrity` error naming the item if the copy is not the registered
   * content. The caller removes the bag on failure.
   */
  async copyChecked(
    relative: string,
    source: string,
    expected: ExpectedContent,
  ): Promise<WrittenFile> {
    let handle: FileHandle;
    try {
      handle = await open(source, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new AppFailure(
        'integrity',
        `${expected.describe} is missing from the vault, so no bundle was ` +
          "written. Check the incident's evidence to record it",
      );
    }
    let file: WrittenFile;
    try {
      file = await this.write(relative, fileChunks(handle));
    } finally {
      await handle.close();
    }
    if (file.sha256 !== expected.sha256 || file.size !== expected.size) {
      throw alteredContent(expected, file.sha256, file.size);
    }
    return file;
  }

  /** Makes the folders' entries durable, deepest first, then the root. */
  async syncFolders(): Promise<void> {
    for (const dir of this.folders.reverse()) {
      await syncDirectory(join(this.root, ...dir.split('/')));
    }
    await syncDirectory(this.root);
  }
}
