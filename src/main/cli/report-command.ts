import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  SUMMARY_PERIODS,
  type SummaryPeriod,
} from '../../shared/metrics-types';
import { AppFailure } from '../../shared/result';
import {
  REPORT_FORMATS,
  type ReportExportSummary,
  type ReportFormat,
} from '../../shared/review-types';
import { writeNewFile } from '../report/report-export';
import { EXIT_OK, type CliRuntime, type ExitCode } from './cli-runtime';
import { reportThrown, withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type ReportOptions = DataDirOptions & {
  incident: string;
  format: ReportFormat;
  out: string;
};

type SummaryOptions = DataDirOptions & {
  period: SummaryPeriod;
  date?: string;
  out: string;
};

function writtenText(summary: ReportExportSummary): string {
  return (
    `file: ${summary.path}\n` +
    `format: ${summary.format}\n` +
    `bytes: ${summary.bytes}\n` +
    `SHA-256: ${summary.sha256}\n`
  );
}

function exportReport(runtime: CliRuntime, options: ReportOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('report:export', {
      incidentId: options.incident,
      format: options.format,
      outPath: resolve(options.out),
    });
    if (!result.ok) return session.fail(result.error);

    runtime.writeOut(writtenText(result.value));
    return EXIT_OK;
  });
}

function exportSummary(runtime: CliRuntime, options: SummaryOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('metrics:summary', {
      period: options.period,
      date: options.date,
    });
    if (!result.ok) return session.fail(result.error);

    const path = resolve(options.out);
    try {
      const written = await writeNewFile(path, result.value.markdown);
      runtime.writeOut(
        writtenText({ path, format: 'md', ...written }).replace(
          'format: md\n',
          `period: ${options.period} from ${result.value.start} to ` +
            `${result.value.end}\n`,
        ),
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof AppFailure) return reportThrown(runtime, error);
      throw error;
    }
  });
}

/** `export` may already hold other kinds of export; join it if so. */
function exportGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'export') ??
    program
      .command('export')
      .description('write an incident out for someone outside War Room')
  );
}

export function addReportCommands(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  const group = exportGroup(program);
  group
    .command('report')
    .description(
      "write an incident's report from its journal: summary, milestones " +
        'against the targets, timeline (UTC), actions, evidence and ' +
        'custody, checklist, notifications, review, follow-ups and the ' +
        'chain heads. The export is recorded in the journal',
    )
    .requiredOption('--incident <id>', 'the incident to report on')
    .addOption(
      new Option('--format <format>', 'Markdown or self-contained HTML')
        .choices(REPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'a new file; nothing is overwritten')
    .addOption(dataDirOption())
    .action(async (options: ReportOptions) =>
      setExit(await exportReport(runtime, options)),
    );
  group
    .command('summary')
    .description(
      'write the daily metrics summary, weekly incident trend, monthly ' +
        'posture report or quarterly programme review as Markdown',
    )
    .addOption(
      new Option('--period <period>', 'which summary')
        .choices(SUMMARY_PERIODS)
        .makeOptionMandatory(),
    )
    .option('--date <YYYY-MM-DD>', 'a day in the period (default: today, UTC)')
    .requiredOption('--out <file>', 'a new file; nothing is overwritten')
    .addOption(dataDirOption())
    .action(async (options: SummaryOptions) =>
      setExit(await exportSummary(runtime, options)),
    );
}
