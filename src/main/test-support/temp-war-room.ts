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

/**
 * A War Room on a fresh data directory with a clock the test moves. Unless
 * asked for, no playbooks are loaded.
 */
export function openTestWarRoom(
  dataDir = makeTempDir().path,
  options: { withPlaybooks?: boolean } = {},
) {
  const clock = manualClock(TEST_START_MICROS);
  const warRoom = openWarRoom({
    dataDir,
    clock,
    logger: createLogger(),
    resourcesDir: options.withPlaybooks
      ? undefined
      : resourcesWithoutPlaybooks(),
  });
  return { warRoom, clock, dataDir };
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
