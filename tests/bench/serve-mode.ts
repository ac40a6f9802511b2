import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BenchmarkSkipped, onInterrupt } from './bench-kit';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const WAR_ROOM_BIN = resolve(REPO_ROOT, 'bin', 'war-room.js');
const BUILT_FILES = ['out/main/cli.js', 'out/renderer/index.html'];
const SERVING_LINE =
  /^War Room is serving at (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)$/;

/** The last lines a child wrote, for the reason when it fails. */
function tail(text: string): string {
  return text.trim().split('\n').slice(-8).join('\n');
}

function waitForExit(child: ChildProcess, timeoutMs: number) {
  return new Promise<number | null>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done(child.exitCode);
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/**
 * Builds the app (`electron-vite build`) so the measurement is of the
 * renderer in this tree, not a stale build. Skips the benchmark, with the
 * build's own last words, when the build fails or does not produce what
 * serve mode needs.
 */
export async function buildApp(timeoutMs: number): Promise<void> {
  const child = spawn('npx', ['electron-vite', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = onInterrupt(() => void child.kill('SIGTERM'));
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const code = await waitForExit(child, timeoutMs);
  forget();
  if (code !== 0) {
    throw new BenchmarkSkipped(
      `electron-vite build failed (exit ${code}):\n${tail(output)}`,
    );
  }
  const missing = BUILT_FILES.filter(
    (file) => !existsSync(resolve(REPO_ROOT, file)),
  );
  if (missing.length > 0) {
    throw new BenchmarkSkipped(`the build has no ${missing.join(', ')}`);
  }
}

export type ServeProcess = {
  /** The address with the token fragment, as a person would open it. */
  url: string;
  /** Stops the server with SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
};

function readServingLine(child: ChildProcess, timeoutMs: number) {
  const lines = createInterface({ input: child.stdout! });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () =>
        fail(new Error(`no address after ${timeoutMs} ms\n${tail(stderr)}`)),
      timeoutMs,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = SERVING_LINE.exec(line);
      if (match) done(`${match[1]}#token=${match[2]}`);
      else fail(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}\n${tail(stderr)}`));
    });
  });
}

/**
 * Starts `war-room serve --port 0` on a data directory and waits for the
 * address line. Opening a large existing database runs its integrity
 * check first, hence the generous timeout.
 */
export async function startServe(
  dataDir: string,
  timeoutMs: number,
): Promise<ServeProcess> {
  if (!existsSync(WAR_ROOM_BIN)) {
    throw new BenchmarkSkipped(`there is no ${WAR_ROOM_BIN} yet`);
  }
  const child = spawn(
    process.execPath,
    [WAR_ROOM_BIN, 'serve', '--port', '0', '--data-dir', dataDir],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = async () => {
    child.kill('SIGTERM');
    return waitForExit(child, 15_000);
  };
  const forget = onInterrupt(stop);
  try {
    const url = await readServingLine(child, timeoutMs);
    return {
      url,
      stop: () => {
        forget();
        return stop();
      },
    };
  } catch (error) {
    forget();
    await stop();
    throw error;
  }
}
