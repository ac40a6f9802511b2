import type { Command } from 'commander';
import type { VerifyReport } from '../../shared/journal-types';
import {
  EXIT_CHECK_FAILED,
  EXIT_OK,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type VerifyOptions = DataDirOptions & { json?: boolean };

/** The `--json` shape, and only it: scripts compare it verbatim. */
export function verifyReportJson(report: VerifyReport): string {
  return JSON.stringify({
    ok: report.ok,
    chains: report.chains,
    entries: report.entries,
    problems: report.problems.map(({ incident, entry, kind, detail }) => ({
      incident,
      entry,
      kind,
      detail,
    })),
  });
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line per broken chain, naming its first broken link. */
export function verifyReportText(report: VerifyReport): string {
  const chains = plural(report.chains, 'chain');
  const counts = `${chains}, ${plural(report.entries, 'entry', 'entries')}`;
  if (report.ok) return `OK: ${counts} verified, no problems found\n`;

  const lines = report.problems.map(
    (problem) =>
      `incident ${problem.incident} entry ${problem.entry}: ` +
      `${problem.kind}: ${problem.detail}`,
  );
  const problems = plural(report.problems.length, 'problem');
  const heading = `FAILED: ${problems} found (${counts})`;
  return `${[heading, ...lines].join('\n')}\n`;
}

function verify(runtime: CliRuntime, options: VerifyOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('journal:verify', {});
    if (!result.ok) return session.fail(result.error);

    const report = result.value;
    runtime.writeOut(
      options.json ? `${verifyReportJson(report)}\n` : verifyReportText(report),
    );
    return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
  });
}

export function addVerifyCommand(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('verify')
    .description('check every journal chain; exits 1 if any is broken')
    .option('--json', 'print the report as JSON')
    .addOption(dataDirOption())
    .action(async (options: VerifyOptions) =>
      setExit(await verify(runtime, options)),
    );
}
