/**
 * 500 actions through the outbox against the simulator under faults:
 * 30 % server errors, resets after the server processed the request,
 * timeouts and 429s. The simulator's record of applied effects, keyed by
 * each request's Idempotency-Key (the action id), must show every action
 * applied exactly once, and every action confirmed (none lost). Time runs
 * on a manual clock, so hours of backoff pass in seconds.
 */
import { describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../shared/outbox-types';
import type { FaultKind } from '../../../tests/admin-sim/simulator';
import {
  effectsByKey,
  INCIDENT,
  seededRandom,
  type OutboxRig,
  useOutboxRigs,
} from './outbox-test-kit';

const openRig = useOutboxRigs();

const COUNT = 500;

function request(kind: string, n: number): ActionRequest {
  switch (kind) {
    case 'lockdown':
      return { kind: 'lockdown', reason: `Lockdown drill number ${n}` };
    case 'lockout-create':
      return {
        kind: 'lockout-create',
        reason: `Containment lockout number ${n}`,
        message: `The admin console is locked (${n}); ask the commander`,
        durationHours: null,
        allowReadOnly: n % 2 === 0,
      };
    default:
      return {
        kind: 'allowlist-add',
        reason: `Responder laptop ${n}`,
        address: `100.64.${Math.floor(n / 200)}.${(n % 200) + 1}`,
        description: `responder ${n}`,
        expiresAt: null,
      };
  }
}

/** Faults at random, each on its own share of requests (seeded). */
function injectFaults(rig: OutboxRig): void {
  const { control } = rig.sim;
  control.inject({ kind: 'error-rate', rate: 0.3 });
  control.inject({ kind: 'reset-after', chance: 0.08 });
  control.inject({ kind: 'rate-limited', retryAfterSeconds: 30, chance: 0.05 });
  // Longer than the client waits: the server acts after it gave up.
  control.inject({ kind: 'latency', ms: 150, chance: 0.02 });
}

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** What the simulator did to requests (a timeout leaves no mark there). */
function faultCounts(rig: OutboxRig): Partial<Record<FaultKind, number>> {
  const faults = rig.sim.requests.all().flatMap((seen) => seen.fault ?? []);
  return tally(faults);
}

/** How the outbox saw its failed attempts, from the journal. */
function failedAttempts(rig: OutboxRig): Record<string, number> {
  const rows = rig.db
    .prepare(
      `SELECT json_extract(payload, '$.errorKind') AS kind
         FROM journal_entries
        WHERE kind = 'action.answered'
          AND json_extract(payload, '$.errorKind') IS NOT NULL`,
    )
    .all() as { kind: string }[];
  return tally(rows.map((row) => row.kind));
}

/** Journal entries and outbox rows where `text` appears anywhere. */
function rowsHolding(rig: OutboxRig, text: string): number {
  const entries = rig.db
    .prepare(
      'SELECT count(*) AS n FROM journal_entries WHERE instr(payload, ?) > 0',
    )
    .get(text) as { n: number };
  const rows = rig.db
    .prepare(
      `SELECT count(*) AS n FROM outbox_actions
        WHERE instr(request || coalesce(last_answer, '') ||
                    coalesce(last_error, '') || state_reason, ?) > 0`,
    )
    .get(text) as { n: number };
  return entries.n + rows.n;
}

function readBacks(rig: OutboxRig): number {
  const row = rig.db
    .prepare(
      "SELECT count(*) AS n FROM journal_entries WHERE kind = 'action.read-back'",
    )
    .get() as { n: number };
  return row.n;
}

async function runMix(
  idempotency: 'honour' | 'ignore',
  kinds: readonly string[],
) {
  const rig = await openRig(
    {
      sim: { preset: 'designed', idempotency, seed: 11 },
      client: { timeoutMs: 100, maxRetries: 3 },
      outbox: { maxAttempts: 40 },
    },
    { discover: true },
  );
  injectFaults(rig);
  const pick = seededRandom(3);
  const ids = Array.from({ length: COUNT }, (_, n) => {
    const kind = kinds[Math.floor(pick() * kinds.length)];
    return rig.outbox.queue(request(kind, n), {
      incidentId: INCIDENT,
      actor: 'ana',
    }).id;
  });
  rig.outbox.start();
  await rig.drain(undefined, 60_000);
  return { rig, ids };
}

function report(rig: OutboxRig, ids: string[], label: string) {
  const actions = rig.outbox.list();
  const byKey = effectsByKey(rig.sim.control.effects());
  const counts = ids.map((id) => byKey.get(id)?.length ?? 0);
  const summary = {
    label,
    actions: actions.length,
    confirmed: actions.filter((a) => a.state === 'confirmed').length,
    appliedOnce: counts.filter((n) => n === 1).length,
    appliedTwiceOrMore: counts.filter((n) => n > 1).length,
    neverApplied: counts.filter((n) => n === 0).length,
    strayEffects: [...byKey.keys()].filter((key) => !ids.includes(key)).length,
    attempts: actions.reduce((sum, a) => sum + a.attempts, 0),
    requests: rig.sim.requests.all().length,
    readBacks: readBacks(rig),
    rowsWithToken: rowsHolding(rig, rig.sim.token),
    faults: faultCounts(rig),
    failedAttempts: failedAttempts(rig),
  };
  // The counts the proof rests on, printed for the run's record.
  process.stdout.write(`outbox exactly-once: ${JSON.stringify(summary)}\n`);
  return summary;
}

describe('500 actions under faults take effect exactly once', () => {
  it('where the server ignores Idempotency-Key (reads state back)', async () => {
    const { rig, ids } = await runMix('ignore', [
      'lockout-create',
      'allowlist-add',
    ]);

    const summary = report(rig, ids, 'key ignored');

    expect(summary).toMatchObject({
      actions: COUNT,
      confirmed: COUNT,
      appliedOnce: COUNT,
      appliedTwiceOrMore: 0,
      neverApplied: 0,
      strayEffects: 0,
      rowsWithToken: 0,
    });
    // The same search finds what is there (the actions' own ids).
    expect(rowsHolding(rig, ids[0])).toBeGreaterThan(0);
    expect(summary.faults['error-rate']).toBeGreaterThan(100);
    expect(summary.faults['reset-after']).toBeGreaterThan(10);
    expect(summary.faults['rate-limited']).toBeGreaterThan(5);
    expect(summary.failedAttempts.timeout).toBeGreaterThan(2);
    expect(summary.readBacks).toBeGreaterThan(50);
  });

  it('where the server honours Idempotency-Key (lockdowns too)', async () => {
    const { rig, ids } = await runMix('honour', [
      'lockdown',
      'lockout-create',
      'allowlist-add',
    ]);

    const summary = report(rig, ids, 'key honoured');

    expect(summary).toMatchObject({
      actions: COUNT,
      confirmed: COUNT,
      appliedOnce: COUNT,
      appliedTwiceOrMore: 0,
      neverApplied: 0,
      strayEffects: 0,
    });
    expect(summary.faults['reset-after']).toBeGreaterThan(10);
  });
});
