import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BAGIT_FILE, MANIFEST_FILE, TAG_MANIFEST_FILE } from './bag-layout';

async function statusOf(
  path: string,
  read: (path: string) => Promise<Stats>,
): Promise<Stats | null> {
  try {
    return await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Why a path cannot be checked as a bag at all, or null when it can. A
 * folder holding bagit.txt or either manifest is a bag, however damaged,
 * and its check names what is wrong; a folder with none of them is not.
 * Worded as the shipped verifier words it.
 */
export async function notABagReason(path: string): Promise<string | null> {
  const status = await statusOf(path, stat);
  if (!status) return `${path} does not exist`;
  if (!status.isDirectory()) {
    return /\.zip$/i.test(path)
      ? `${path} is a zip archive; unzip it first and check the folder it ` +
          'holds'
      : `${path} is not a directory`;
  }
  for (const name of [BAGIT_FILE, MANIFEST_FILE, TAG_MANIFEST_FILE]) {
    if (await statusOf(join(path, name), lstat)) return null;
  }
  return (
    `${path} is not a War Room bundle (no ${BAGIT_FILE}); give the ` +
    `folder that holds ${BAGIT_FILE}`
  );
}
