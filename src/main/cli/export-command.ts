import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BundleSummary } from '../../shared/ipc-contract';
import { TAG_MANIFEST_FILE } from '../evidence/bundle/bag-layout';
import { EXIT_OK, type CliRuntime, type ExitCode } from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type BundleOptions = DataDirOptions & {
  incident: string;
  out: string;
  zip?: boolean;
  organisation?: string;
  contact?: string;
};

/**
 * What scripts read, one `label: value` per line. The tag manifest's
 * SHA-256 is for the recipient, sent separately: it pins every file of the
 * bag, so a bag rewritten in transit no longer matches it.
 */
function summaryText(summary: BundleSummary): string {
  const lines = [
    `bag: ${summary.dir}`,
    ...(summary.zipPath ? [`zip: ${summary.zipPath}`] : []),
    `evidence files: ${summary.evidenceFiles}`,
    `payload: ${summary.payloadFiles} files, ${summary.payloadBytes} bytes`,
    `${TAG_MANIFEST_FILE} SHA-256: ${summary.tagManifestSha256}`,
  ];
  return `${lines.join('\n')}\n`;
}

function exportBundle(runtime: CliRuntime, options: BundleOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('evidence:export-bundle', {
      incidentId: options.incident,
      outDir: resolve(options.out),
      zip: options.zip ?? false,
      organisation:
        options.organisation ??
        (runtime.env.WAR_ROOM_ORGANISATION || undefined),
      contact: options.contact,
    });
    if (!result.ok) return session.fail(result.error);

    runtime.writeOut(summaryText(result.value));
    return EXIT_OK;
  });
}

export function addExportCommand(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  const exportCommand = program
    .command('export')
    .description('write an incident out for someone outside War Room');
  exportCommand
    .command('bundle')
    .description(
      "write an incident's evidence, journal and custody log as a BagIt " +
        'bag that the recipient can check with sha256sum or the ' +
        'verify_bundle.py inside it; exits 1 if evidence was altered in ' +
        'the vault or the journal does not verify',
    )
    .requiredOption('--incident <id>', 'the incident to export')
    .requiredOption(
      '--out <dir>',
      'a new or empty folder, which becomes the bag',
    )
    .option('--zip', 'also write <dir>.zip holding the same tree')
    .option(
      '--organisation <name>',
      'Source-Organization in bag-info.txt (default: $WAR_ROOM_ORGANISATION)',
    )
    .option(
      '--contact <who>',
      'Contact-Name, -Email and -Phone in bag-info.txt, as ' +
        '"NAME[, EMAIL][, PHONE]" (default: the actor)',
    )
    .addOption(dataDirOption())
    .action(async (options: BundleOptions) =>
      setExit(await exportBundle(runtime, options)),
    );
}
