import { InvalidArgumentError, type Command } from 'commander';
import {
  assertRendererBuilt,
  DEFAULT_SERVE_PORT,
  startServeServer,
  type ServeServer,
} from '../serve/serve-server';
import { EXIT_OK, type CliRuntime, type ExitCode } from './cli-runtime';
import { reportThrown, withWarRoom, type CliSession } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type ServeOptions = DataDirOptions & { port: number; adminUrl?: string };

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535');
  }
  return port;
}

/** The first line on stdout: scripts and browser tests read the address. */
export function servingLine(server: ServeServer): string {
  return `War Room is serving at ${server.url}#token=${server.token}`;
}

function start(session: CliSession, port: number) {
  return startServeServer({
    warRoom: session.warRoom,
    rendererDir: session.runtime.rendererDir,
    port,
    defaultActor: session.defaultActor,
  });
}

async function serve(
  runtime: CliRuntime,
  options: ServeOptions,
): Promise<ExitCode> {
  // Checked before the data directory is opened, so a missing build
  // creates nothing.
  try {
    assertRendererBuilt(runtime.rendererDir);
  } catch (error) {
    return reportThrown(runtime, error);
  }

  return withWarRoom(
    runtime,
    options.dataDir,
    async (session) => {
      let server: ServeServer;
      try {
        server = await start(session, options.port);
      } catch (error) {
        return reportThrown(runtime, error);
      }
      session.warRoom.watchOtherWriters();
      session.warRoom.startAdminSync();
      runtime.writeOut(`${servingLine(server)}\n`);
      runtime.writeErr('Press Ctrl+C to stop.\n');

      const signal = await runtime.waitForStop();
      session.warRoom.logger.info({ signal }, 'serve mode stopping');
      await server.close();
      return EXIT_OK;
    },
    { create: true, adminUrl: options.adminUrl },
  );
}

export function addServeCommand(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('serve')
    .description(
      'serve the console to a browser on 127.0.0.1 until Ctrl+C or SIGTERM',
    )
    .option(
      '--port <n>',
      'TCP port; 0 picks a free one',
      parsePort,
      DEFAULT_SERVE_PORT,
    )
    .option(
      '--admin-url <url>',
      "the platform's admin API (default: $WAR_ROOM_ADMIN_URL); the " +
        'token comes from $WAR_ROOM_ADMIN_TOKEN or the console',
    )
    .addOption(dataDirOption())
    .action(async (options: ServeOptions) =>
      setExit(await serve(runtime, options)),
    );
}
