import type { Environment } from '../data-dir';

/**
 * Everything a command touches outside War Room itself, so the commands
 * run in tests without a terminal, signals or a built renderer.
 */
export type CliRuntime = {
  /** Results, for the shell to capture. */
  writeOut(text: string): void;
  /** Messages for the person at the terminal. */
  writeErr(text: string): void;
  readStdin(): Promise<string>;
  env: Environment;
  /** The built renderer that `serve` publishes. */
  rendererDir: string;
  /** Resolves with the signal's name when the user stops `serve`. */
  waitForStop(): Promise<string>;
};

export const EXIT_OK = 0;
/** The command ran, and its check failed or the content was refused. */
export const EXIT_CHECK_FAILED = 1;
/** Usage error, unknown incident, unreadable file, I/O error. */
export const EXIT_USAGE = 2;

export type ExitCode =
  typeof EXIT_OK | typeof EXIT_CHECK_FAILED | typeof EXIT_USAGE;
