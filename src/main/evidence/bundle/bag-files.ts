import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BAG_CHUNK_BYTES } from './bag-layout';
import { BagProblem } from './bag-problem';
import { decodeUtf8 } from './bag-text';

/** Read access to a bag by bag-relative paths (always with `/`). */
export class BagFiles {
  constructor(readonly root: string) {}

  path(relative: string): string {
    return join(this.root, ...relative.split('/'));
  }

  /** The entry's own status (links are not followed), or null if absent. */
  async status(relative: string): Promise<Stats | null> {
    try {
      return await lstat(this.path(relative));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  }

  async sha256(relative: string): Promise<string> {
    const hash = createHash('sha256');
    const handle = await open(this.path(relative), 'r');
    try {
      const buffer = Buffer.allocUnsafe(BAG_CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length);
        if (bytesRead === 0) return hash.digest('hex');
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }

  /** A file the bag must hold, as strict UTF-8 text. */
  async readRequiredText(relative: string): Promise<string> {
    const status = await this.status(relative);
    if (!status) {
      throw new BagProblem(relative, 'missing', 'the file is not in the bag');
    }
    if (!status.isFile()) {
      throw new BagProblem(relative, 'malformed', 'not a regular file');
    }
    return decodeUtf8(await readFile(this.path(relative)), relative);
  }

  /**
   * Every entry that is not a folder, by bag-relative path, sorted by the
   * paths' UTF-8 bytes. Symbolic links are listed, not followed.
   */
  async allFiles(): Promise<{ path: string; regular: boolean }[]> {
    const found: { path: string; regular: boolean }[] = [];
    const pending = [''];
    for (let prefix = pending.pop(); prefix !== undefined;) {
      const entries = await readdir(prefix ? this.path(prefix) : this.root, {
        withFileTypes: true,
      });
      for (const entry of entries) {
        const relative = prefix + entry.name;
        if (entry.isDirectory()) pending.push(`${relative}/`);
        else found.push({ path: relative, regular: entry.isFile() });
      }
      prefix = pending.pop();
    }
    return found.sort((a, b) =>
      Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)),
    );
  }
}
