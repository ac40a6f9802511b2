import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import {
  EVIDENCE_TYPES,
  type EvidenceType,
  type IntakeOutcome,
} from '../../shared/evidence-types';
import {
  EXIT_CHECK_FAILED,
  EXIT_OK,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type EvidenceAddOptions = DataDirOptions & {
  incident: string;
  type: EvidenceType;
  description?: string;
  tag: string[];
  actor?: string;
};

/** `<evidence id>  <sha256>  <name>`, the line scripts read. */
function outcomeLine(outcome: IntakeOutcome & { ok: true }): string {
  const { item } = outcome;
  return `${item.id}  ${item.hashes.sha256}  ${item.name}\n`;
}

function reportOutcomes(runtime: CliRuntime, outcomes: IntakeOutcome[]) {
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      runtime.writeErr(`error: ${outcome.message}\n`);
      continue;
    }
    runtime.writeOut(outcomeLine(outcome));
    if (outcome.item.source === 'symlink') {
      runtime.writeErr(
        `note: ${outcome.item.originalPath} is a symbolic link to ` +
          `${outcome.item.linkTarget}; the link was recorded, its target ` +
          'was not read\n',
      );
    }
    if (outcome.deduplicated) {
      runtime.writeErr(
        `note: ${outcome.item.name} has the same content as evidence ` +
          'already in the vault; it is stored once\n',
      );
    }
  }
}

function addEvidence(
  runtime: CliRuntime,
  paths: string[],
  options: EvidenceAddOptions,
) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('evidence:add-paths', {
      incidentId: options.incident,
      paths: paths.map((path) => resolve(path)),
      type: options.type,
      description: options.description,
      tags: options.tag.length > 0 ? options.tag : undefined,
      actor: options.actor,
    });
    if (!result.ok) return session.fail(result.error);

    reportOutcomes(runtime, result.value);
    return result.value.every((outcome) => outcome.ok)
      ? EXIT_OK
      : EXIT_CHECK_FAILED;
  });
}

export function addEvidenceCommands(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  const evidence = program
    .command('evidence')
    .description("the incident's evidence log");
  evidence
    .command('add')
    .description(
      'hash files and folders into the vault and register them, printing ' +
        '"<evidence id>  <sha256>  <name>" per file; exits 1 if any file ' +
        'was refused',
    )
    .argument('<path...>', 'files or folders (folders are added whole)')
    .requiredOption('--incident <id>', 'the incident the evidence belongs to')
    .addOption(
      new Option('--type <type>', 'what kind of evidence it is')
        .choices(EVIDENCE_TYPES)
        .default('other'),
    )
    .option('--description <text>', 'what it is and why it was taken')
    .option(
      '--tag <tag>',
      'a tag; repeat for more',
      (tag: string, tags: string[]) => [...tags, tag],
      [] as string[],
    )
    .option(
      '--actor <name>',
      'who acquired it (default: $WAR_ROOM_ACTOR, else your user name)',
    )
    .addOption(dataDirOption())
    .action(async (paths: string[], options: EvidenceAddOptions) =>
      setExit(await addEvidence(runtime, paths, options)),
    );
}
