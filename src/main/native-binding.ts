import { existsSync } from 'node:fs';
import { join } from 'node:path';

/*
 * better-sqlite3 is a native module: node_modules holds the build for
 * Node's ABI (tests, the command line, serve mode), and
 * `scripts/prepare-electron-native.mjs` puts the build for Electron's ABI in
 * a folder of its own. The desktop app hands that file to better-sqlite3 as
 * `nativeBinding`, so neither build ever replaces the other.
 */

export const NATIVE_DIR = 'native';
export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

/** Keep in step with `nativeFolderName` in the prepare script. */
export function nativeFolderName(
  electronVersion: string,
  platform: string,
  arch: string,
): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export type NativeBindingQuery = {
  electronVersion: string;
  platform: string;
  arch: string;
  /**
   * Folders that may hold `native/`, in order: the packaged app's resources
   * folder, then the app root (the repository when run unpackaged).
   */
  roots: readonly string[];
  exists?: (path: string) => boolean;
};

/**
 * The Electron-ABI better-sqlite3 binary to load, or undefined when none has
 * been prepared (better-sqlite3 then falls back to node_modules, which fails
 * to load in Electron with an ABI error the app reports).
 */
export function nativeBindingPath(
  query: NativeBindingQuery,
): string | undefined {
  const exists = query.exists ?? existsSync;
  const folder = nativeFolderName(
    query.electronVersion,
    query.platform,
    query.arch,
  );
  return query.roots
    .map((root) => join(root, NATIVE_DIR, folder, NATIVE_BINDING_FILE))
    .find((candidate) => exists(candidate));
}
