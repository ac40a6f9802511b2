import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

const MAX_LOG_BYTES = 5 * 1024 * 1024;
const KEPT_ROTATIONS = 3;

/** Keys whose values never reach a log line, at any level. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'adminToken',
  '*.adminToken',
];

/**
 * Rotates `war-room.log` to `.1`, `.2`, … when it has grown past the limit.
 * Done when the log is opened rather than on every write: War Room runs as
 * short commands and long app sessions alike, and a single session never
 * writes more than a few megabytes at info level.
 */
function rotateIfLarge(file: string): void {
  if (!existsSync(file) || statSync(file).size < MAX_LOG_BYTES) return;
  rmSync(`${file}.${KEPT_ROTATIONS}`, { force: true });
  for (let index = KEPT_ROTATIONS - 1; index >= 1; index -= 1) {
    if (existsSync(`${file}.${index}`)) {
      renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
  }
  renameSync(file, `${file}.1`);
}

export type LoggerOptions = {
  /** Directory for `war-room.log`; omitted, nothing is written anywhere. */
  logDir?: string;
  level?: string;
};

/**
 * The one logger. Services take named children (`logger.child({ module })`)
 * and log ids, counts and durations; never user content or secrets at info.
 * Writes are synchronous so a command that exits right after loses nothing.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.WAR_ROOM_LOG_LEVEL ?? 'info';
  const base = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (!options.logDir) return pino({ ...base, enabled: false });

  mkdirSync(options.logDir, { recursive: true });
  const file = join(options.logDir, 'war-room.log');
  rotateIfLarge(file);
  return pino(base, pino.destination({ dest: file, sync: true, mkdir: true }));
}
