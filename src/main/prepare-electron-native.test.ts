/*
 * The script that prepares the Electron-ABI better-sqlite3. Nothing here
 * touches the network: the download and compile paths need Electron's
 * binary and headers, which this machine does not have.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nativeFolderName } from './native-binding';
import { makeTempDir } from './test-support/temp-war-room';

const SCRIPT = resolve(
  import.meta.dirname,
  '..',
  '..',
  'scripts',
  'prepare-electron-native.mjs',
);

type ScriptModule = {
  nativeFolderName: typeof nativeFolderName;
  prepareElectronNative(options: {
    root: string;
    env: Record<string, string>;
  }): string;
  buildEnvironment(env: Record<string, string>): Record<string, string>;
  CannotPrepare: new (message: string) => Error;
};

let script: ScriptModule;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  script = (await import(pathToFileURL(SCRIPT).href)) as ScriptModule;
});

beforeEach(() => {
  temp = makeTempDir('war-room-prepare-');
});

afterEach(() => temp.remove());

/** A project folder with Electron's package but not its binary. */
function projectWithoutElectronBinary(): string {
  const electronDir = join(temp.path, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(
    join(electronDir, 'package.json'),
    JSON.stringify({ version: '45.6.0' }),
  );
  writeFileSync(join(electronDir, 'abi_version'), '150');
  return temp.path;
}

describe('prepare-electron-native', () => {
  it('names folders exactly as the app looks for them', () => {
    for (const [platform, arch] of [
      ['linux', 'x64'],
      ['darwin', 'arm64'],
      ['win32', 'x64'],
    ]) {
      expect(script.nativeFolderName('45.6.0', platform, arch)).toBe(
        nativeFolderName('45.6.0', platform, arch),
      );
    }
  });

  it('keeps a binary that is already prepared', () => {
    const root = projectWithoutElectronBinary();
    const folder = nativeFolderName('45.6.0', process.platform, process.arch);
    const target = join(root, 'native', folder, 'better_sqlite3.node');
    mkdirSync(join(root, 'native', folder), { recursive: true });
    writeFileSync(target, 'prepared earlier');
    expect(script.prepareElectronNative({ root, env: {} })).toBe(target);
  });

  it('refuses clearly when the Electron binary is missing', () => {
    const root = projectWithoutElectronBinary();
    expect(() => script.prepareElectronNative({ root, env: {} })).toThrow(
      /Electron 45\.6\.0 binary is not installed/,
    );
    expect(existsSync(join(root, 'native'))).toBe(false);
  });

  it('refuses clearly when Electron is not installed at all', () => {
    expect(() =>
      script.prepareElectronNative({ root: temp.path, env: {} }),
    ).toThrow('Electron is not installed');
  });

  it("drops npm settings that would aim node-gyp at Node's headers", () => {
    const env = script.buildEnvironment({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.20.2',
      npm_config_cache: '/cache',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/cache' });
  });

  it('exits 1 and says what is missing and who needs it', () => {
    const root = projectWithoutElectronBinary();
    mkdirSync(join(root, 'scripts'));
    const copy = join(root, 'scripts', 'prepare-electron-native.mjs');
    copyFileSync(SCRIPT, copy);
    const result = spawnSync(process.execPath, [copy], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('binary is not installed');
    expect(result.stderr).toContain('node_modules was not changed');
    expect(result.stderr).toContain('war-room command line');
  });
});
