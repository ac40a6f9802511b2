import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { findResourcesDir } from '../../configuration/load-configuration';
import { README_FILE, VERIFIER_FILE } from './bag-layout';

/** The shipped files every bag carries: the verifier and the README. */
export type BundleResources = {
  verifier: Buffer;
  readmeTemplate: string;
};

/**
 * `resources/bundle/`, beside the shipped rules: found from the sources in
 * tests, from `out/` for the command line and inside a packaged app.
 */
export function bundleResourcesDir(): string {
  return join(findResourcesDir(), 'bundle');
}

export async function readBundleResources(
  dir = bundleResourcesDir(),
): Promise<BundleResources> {
  try {
    return {
      verifier: await readFile(join(dir, VERIFIER_FILE)),
      readmeTemplate: await readFile(join(dir, README_FILE), 'utf8'),
    };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppFailure(
      'internal',
      `the bundle verifier or README is missing from ${dir} (${reason}); ` +
        'War Room is not installed completely',
    );
  }
}
