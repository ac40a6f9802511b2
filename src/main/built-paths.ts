import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * Where electron-vite puts each part of the app, from the folder of a built
 * main-process entry (`out/main`). Entries pass their own folder in: a
 * shared chunk's folder could differ, so nothing here guesses it.
 */

/** The preload, built as CommonJS because a sandboxed preload needs it. */
export function preloadPathFor(mainDir: string): string {
  return resolve(mainDir, '..', 'preload', 'index.cjs');
}

export function rendererDirFor(mainDir: string): string {
  return resolve(mainDir, '..', 'renderer');
}

export function rendererIndexFor(mainDir: string): string {
  return join(rendererDirFor(mainDir), 'index.html');
}

/** The URL the desktop window loads, and the only one it trusts. */
export function rendererIndexUrlFor(mainDir: string): string {
  return pathToFileURL(rendererIndexFor(mainDir)).href;
}
