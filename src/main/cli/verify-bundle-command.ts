import { resolve } from 'node:path';
import type { Command } from 'commander';
import { notABagReason } from '../evidence/bundle/bag-folder';
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

/**
 * Checks a bag as its recipient would, with the checks of the shipped
 * verify_bundle.py: prints `OK: …` or `FAILED: WHERE: KIND: DETAIL` for
 * the first problem (exit 1). Something that is no bag at all, a zip not
 * yet unpacked say, is a usage error (exit 2). Needs no data directory.
 */
async function verifyBundleAt(
  runtime: CliRuntime,
  dir: string,
): Promise<ExitCode> {
  const root = resolve(dir);
  try {
    const refusal = await notABagReason(root);
    if (refusal) {
      runtime.writeErr(`error: ${refusal}\n`);
      return EXIT_USAGE;
    }

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
        'chains and heads, and the evidence and custody log against the ' +
        'journal; exits 1 at the first problem, 2 if <dir> is no bundle at all',
    )
    .argument('<dir>', 'the bag: the folder holding bagit.txt')
    .action(async (dir: string) => setExit(await verifyBundleAt(runtime, dir)));
}
