import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const READY_LINE =
  /^War Room is serving at (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)$/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export type ServeProcess = {
  /** The address with the token, exactly as printed. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Stops the server; resolves with its exit code. */
  stop(): Promise<number | null>;
  stderr(): string;
};

function firstStdoutLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      reject(new Error('war-room serve printed nothing within 20 s'));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`war-room serve exited early with code ${code}`));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Starts `war-room serve` on a free port over `dataDir`, with `env` added
 * to its environment (the admin API's address and token, say).
 */
export async function startServe(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['bin/war-room.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WAR_ROOM_ACTOR: 'ic-on-call', ...env },
    },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));

  const line = await firstStdoutLine(child).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${stderr}`);
  });
  const match = READY_LINE.exec(line);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`unexpected first line from war-room serve: ${line}`);
  }
  // Later lines are not read; draining keeps the pipe from filling up.
  child.stdout!.resume();

  return {
    url: line.slice('War Room is serving at '.length),
    origin: match[1],
    token: match[2],
    dataDir,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return waitForExit(child);
    },
  };
}

/** Log lines at error level or above (pino: 50 error, 60 fatal). */
export async function loggedErrors(dataDir: string): Promise<string[]> {
  const file = join(dataDir, 'logs', 'war-room.log');
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 50;
      } catch {
        return true;
      }
    });
}
