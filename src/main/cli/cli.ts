/*
 * The `war-room` command line, built to out/main/cli.js and started by
 * bin/war-room.js. Runs under plain Node with the Node-ABI better-sqlite3.
 */
import { rendererDirFor } from '../built-paths';
import type { CliRuntime } from './cli-runtime';
import { runCli } from './cli-program';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    // Once only: a second Ctrl+C during shutdown gets Node's default,
    // an immediate exit.
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const runtime: CliRuntime = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  readStdin,
  env: process.env,
  rendererDir: rendererDirFor(import.meta.dirname),
  waitForStop,
};

// The exit code is set rather than forced, so pending output is flushed
// before Node exits.
process.exitCode = await runCli(process.argv.slice(2), runtime);
