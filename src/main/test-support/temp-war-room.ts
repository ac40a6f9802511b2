import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../clock';
import {
  findResourcesDir,
  RULES_FILE,
} from '../configuration/load-configuration';
import { createLogger } from '../logger';
import { openWarRoom, type WarRoom } from '../war-room';
import type { InvokeContext } from '../ipc/handler-map';
import type { AdminOptions } from '../admin-sync/open-admin-sync';
import { manualTimers } from '../timers';

export type ManualClock = ReturnType<typeof manualClock>;

/** 2026-12-03T16:00:00Z, a fixed start so recorded times are predictable. */
export const TEST_START_MICROS = Date.UTC(2026, 11, 3, 16) * 1000;

export const testContext: InvokeContext = {
  defaultActor: 'tester',
  transport: 'test',
};

export function makeTempDir(prefix = 'war-room-test-'): {
  path: string;
  remove: () => void;
} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Shipped rules without the shipped playbooks, so incidents open with no
 * checklist and journal tests count only the entries they write.
 */
function resourcesWithoutPlaybooks(): string {
  const dir = makeTempDir('war-room-resources-').path;
  copyFileSync(join(findResourcesDir(), RULES_FILE), join(dir, RULES_FILE));
  return dir;
}

export type TestWarRoomOptions = {
  withPlaybooks?: boolean;
  /** A clock made first, e.g. for a fake admin client to share. */
  clock?: ManualClock;
  /** The admin API; its waits always go through the returned `timers`. */
  admin?: Omit<AdminOptions, 'timers'>;
};

/**
 * A War Room on a fresh data directory with a clock the test moves, and
 * timers that wait only when the test advances them. Unless asked for, no
 * playbooks are loaded.
 */
export function openTestWarRoom(
  dataDir = makeTempDir().path,
  options: TestWarRoomOptions = {},
) {
  const clock = options.clock ?? manualClock(TEST_START_MICROS);
  const timers = manualTimers(clock);
  const warRoom = openWarRoom({
    dataDir,
    clock,
    logger: createLogger(),
    resourcesDir: options.withPlaybooks
      ? undefined
      : resourcesWithoutPlaybooks(),
    admin: { ...options.admin, timers },
  });
  return { warRoom, clock, dataDir, timers };
}

/** Invokes and unwraps, failing the test with the error if there is one. */
export async function invokeOk<T = unknown>(
  warRoom: WarRoom,
  channel: string,
  input: unknown,
): Promise<T> {
  const result = await warRoom.invoke(channel, input, testContext);
  if (!result.ok) {
    throw new Error(
      `${channel} failed: ${result.error.kind}: ${result.error.message}`,
    );
  }
  return result.value as T;
}
