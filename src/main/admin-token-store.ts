/*
 * The desktop app's keeper of the admin token: encrypted with the OS
 * keychain's key through Electron `safeStorage`, in a file of its own in
 * the data directory, never in the database. One of the few files that
 * import Electron; only the bootstrap uses it.
 */
import {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { AppFailure } from '../shared/result';
import type { TokenStore } from './admin-sync/token-store';

export const TOKEN_FILE = 'admin-token.enc';

/**
 * On Linux without a keyring Electron falls back to a fixed key
 * (`basic_text`), which protects nothing; that does not count as a
 * keychain.
 */
function keychainUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  return safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

function writeEncrypted(file: string, token: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, safeStorage.encryptString(token), {
      mode: 0o600,
      flush: true,
    });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppFailure(
      'storage',
      `the admin token could not be saved to the keychain: ${reason}`,
    );
  }
}

/**
 * Keeps the token in the OS keychain when there is one; otherwise in
 * memory for this session only (and says so through `source`), so a
 * token is never written where any process could read it.
 */
export function createKeychainTokenStore(dataDir: string): TokenStore {
  const file = join(dataDir, TOKEN_FILE);
  let sessionToken: string | null = null;
  return {
    get source() {
      return keychainUsable() ? 'keychain' : 'session';
    },
    load() {
      if (!keychainUsable() || !existsSync(file)) return sessionToken;
      return safeStorage.decryptString(readFileSync(file));
    },
    save(token) {
      if (keychainUsable()) writeEncrypted(file, token);
      else sessionToken = token;
    },
    clear() {
      sessionToken = null;
      rmSync(file, { force: true });
    },
  };
}
