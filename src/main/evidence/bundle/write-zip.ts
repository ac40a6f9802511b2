import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { syncDirectory, writeFully } from './bag-writer';

// File-type bits of the Unix mode that zip keeps in its external attributes.
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;

export type ZipContents = {
  /** The bag's folder; its name becomes the archive's top folder. */
  root: string;
  folders: readonly string[];
  files: readonly { path: string; mode: number }[];
  modifiedAt: Date;
};

/**
 * Writes the bag as a zip whose top folder is named like the bag, so it
 * unpacks to the same tree. File contents stream from the bag on disk; the
 * archive is created new (never overwriting) and fsynced; on failure it
 * is removed again.
 */
export async function writeBagZip(
  zipPath: string,
  contents: ZipContents,
): Promise<void> {
  // Opened first: if the archive cannot be created, no read of the bag has
  // started that nobody would consume.
  const handle = await open(zipPath, 'wx', 0o644);
  const top = basename(contents.root);
  const zip = new ZipFile();
  const folder = { mtime: contents.modifiedAt, mode: S_IFDIR | 0o755 };
  zip.addEmptyDirectory(top, folder);
  for (const path of contents.folders) {
    zip.addEmptyDirectory(`${top}/${path}`, folder);
  }
  for (const file of contents.files) {
    const source = join(contents.root, ...file.path.split('/'));
    zip.addFile(source, `${top}/${file.path}`, {
      mtime: contents.modifiedAt,
      mode: S_IFREG | file.mode,
    });
  }
  // yazl reports a failed file read on the ZipFile, not on its stream.
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  zip.end();
  try {
    for await (const chunk of output) await writeFully(handle, chunk as Buffer);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(zipPath, { force: true });
    throw error;
  }
  await handle.close();
  await syncDirectory(dirname(zipPath));
}
