import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc-contract';
import type { VerifyReport } from '../../shared/journal-types';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../test-support/temp-war-room';

const worker = fileURLToPath(
  new URL('../test-support/append-worker.ts', import.meta.url),
);

function runWorker(dataDir: string, incidentId: string, count: number) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', worker, dataDir, incidentId, String(count)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let errors = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(out.trim()))
        : reject(new Error(`worker exited ${code}: ${errors}`)),
    );
  });
}

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

it('two processes appending at once never fork a chain', async () => {
  const { warRoom } = openTestWarRoom(dir.path);
  const incident = await invokeOk<Incident>(warRoom, 'incident:create', {
    title: 'Shared data directory',
    severity: 'medium',
    category: 'network-security',
  });

  const written = await Promise.all([
    runWorker(dir.path, incident.id, 150),
    runWorker(dir.path, incident.id, 150),
  ]);

  const report = await invokeOk<VerifyReport>(warRoom, 'journal:verify', {});
  expect(written).toEqual([150, 150]);
  expect(report).toMatchObject({ ok: true, chains: 1, entries: 301 });
  const positions = warRoom.db
    .prepare(
      `SELECT count(DISTINCT chain_seq) AS seqs, max(chain_seq) AS last
         FROM journal_entries WHERE scope = ?`,
    )
    .get(incident.id);
  expect(positions).toEqual({ seqs: 301, last: 301 });
  warRoom.close();
});
