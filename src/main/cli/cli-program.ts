import { Command, CommanderError } from 'commander';
import { version } from '../../../package.json';
import {
  EXIT_OK,
  EXIT_USAGE,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { reportThrown } from './cli-session';
import { addEvidenceCommands } from './evidence-command';
import { addExportCommand } from './export-command';
import { addIncidentCommands } from './incident-commands';
import { addNoteCommand } from './note-command';
import { addReportCommands } from './report-command';
import { addServeCommand } from './serve-command';
import { addTimelineCommands } from './timeline-commands';
import { addVerifyBundleCommand } from './verify-bundle-command';
import { addVerifyCommand } from './verify-command';

function buildProgram(
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): Command {
  const program = new Command('war-room')
    .description("War Room: the incident commander's console, headless")
    .version(version)
    // Settings made before the commands are added are inherited by them.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.writeOut(text),
      writeErr: (text) => runtime.writeErr(text),
    });
  addIncidentCommands(program, runtime, setExit);
  addNoteCommand(program, runtime, setExit);
  addEvidenceCommands(program, runtime, setExit);
  addVerifyCommand(program, runtime, setExit);
  addExportCommand(program, runtime, setExit);
  addTimelineCommands(program, runtime, setExit);
  addReportCommands(program, runtime, setExit);
  addVerifyBundleCommand(program, runtime, setExit);
  addServeCommand(program, runtime, setExit);
  return program;
}

/**
 * Runs one command line (without `node` and the script) and returns its
 * exit code: 0 success, 1 check failed or content refused, 2 usage or I/O
 * error. Commander's own errors have printed their message already; help
 * and --version exit 0, every other Commander error is a usage error.
 */
export async function runCli(
  args: readonly string[],
  runtime: CliRuntime,
): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT_OK;
  const program = buildProgram(runtime, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return reportThrown(runtime, error);
  }
}
