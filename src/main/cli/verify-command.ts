import type { Command } from 'commander';
import type { VaultCheck } from '../../shared/evidence-types';
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

type FullReport = VerifyReport & { vault: VaultCheck | null };

/** The `--json` shape, and only it: scripts compare it verbatim. */
export function verifyReportJson(report: FullReport): string {
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
    // Present once there is evidence, so the journal-only shape is unchanged.
    vault: report.vault?.items
      ? {
          ok: report.vault.ok,
          items: report.vault.items,
          bytes: report.vault.bytes,
          problems: report.vault.problems.map(
            ({ evidenceId, name, kind, detail }) => ({
              evidenceId,
              name,
              kind,
              detail,
            }),
          ),
        }
      : undefined,
  });
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One line per broken chain, naming its first broken link, and one per
 * altered or missing evidence file.
 */
export function verifyReportText(report: FullReport): string {
  const chains = plural(report.chains, 'chain');
  const evidence = report.vault?.items
    ? `, ${plural(report.vault.items, 'evidence item')}`
    : '';
  const counts = `${chains}, ${plural(report.entries, 'entry', 'entries')}${evidence}`;
  if (report.ok) return `OK: ${counts} verified, no problems found\n`;

  const vaultProblems = report.vault?.problems ?? [];
  const lines = [
    ...report.problems.map(
      (problem) =>
        `incident ${problem.incident} entry ${problem.entry}: ` +
        `${problem.kind}: ${problem.detail}`,
    ),
    ...vaultProblems.map(
      (problem) =>
        `evidence ${problem.evidenceId} (${problem.name}): ` +
        `${problem.kind}: ${problem.detail}`,
    ),
  ];
  const problems = plural(lines.length, 'problem');
  const heading = `FAILED: ${problems} found (${counts})`;
  return `${[heading, ...lines].join('\n')}\n`;
}

function verify(runtime: CliRuntime, options: VerifyOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('journal:verify', { vault: true });
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
    .description(
      'check every journal chain and every evidence file in the vault; ' +
        'exits 1 if any is broken, altered or missing',
    )
    .option('--json', 'print the report as JSON')
    .addOption(dataDirOption())
    .action(async (options: VerifyOptions) =>
      setExit(await verify(runtime, options)),
    );
}
