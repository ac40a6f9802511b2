import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dataDirFlagFromArgv,
  defaultActorName,
  defaultDataDir,
  resolveDataDir,
  type HostFacts,
} from './data-dir';

function host(overrides: Partial<HostFacts> = {}): HostFacts {
  return { platform: 'linux', env: {}, homeDir: '/home/ic', ...overrides };
}

describe('defaultDataDir', () => {
  it('uses ~/.config/War Room on Linux', () => {
    expect(defaultDataDir(host())).toBe('/home/ic/.config/War Room');
  });

  it('honours XDG_CONFIG_HOME on Linux', () => {
    const env = { XDG_CONFIG_HOME: '/xdg' };
    expect(defaultDataDir(host({ env }))).toBe('/xdg/War Room');
  });

  it('ignores an empty XDG_CONFIG_HOME', () => {
    const env = { XDG_CONFIG_HOME: '' };
    expect(defaultDataDir(host({ env }))).toBe('/home/ic/.config/War Room');
  });

  it('uses Application Support on macOS', () => {
    expect(
      defaultDataDir(host({ platform: 'darwin', homeDir: '/Users/ic' })),
    ).toBe('/Users/ic/Library/Application Support/War Room');
  });

  it('uses %APPDATA% on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\ic\\AppData\\Roaming' };
    expect(defaultDataDir(host({ platform: 'win32', env }))).toBe(
      'C:\\Users\\ic\\AppData\\Roaming\\War Room',
    );
  });

  it('falls back to the roaming profile on Windows without %APPDATA%', () => {
    const result = defaultDataDir(
      host({ platform: 'win32', homeDir: 'C:\\Users\\ic' }),
    );
    expect(result).toBe('C:\\Users\\ic\\AppData\\Roaming\\War Room');
  });

  it('is overridden by WAR_ROOM_DATA_DIR, made absolute', () => {
    const env = { WAR_ROOM_DATA_DIR: 'relative/dir', XDG_CONFIG_HOME: '/x' };
    expect(defaultDataDir(host({ env }))).toBe(resolve('relative/dir'));
  });
});

describe('resolveDataDir', () => {
  it('prefers the flag over the environment', () => {
    const env = { WAR_ROOM_DATA_DIR: '/from-env' };
    expect(resolveDataDir('/from-flag', host({ env }))).toBe('/from-flag');
  });

  it('falls back to the default without a flag', () => {
    const env = { WAR_ROOM_DATA_DIR: '/from-env' };
    expect(resolveDataDir(undefined, host({ env }))).toBe('/from-env');
  });

  it('refuses an empty flag with a message naming it', () => {
    expect(() => resolveDataDir('  ', host())).toThrow(
      '--data-dir must not be empty',
    );
  });
});

describe('dataDirFlagFromArgv', () => {
  it('reads the separate and the joined form', () => {
    expect(dataDirFlagFromArgv(['app', '--data-dir', '/d'])).toBe('/d');
    expect(dataDirFlagFromArgv(['app', '--data-dir=/e'])).toBe('/e');
  });

  it('ignores Chromium switches and stops at --', () => {
    expect(dataDirFlagFromArgv(['app', '--no-sandbox'])).toBeUndefined();
    expect(dataDirFlagFromArgv(['--', '--data-dir', '/d'])).toBeUndefined();
  });

  it('refuses a flag without a value', () => {
    expect(() => dataDirFlagFromArgv(['--data-dir'])).toThrow(
      '--data-dir needs a directory',
    );
  });
});

describe('defaultActorName', () => {
  it('prefers WAR_ROOM_ACTOR', () => {
    expect(defaultActorName({ WAR_ROOM_ACTOR: ' alice ' }, () => 'bob')).toBe(
      'alice',
    );
  });

  it('falls back to the OS user, then USER, then unknown', () => {
    expect(defaultActorName({}, () => 'bob')).toBe('bob');
    expect(defaultActorName({ USER: 'carol' }, () => undefined)).toBe('carol');
    expect(defaultActorName({}, () => undefined)).toBe('unknown');
  });
});
