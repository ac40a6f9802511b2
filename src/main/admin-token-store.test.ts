import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTempDir } from './test-support/temp-war-room';

/**
 * Electron does not run under Node; this stands in for its `safeStorage`
 * with a reversible scrambling, so the test can see what reaches the disk.
 */
const keychain = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as string,
}));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (text: string) =>
      Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptString: (sealed: Buffer) =>
      Buffer.from(
        sealed.toString().slice('sealed:'.length),
        'base64',
      ).toString(),
  },
}));

const { createKeychainTokenStore, TOKEN_FILE } =
  await import('./admin-token-store');

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.admin-token';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});
afterEach(() => dir.remove());

it('keeps the token sealed by the keychain, readable after a restart', () => {
  createKeychainTokenStore(dir.path).save(TOKEN);

  const file = join(dir.path, TOKEN_FILE);
  const again = createKeychainTokenStore(dir.path);

  expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
  expect(statSync(file).mode & 0o077).toBe(0);
  expect(again.source).toBe('keychain');
  expect(again.load()).toBe(TOKEN);
});

it('holds the token for the session only when there is no keychain', () => {
  keychain.backend = process.platform === 'linux' ? 'basic_text' : 'unknown';
  keychain.available = process.platform === 'linux';
  const store = createKeychainTokenStore(dir.path);

  store.save(TOKEN);

  expect(store.source).toBe('session');
  expect(store.load()).toBe(TOKEN);
  expect(existsSync(join(dir.path, TOKEN_FILE))).toBe(false);
  expect(createKeychainTokenStore(dir.path).load()).toBeNull();
});

it('forgets the token when cleared', () => {
  const store = createKeychainTokenStore(dir.path);
  store.save(TOKEN);

  store.clear();

  expect(store.load()).toBeNull();
  expect(existsSync(join(dir.path, TOKEN_FILE))).toBe(false);
});
