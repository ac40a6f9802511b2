import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nativeBindingPath, nativeFolderName } from './native-binding';
import { makeTempDir } from './test-support/temp-war-room';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir('war-room-native-');
});

afterEach(() => temp.remove());

function prepare(root: string, version = '45.6.0'): string {
  const folder = join(root, 'native', `electron-${version}-linux-x64`);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'better_sqlite3.node');
  writeFileSync(file, 'binary');
  return file;
}

const query = { electronVersion: '45.6.0', platform: 'linux', arch: 'x64' };

describe('nativeBindingPath', () => {
  it('names the folder by Electron version, platform and arch', () => {
    expect(nativeFolderName('45.6.0', 'darwin', 'arm64')).toBe(
      'electron-45.6.0-darwin-arm64',
    );
  });

  it('finds the prepared binary under the app root', () => {
    const appRoot = join(temp.path, 'app');
    const file = prepare(appRoot);
    const resources = join(temp.path, 'resources');
    expect(nativeBindingPath({ ...query, roots: [resources, appRoot] })).toBe(
      file,
    );
  });

  it('prefers the packaged resources folder', () => {
    const resources = join(temp.path, 'resources');
    const appRoot = join(temp.path, 'app');
    const packaged = prepare(resources);
    prepare(appRoot);
    expect(nativeBindingPath({ ...query, roots: [resources, appRoot] })).toBe(
      packaged,
    );
  });

  it('is undefined when only another Electron version was prepared', () => {
    const appRoot = join(temp.path, 'app');
    prepare(appRoot, '44.0.0');
    expect(nativeBindingPath({ ...query, roots: [appRoot] })).toBeUndefined();
  });
});
