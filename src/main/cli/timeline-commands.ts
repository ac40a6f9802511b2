import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  type ExportFormat,
  type ImportFormat,
  type TimelineExportSummary,
  type TimelineImportReport,
} from '../../shared/timeline-exchange-types';
import {
  EXIT_CHECK_FAILED,
  EXIT_OK,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type ExportOptions = DataDirOptions & {
  incident: string;
  format: ExportFormat;
  out: string;
};

type ImportOptions = DataDirOptions & {
  incident: string;
  format?: ImportFormat;
  zone?: string;
  skipBadRows?: boolean;
};

/** Problems shown on stderr; the journal and the pane list up to 100. */
const SHOWN_PROBLEMS = 20;

function exportText(summary: TimelineExportSummary): string {
  return (
    `file: ${summary.path}\n` +
    `format: ${summary.format}\n` +
    `entries: ${summary.entries}\n` +
    `SHA-256: ${summary.sha256}\n`
  );
}

function exportTimeline(runtime: CliRuntime, options: ExportOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('timeline:export', {
      incidentId: options.incident,
      format: options.format,
      outPath: resolve(options.out),
    });
    if (!result.ok) return session.fail(result.error);

    runtime.writeOut(exportText(result.value));
    return EXIT_OK;
  });
}

function problemLines(report: TimelineImportReport): string {
  const shown = report.problems.slice(0, SHOWN_PROBLEMS);
  const lines = shown.map(
    (problem) => `line ${problem.line}: ${problem.message}\n`,
  );
  const more = report.rejected - shown.length;
  if (more > 0) lines.push(`… and ${more} more rejected row(s)\n`);
  return lines.join('');
}

/**
 * `imported N, rejected M` on stdout; the rows refused, and why nothing
 * was imported if so, on stderr. Any rejected row exits 1.
 */
function reportImport(
  runtime: CliRuntime,
  report: TimelineImportReport,
): ExitCode {
  runtime.writeOut(
    `imported ${report.imported}, rejected ${report.rejected}\n`,
  );
  if (report.fileProblem !== null) {
    runtime.writeErr(`error: nothing was imported: ${report.fileProblem}\n`);
    return EXIT_CHECK_FAILED;
  }
  runtime.writeErr(problemLines(report));
  if (report.refused) {
    runtime.writeErr(
      'error: nothing was imported; fix the rows above, or import again ' +
        'with --skip-bad-rows to leave them out\n',
    );
    return EXIT_CHECK_FAILED;
  }
  runtime.writeErr(
    `note: the file is in the evidence log as ${report.evidenceId} ` +
      `(SHA-256 ${report.sha256})\n`,
  );
  return report.rejected > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}

function importTimeline(
  runtime: CliRuntime,
  file: string,
  options: ImportOptions,
) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('timeline:import', {
      incidentId: options.incident,
      path: resolve(file),
      format: options.format,
      zone: options.zone,
      skipBadRows: options.skipBadRows ?? false,
    });
    if (!result.ok) return session.fail(result.error);
    return reportImport(runtime, result.value);
  });
}

/** `export` may already hold other kinds of export; join it if so. */
function commandGroup(
  program: Command,
  name: string,
  description: string,
): Command {
  return (
    program.commands.find((command) => command.name() === name) ??
    program.command(name).description(description)
  );
}

export function addTimelineCommands(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  commandGroup(
    program,
    'export',
    'write an incident out for someone outside War Room',
  )
    .command('timeline')
    .description(
      "write an incident's timeline, one row per journal entry, as " +
        'Timesketch CSV or JSONL, DFIR-IRIS timeline CSV or plain CSV; ' +
        'text cells that a spreadsheet would run as formulas start with an ' +
        'apostrophe. The export is recorded in the journal',
    )
    .requiredOption('--incident <id>', 'the incident to export')
    .addOption(
      new Option('--format <format>', 'the file format')
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'a new file; nothing is overwritten')
    .addOption(dataDirOption())
    .action(async (options: ExportOptions) =>
      setExit(await exportTimeline(runtime, options)),
    );

  commandGroup(program, 'import', "bring records into an incident's journal")
    .command('timeline')
    .description(
      "import a Timesketch CSV or JSONL file, or the admin API's exported " +
        'audit logs or security events, as timeline events at their own ' +
        'times; the file goes into the evidence log. Prints "imported N, ' +
        'rejected M"; nothing is imported if any row is refused, unless ' +
        '--skip-bad-rows. Exits 1 if any row was rejected',
    )
    .argument('<file>', 'the file to import')
    .requiredOption('--incident <id>', 'the incident to import into')
    .addOption(
      new Option(
        '--format <format>',
        'the file format (default: detected)',
      ).choices(IMPORT_FORMATS),
    )
    .option(
      '--zone <zone>',
      'the zone of times that have none (an IANA name like Europe/Berlin, ' +
        "or ±HH:MM); the admin API's files are UTC",
    )
    .option('--skip-bad-rows', 'import the good rows and list the others')
    .addOption(dataDirOption())
    .action(async (file: string, options: ImportOptions) =>
      setExit(await importTimeline(runtime, file, options)),
    );
}
