/**
 * For the admin-client tests: a simulator and a client on a manual clock,
 * with every log line kept (unredacted, so a token logged anywhere would
 * show), and `settle` to run a call whose waits go through the timers.
 */
import pino from 'pino';
import { expect } from 'vitest';
import {
  IDENTITIES,
  startAdminSimulator,
  type AdminSimulator,
  type SimulatorOptions,
} from '../../../tests/admin-sim/simulator';
import { manualClock } from '../clock';
import { manualTimers, type ManualTimers } from '../timers';
import { createAdminClient, type AdminClientOptions } from './admin-client';
import type { AdminClient } from './admin-client-types';

/** 2025-01-20T10:40:00Z, the simulator's default start. */
export const START_MICROS = Date.UTC(2025, 0, 20, 10, 40) * 1000;

export const LEAD_TOKEN = 'lead-token-5b1e0c9f2a7d4e63';
export const SELLER_TOKEN = 'seller-token-9c2d7e1f0b3a4c58';

export const EXTRA_TOKENS = [
  { token: LEAD_TOKEN, identity: IDENTITIES.engineeringLead },
  { token: SELLER_TOKEN, identity: IDENTITIES.seller },
];

export type Rig = {
  sim: AdminSimulator;
  client: AdminClient;
  clock: ReturnType<typeof manualClock>;
  timers: ManualTimers;
  logLines: string[];
  /** The token the client sends (settable, for wrong-token tests). */
  token: { value: string | null };
  /** Runs a call to its end, moving the clock for every wait it makes. */
  run<T>(work: Promise<T>): Promise<T>;
  /** The requests the simulator saw, as `METHOD /path`. */
  seen(): string[];
};

/**
 * Resolves `work`, advancing the manual clock to each sleep as it falls
 * due, for calls that back off or wait out `Retry-After`.
 */
export async function settle<T>(
  timers: ManualTimers,
  work: Promise<T>,
): Promise<T> {
  let done = false;
  const finished = work.finally(() => (done = true));
  while (!done) {
    await Promise.race([finished, timers.sleeping()]);
    const due = timers.nextDueInMs();
    if (!done && due !== null) await timers.advance(due);
  }
  return finished;
}

export function captureLogger(lines: string[]) {
  return pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(line) },
  );
}

export type RigOptions = {
  sim?: SimulatorOptions;
  client?: Partial<AdminClientOptions>;
};

const running: AdminSimulator[] = [];

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const sim = await startAdminSimulator({
    extraTokens: EXTRA_TOKENS,
    clock: { frozen: true },
    ...options.sim,
  });
  running.push(sim);
  const clock = manualClock(START_MICROS);
  const timers = manualTimers(clock);
  const logLines: string[] = [];
  const token = { value: sim.token as string | null };
  const client = createAdminClient({
    baseUrl: sim.url,
    token: () => token.value,
    clock,
    timers,
    logger: captureLogger(logLines),
    pollBudgetPerMinute: 600,
    random: () => 0.5,
    ...options.client,
  });
  return {
    sim,
    client,
    clock,
    timers,
    logLines,
    token,
    run: (work) => settle(timers, work),
    seen: () => sim.requests.all().map((r) => `${r.method} ${r.path}`),
  };
}

/** Closes every simulator started since the last call. */
export async function closeRigs(): Promise<void> {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
}

/**
 * Asserts the simulator's token is nowhere in the values (results,
 * errors) nor in any log line, and that something was logged at all.
 */
export function expectNoToken(rig: Rig, ...values: unknown[]): void {
  const token = rig.sim.token;
  for (const value of values) {
    expect(JSON.stringify(value) ?? '').not.toContain(token);
  }
  expect(rig.logLines.join('\n')).not.toContain(token);
}

/** Parsed log lines, for assertions on their fields. */
export function logRecords(rig: Rig): Record<string, unknown>[] {
  return rig.logLines.map((line) => JSON.parse(line));
}
