import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppFailure } from '../../../shared/result';

/** Where the bag goes, and what to remove if writing it fails. */
export type Target = {
  root: string;
  /** The first folder this export created (the root or a parent), if any. */
  created: string | null;
  zipPath: string | null;
};

async function statusOf(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function refuseExistingZip(zipPath: string | null): Promise<void> {
  if (zipPath && (await statusOf(zipPath))) {
    throw new AppFailure(
      'invalid-input',
      `${zipPath} already exists; move it away or choose another --out`,
    );
  }
}

/**
 * Takes the output folder: it must not exist (it is created, with any
 * missing parents) or be an empty folder. Refuses anything else before
 * writing a byte.
 */
export async function claimTarget(
  outDir: string,
  zip: boolean,
): Promise<Target> {
  const root = resolve(outDir);
  const zipPath = zip ? `${root}.zip` : null;
  const status = await statusOf(root);
  if (status?.isSymbolicLink()) {
    throw new AppFailure(
      'invalid-input',
      `${root} is a symbolic link; give the folder itself`,
    );
  }
  if (status && !status.isDirectory()) {
    throw new AppFailure('invalid-input', `${root} exists and is not a folder`);
  }
  if (status && (await readdir(root)).length > 0) {
    throw new AppFailure(
      'invalid-input',
      `${root} is not empty; the bundle needs a new or empty folder`,
    );
  }
  await refuseExistingZip(zipPath);

  const created = status
    ? null
    : ((await mkdir(root, { recursive: true })) ?? null);
  return { root, created, zipPath };
}

/** Leaves the output folder as it was before the export. */
export async function undoTarget(target: Target): Promise<void> {
  if (target.created) {
    await rm(target.created, { recursive: true, force: true });
    return;
  }
  for (const name of await readdir(target.root)) {
    await rm(join(target.root, name), { recursive: true, force: true });
  }
}
