import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
} from '../../shared/ipc-contract';
import {
  AppFailure,
  type AppError,
  type ErrorKind,
  type Result,
} from '../../shared/result';
import { defaultActorName, resolveDataDir } from '../data-dir';
import type { InvokeContext } from '../ipc/handler-map';
import { DATABASE_FILE, openWarRoom, type WarRoom } from '../war-room';
import { adminFromEnvironment } from '../admin-sync/admin-config';
import {
  EXIT_CHECK_FAILED,
  EXIT_USAGE,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';

/**
 * Exit code per error kind. Listed in full so a new kind needs a decision
 * here. Most kinds are the caller's problem (bad input, unknown id) or the
 * machine's (storage); `blocked` is content refused by a rule, like a
 * required checklist item still open, and `integrity` is evidence or a
 * journal found altered, so both are failed checks.
 */
const EXIT_FOR_ERROR: Record<ErrorKind, ExitCode> = {
  'invalid-input': EXIT_USAGE,
  'not-found': EXIT_USAGE,
  'search-syntax': EXIT_USAGE,
  storage: EXIT_USAGE,
  cancelled: EXIT_USAGE,
  unavailable: EXIT_USAGE,
  integrity: EXIT_CHECK_FAILED,
  forbidden: EXIT_USAGE,
  internal: EXIT_USAGE,
  blocked: EXIT_CHECK_FAILED,
};

/** A command's view of an open War Room. */
export type CliSession = {
  warRoom: WarRoom;
  runtime: CliRuntime;
  defaultActor: string;
  invoke<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  /** Reports an error on stderr and returns the exit code for it. */
  fail(error: AppError): ExitCode;
};

export function reportError(runtime: CliRuntime, error: AppError): ExitCode {
  runtime.writeErr(`error: ${error.message}\n`);
  return EXIT_FOR_ERROR[error.kind];
}

/** Turns anything thrown while starting a command into a reported error. */
export function reportThrown(runtime: CliRuntime, thrown: unknown): ExitCode {
  if (thrown instanceof AppFailure) {
    return reportError(runtime, { kind: thrown.kind, message: thrown.message });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return reportError(runtime, { kind: 'internal', message });
}

function openFor(
  runtime: CliRuntime,
  dataDirFlag: string | undefined,
  options: SessionOptions,
) {
  const host = {
    platform: process.platform,
    env: runtime.env,
    homeDir: homedir(),
  };
  const dataDir = resolveDataDir(dataDirFlag, host);
  // A mistyped --data-dir must not pass a tamper check by creating an
  // empty, perfectly intact journal.
  if (!options.create && !existsSync(join(dataDir, DATABASE_FILE))) {
    throw new AppFailure(
      'not-found',
      `there is no War Room data in ${dataDir}; check --data-dir or ` +
        'WAR_ROOM_DATA_DIR',
    );
  }
  const environment = adminFromEnvironment(runtime.env, options.adminUrl);
  try {
    return openWarRoom({ dataDir, admin: { environment } });
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppFailure(
      'storage',
      `cannot open the data directory ${dataDir}: ${reason}`,
    );
  }
}

export type SessionOptions = {
  /** Whether a data directory without a database may be started. */
  create: boolean;
  /** `--admin-url`; otherwise WAR_ROOM_ADMIN_URL, if set. */
  adminUrl?: string;
};

/**
 * Opens the data directory, runs one command against it through the same
 * `invoke` as every other transport, and closes it whatever happens. Only
 * commands that start something new (`incident create`, `serve`) may
 * create a data directory; the others refuse one that holds no database.
 */
export async function withWarRoom(
  runtime: CliRuntime,
  dataDirFlag: string | undefined,
  command: (session: CliSession) => Promise<ExitCode>,
  options: SessionOptions = { create: false },
): Promise<ExitCode> {
  let warRoom: WarRoom;
  try {
    warRoom = openFor(runtime, dataDirFlag, options);
  } catch (error) {
    return reportThrown(runtime, error);
  }

  const defaultActor = defaultActorName(runtime.env);
  const context: InvokeContext = { defaultActor, transport: 'cli' };
  const session: CliSession = {
    warRoom,
    runtime,
    defaultActor,
    invoke: (channel, input) =>
      warRoom.invoke(channel, input, context) as Promise<
        Result<ChannelOutput<typeof channel>>
      >,
    fail: (error) => reportError(runtime, error),
  };
  try {
    return await command(session);
  } finally {
    warRoom.close();
  }
}
