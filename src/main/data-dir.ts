import { homedir, userInfo } from 'node:os';
import { posix, resolve, win32 } from 'node:path';
import { AppFailure } from '../shared/result';

/** The product name Electron derives the userData folder from. */
export const PRODUCT_NAME = 'War Room';

export type Environment = Record<string, string | undefined>;

/** What the default data directory depends on; injectable for tests. */
export type HostFacts = {
  platform: NodeJS.Platform;
  env: Environment;
  homeDir: string;
};

function currentHost(): HostFacts {
  return { platform: process.platform, env: process.env, homeDir: homedir() };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Electron's `appData` path, computed the way Electron computes it, so the
 * command line and serve mode open the same database as the desktop app
 * without loading Electron.
 */
export function appDataDir(host: HostFacts = currentHost()): string {
  switch (host.platform) {
    case 'win32':
      return (
        nonEmpty(host.env.APPDATA) ??
        win32.join(host.homeDir, 'AppData', 'Roaming')
      );
    case 'darwin':
      return posix.join(host.homeDir, 'Library', 'Application Support');
    default:
      return (
        nonEmpty(host.env.XDG_CONFIG_HOME) ??
        posix.join(host.homeDir, '.config')
      );
  }
}

/** `WAR_ROOM_DATA_DIR`, else the desktop app's userData directory. */
export function defaultDataDir(host: HostFacts = currentHost()): string {
  const override = nonEmpty(host.env.WAR_ROOM_DATA_DIR);
  if (override) return resolve(override);

  const join = host.platform === 'win32' ? win32.join : posix.join;
  return join(appDataDir(host), PRODUCT_NAME);
}

/**
 * The data directory a command or the app should use: the `--data-dir`
 * flag when given, else the default. Throws `invalid-input` for an empty
 * flag, which would otherwise silently mean the current directory.
 */
export function resolveDataDir(
  flag?: string,
  host: HostFacts = currentHost(),
): string {
  if (flag === undefined) return defaultDataDir(host);
  if (flag.trim() === '') {
    throw new AppFailure('invalid-input', '--data-dir must not be empty');
  }
  return resolve(flag);
}

/**
 * The `--data-dir` value in a raw argument list (`--data-dir DIR` or
 * `--data-dir=DIR`), for the desktop app, whose argv also carries
 * Chromium's switches and so cannot go through a strict parser.
 */
export function dataDirFlagFromArgv(
  argv: readonly string[],
): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--') return undefined;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
    if (arg === '--data-dir') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new AppFailure('invalid-input', '--data-dir needs a directory');
      }
      return value;
    }
  }
  return undefined;
}

function osUserName(): string | undefined {
  try {
    return nonEmpty(userInfo().username);
  } catch {
    // A container user with no passwd entry has no name to report.
    return undefined;
  }
}

/**
 * Who journal entries are attributed to when the input names no one:
 * `WAR_ROOM_ACTOR`, else the OS user, else `unknown`.
 */
export function defaultActorName(
  env: Environment = process.env,
  userName: () => string | undefined = osUserName,
): string {
  return (
    nonEmpty(env.WAR_ROOM_ACTOR?.trim()) ??
    userName() ??
    nonEmpty(env.USER ?? env.USERNAME) ??
    'unknown'
  );
}
