import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from './logger';
import { makeTempDir } from './test-support/temp-war-room';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const logFile = () => join(dir.path, 'war-room.log');

it('writes named child loggers to the file, one JSON line each', () => {
  const logger = createLogger({ logDir: dir.path });

  logger.child({ module: 'journal' }).info({ entries: 3 }, 'appended');
  logger.debug('not at info level');

  const lines = readFileSync(logFile(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toMatchObject({
    module: 'journal',
    entries: 3,
    msg: 'appended',
  });
});

it('never writes a token or an authorization header', () => {
  const logger = createLogger({ logDir: dir.path });

  logger.info(
    { token: 'sekrit-1', headers: { authorization: 'Bearer sekrit-2' } },
    'request',
  );
  logger.warn({ request: { adminToken: 'sekrit-3' } }, 'admin call');

  const text = readFileSync(logFile(), 'utf8');
  expect(text).not.toMatch(/sekrit/);
  expect(text).toContain('[redacted]');
});

it('rotates a log that has grown past its limit when opened', () => {
  writeFileSync(logFile(), 'x'.repeat(5 * 1024 * 1024 + 1));
  writeFileSync(`${logFile()}.1`, 'older');

  createLogger({ logDir: dir.path }).info('fresh start');

  expect(readFileSync(`${logFile()}.2`, 'utf8')).toBe('older');
  expect(existsSync(`${logFile()}.1`)).toBe(true);
  expect(readFileSync(logFile(), 'utf8')).toContain('fresh start');
});
