import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import { makeTempDir } from '../test-support/temp-war-room';
import type { CliRuntime } from './cli-runtime';
import { runCli } from './cli-program';

/** Test support: the command line run in-process against a temp folder. */

export const ULID_LINE = /^[0-9A-HJKMNP-TV-Z]{26}\n$/;

export const CREATE_ARGS = [
  'incident',
  'create',
  '--title',
  'Admin login from unknown network',
  '--severity',
  'high',
  '--category',
  'authentication-access-control',
];

export type FakeTerminal = {
  runtime: CliRuntime;
  stdout(): string;
  stderr(): string;
  /** Delivers a stop signal to a running `serve`. */
  stop(signal: string): void;
};

export type CliRun = { code: number; stdout: string; stderr: string };

export type CliSandbox = {
  root: string;
  /** WAR_ROOM_DATA_DIR of every run. */
  dataDir: string;
  /** Holds a stand-in index.html for `serve`. */
  rendererDir: string;
  terminal(stdin?: string, env?: Record<string, string>): FakeTerminal;
  run(args: string[], stdin?: string): Promise<CliRun>;
  createIncident(extra?: string[]): Promise<string>;
  listIncidents(dataDir?: string): Promise<Incident[]>;
};

function fakeTerminal(
  sandbox: CliSandbox,
  stdin: string,
  env: Record<string, string>,
): FakeTerminal {
  const out: string[] = [];
  const errors: string[] = [];
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  return {
    runtime: {
      writeOut: (text) => out.push(text),
      writeErr: (text) => errors.push(text),
      readStdin: async () => stdin,
      env: {
        WAR_ROOM_DATA_DIR: sandbox.dataDir,
        WAR_ROOM_ACTOR: 'ic-alice',
        ...env,
      },
      rendererDir: sandbox.rendererDir,
      waitForStop: () => stopped,
    },
    stdout: () => out.join(''),
    stderr: () => errors.join(''),
    stop: (signal) => stop(signal),
  };
}

/** A fresh sandbox per test; the returned object is refilled each time. */
export function useCliSandbox(): CliSandbox {
  let remove = () => {};
  const sandbox: CliSandbox = {
    root: '',
    dataDir: '',
    rendererDir: '',
    terminal: (stdin = '', env = {}) => fakeTerminal(sandbox, stdin, env),
    async run(args, stdin = '') {
      const terminal = sandbox.terminal(stdin);
      const code = await runCli(args, terminal.runtime);
      return { code, stdout: terminal.stdout(), stderr: terminal.stderr() };
    },
    async createIncident(extra = []) {
      const result = await sandbox.run([...CREATE_ARGS, ...extra]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return result.stdout.trim();
    },
    async listIncidents(dataDir = sandbox.dataDir) {
      const args = ['incident', 'list', '--json', '--data-dir', dataDir];
      const result = await sandbox.run(args);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as Incident[];
    },
  };

  beforeEach(() => {
    const temp = makeTempDir('war-room-cli-');
    remove = temp.remove;
    sandbox.root = temp.path;
    sandbox.dataDir = join(temp.path, 'data');
    sandbox.rendererDir = join(temp.path, 'renderer');
    mkdirSync(sandbox.rendererDir);
    writeFileSync(join(sandbox.rendererDir, 'index.html'), '<!doctype html>');
  });
  afterEach(() => remove());
  return sandbox;
}
