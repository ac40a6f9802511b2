/*
 * Checks on what `electron-vite build` produced, since Electron itself
 * cannot run here: the preload must be CommonJS (a sandboxed preload
 * cannot load ES modules), main must point at that exact file, and the
 * command line must not pull in Electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../shared/channel-names';
import type { WarRoomBridge } from '../shared/bridge';
import { preloadPathFor } from './built-paths';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT_MAIN = join(ROOT, 'out', 'main');
const PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs');

beforeAll(() => {
  expect(
    existsSync(join(OUT_MAIN, 'index.js')),
    'run `npx electron-vite build` first',
  ).toBe(true);
});

/** An entry's code plus every chunk it imports, followed transitively. */
function bundleText(entry: string, seen = new Set<string>()): string {
  if (seen.has(entry)) return '';
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  const imports = [...code.matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)];
  return [
    code,
    ...imports.map(([, path]) => bundleText(join(dirname(entry), path), seen)),
  ].join('\n');
}

type Relay = (event: unknown, message: unknown) => void;

/** Runs the built preload as Electron would, with a stand-in electron. */
function loadPreload() {
  const exposed: Record<string, unknown> = {};
  const listeners = new Set<Relay>();
  const ipcRenderer = {
    invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
    on: vi.fn((_channel: string, listener: Relay) => listeners.add(listener)),
    removeListener: vi.fn((_channel: string, listener: Relay) =>
      listeners.delete(listener),
    ),
  };
  // Files made in the page have no path; picked ones have theirs.
  const webUtils = {
    getPathForFile: vi.fn((file: { path?: string }) => file.path ?? ''),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api),
    },
    ipcRenderer,
    webUtils,
  };
  const fakeRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`preload required ${name}`);
    return electron;
  };
  const module = { exports: {} };
  const code = readFileSync(PRELOAD, 'utf8');
  new Function('require', 'module', 'exports', code)(
    fakeRequire,
    module,
    module.exports,
  );
  const emit = (message: unknown) =>
    [...listeners].forEach((listener) => listener({ sender: 'ipc' }, message));
  return { exposed, ipcRenderer, listeners, emit };
}

describe('built preload', () => {
  it('is CommonJS with no ES module syntax', () => {
    const code = readFileSync(PRELOAD, 'utf8');
    expect(code).not.toMatch(/^\s*import[\s{*]/m);
    expect(code).not.toMatch(/^\s*export[\s{*]/m);
    expect(code).toMatch(/require\(["']electron["']\)/);
  });

  it('exposes only invoke, on and addEvidenceFiles, as window.warRoom', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['warRoom']);
    expect(Object.keys(exposed.warRoom as object).sort()).toEqual([
      'addEvidenceFiles',
      'invoke',
      'on',
    ]);
  });

  it('adds picked files by their paths through evidence:add-paths', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    const bridge = exposed.warRoom as WarRoomBridge;
    const file = (name: string, path?: string) => ({
      name,
      size: 1,
      lastModified: 0,
      path,
    });
    const details = { incidentId: 'I', type: 'log-export' as const };
    const taken = { ok: true, item: { name: 'auth.log' }, deduplicated: false };
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: true,
      value: [taken] as never,
    });

    const result = await bridge.addEvidenceFiles(
      [file('auth.log', '/var/log/auth.log'), file('pasted.txt')],
      details,
    );

    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('evidence:add-paths', {
      ...details,
      paths: ['/var/log/auth.log'],
    });
    expect(result).toEqual({
      ok: true,
      value: [
        taken,
        {
          ok: false,
          path: 'pasted.txt',
          message: expect.stringContaining('no path on this computer'),
        },
      ],
    });
  });

  it('asks main nothing when no picked file has a path', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    const bridge = exposed.warRoom as WarRoomBridge;

    const result = await bridge.addEvidenceFiles(
      [{ name: 'made-in-page.txt', size: 1, lastModified: 0 }],
      { incidentId: 'I', type: 'other' },
    );

    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(result.ok && result.value).toMatchObject([
      { ok: false, path: 'made-in-page.txt' },
    ]);
  });

  it('forwards contract channels and refuses others', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    const bridge = exposed.warRoom as WarRoomBridge;
    for (const channel of CHANNEL_NAMES) {
      await bridge.invoke(channel, {} as never);
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, {});
    }
    const invoke = bridge.invoke as (c: string, i: unknown) => Promise<unknown>;
    const refused = await invoke('shell:exec', { command: 'id' });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('hands listeners the payload only, for their event only', () => {
    const { exposed, ipcRenderer, listeners, emit } = loadPreload();
    const bridge = exposed.warRoom as WarRoomBridge;
    const received: unknown[] = [];
    const stop = bridge.on('incident:changed', (payload) =>
      received.push(payload),
    );
    expect(ipcRenderer.on).toHaveBeenCalledWith(
      EVENT_CHANNEL,
      expect.any(Function),
    );

    emit({ name: 'incident:changed', payload: { incidentId: 'A' } });
    emit({ name: 'journal:appended', payload: { entryId: 'B' } });
    expect(received).toEqual([{ incidentId: 'A' }]);

    stop();
    expect(listeners.size).toBe(0);
    const on = bridge.on as (e: string, l: () => void) => () => void;
    expect(() => on('app:quit', () => {})).toThrow('no event named');
  });
});

describe('built main process', () => {
  it('loads the preload from out/preload/index.cjs', () => {
    expect(preloadPathFor(OUT_MAIN)).toBe(PRELOAD);
    expect(existsSync(PRELOAD)).toBe(true);
    const main = bundleText(join(OUT_MAIN, 'index.js'));
    expect(main).toMatch(/["']index\.cjs["']/);
    expect(main).not.toMatch(/index\.mjs/);
  });

  it('keeps Electron out of the command line', () => {
    const cli = bundleText(join(OUT_MAIN, 'cli.js'));
    expect(cli).not.toMatch(/from\s+["']electron["']/);
    expect(cli).not.toMatch(/require\(["']electron["']\)/);
    const main = bundleText(join(OUT_MAIN, 'index.js'));
    expect(main).toMatch(/from\s+["']electron["']/);
  });
});
