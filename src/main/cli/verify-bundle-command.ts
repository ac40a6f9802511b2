import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  bundleCheckLine,
  verifyBundle,
} from '../evidence/bundle/verify-bundle';
import {
  EXIT_CHECK_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { reportThrown } from './cli-session';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks a bag as its recipient would, with the checks of the shipped
 * verify_bundle.py: prints `OK: …` or `FAILED: WHERE: KIND: DETAIL` for
 * the first problem. Needs no data directory.
 */
async function verifyBundleAt(
  runtime: CliRuntime,
  dir: string,
): Promise<ExitCode> {
  const root = resolve(dir);
  if (!(await isDirectory(root))) {
    runtime.writeErr(`error: ${root} is not a directory\n`);
    return EXIT_USAGE;
  }

  try {
    const check = await verifyBundle(root);
    runtime.writeOut(`${bundleCheckLine(check)}\n`);
    return check.ok ? EXIT_OK : EXIT_CHECK_FAILED;
  } catch (error) {
    return reportThrown(runtime, error);
  }
}

export function addVerifyBundleCommand(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('verify-bundle')
    .description(
      'check an evidence bundle: manifests, no unlisted file, the journal ' +
        'chains and heads, each evidence file against its journal entry; ' +
        'exits 1 at the first problem',
    )
    .argument('<dir>', 'the bag: the folder holding bagit.txt')
    .action(async (dir: string) => setExit(await verifyBundleAt(runtime, dir)));
}
