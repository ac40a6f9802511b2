/**
 * The fault campaign: the admin-API simulator's whole fault matrix (down,
 * latency, server errors, 429 with Retry-After, resets before and after
 * the handler ran, malformed JSON, truncated bodies, wrong types, the
 * timestamp styles), chosen at random round after round, against the
 * outbox and the pull sync at once, in both profiles, with the
 * Idempotency-Key honoured and ignored. When the faults stop, everything
 * drains, and the simulator's record of effects must show each action
 * taken at most once (exactly once when the outbox says confirmed), and
 * the event cache must hold every event once, as a clean pull stores it.
 *
 * Time runs on the rig's manual clock (outbox-test-kit.ts), so backoffs
 * and Retry-After waits of minutes pass in milliseconds.
 */
import { mkdirSync } from 'node:fs';
import type { FaultInput } from '../admin-sim/simulator';
import { closeRigs } from '../../src/main/admin-api/admin-client-test-kit';
import { storeEvents } from '../../src/main/admin-sync/event-cache';
import type { ScheduledPart } from '../../src/main/admin-sync/poll-schedule';
import { EVENTS_LIMIT, PullCycle } from '../../src/main/admin-sync/pull-cycle';
import { openDatabase, type Db } from '../../src/main/db/open-database';
import {
  allSettled,
  effectsByKey,
  INCIDENT,
  isSettled,
  seededRandom,
  startOutboxRig,
  type OutboxRig,
} from '../../src/main/outbox/outbox-test-kit';
import type {
  ActionKind,
  ActionRequest,
  OutboxAction,
} from '../../src/shared/outbox-types';
import { formatEpochMicros } from '../../src/shared/timestamps';
import type { Campaign, CampaignOptions, CampaignResult } from './campaign';

type Profile = 'plan' | 'reference';
type Idempotency = 'honour' | 'ignore';
type Random = () => number;

const ARMS: readonly { profile: Profile; idempotency: Idempotency }[] = [
  { profile: 'reference', idempotency: 'ignore' },
  { profile: 'plan', idempotency: 'honour' },
  { profile: 'reference', idempotency: 'honour' },
  { profile: 'plan', idempotency: 'ignore' },
];

/** Generated events; with the examples' rows, fewer than one pull's 200. */
const EVENT_VOLUME = 150;
const PULL_PARTS: readonly ScheduledPart[] = [
  'discover',
  'alerts',
  'health',
  'metrics',
  'events',
];
/** Longer than the client's 100 ms timeout, so the server acts unseen. */
const SLOW_MS = 150;
/** The shortened form's fault time, draining and checks come on top. */
const SHORT_BUDGET_MS = 40_000;

/** Counters summed over every rig the campaign ran. */
type Tally = {
  requests: number;
  faults: Record<string, number>;
  outages: number;
  queued: Record<string, number>;
  deliveredOnce: number;
  lost: number;
  doubled: number;
  leftToCommander: number;
  failedUnapplied: number;
  pulls: number;
  syncErrors: Record<string, number>;
  eventsExpected: number;
  eventsStored: number;
  eventsDuplicated: number;
  eventsMissing: number;
  eventsAltered: number;
  /** Cached rows whose free-form details came from a faulted response. */
  eventsDetailsAsReceived: number;
  /** Cached rows older than every clean view reaches (not comparable). */
  eventsUnviewed: number;
  rounds: number;
  failures: string[];
};

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** One fault of the matrix, at random, on a random share of requests. */
function randomFault(random: Random): FaultInput {
  const chance = Math.round((0.1 + random() * 0.4) * 100) / 100;
  const choices: (() => FaultInput)[] = [
    () => ({ kind: 'latency', ms: random() < 0.5 ? 20 : SLOW_MS, chance }),
    () => ({ kind: 'reset-before', chance }),
    () => ({
      kind: 'rate-limited',
      retryAfterSeconds: pick(random, [0, 1, 30, 120]),
      chance,
    }),
    () => ({
      kind: 'error-rate',
      rate: chance,
      status: pick(random, [500, 502, 503, 504] as const),
    }),
    () => ({ kind: 'reset-after', chance }),
    () => ({ kind: 'malformed-json', chance }),
    () => ({ kind: 'truncated-body', chance }),
    () => ({
      kind: 'wrong-types',
      variant: pick(random, ['strings', 'nulls'] as const),
      chance,
    }),
    () => ({
      kind: 'timestamp-style',
      style: pick(random, ['z', 'offset', 'naive', 'space', 'rotate'] as const),
    }),
  ];
  return pick(random, choices)();
}

/** An action of `kind` with fields drawn from the serial `n`. */
function requestOf(
  kind: ActionKind,
  n: number,
  rig: OutboxRig,
  random: Random,
): ActionRequest | null {
  const state = rig.sim.control.snapshot();
  switch (kind) {
    case 'lockdown':
      return { kind, reason: `Lockdown drill number ${n} of the campaign` };
    case 'lockout-create':
      return {
        kind,
        reason: `Containment lockout number ${n}`,
        message: `The admin console is locked (${n}); ask the commander`,
        durationHours: random() < 0.5 ? null : 1 + (n % 24),
        allowReadOnly: n % 2 === 0,
      };
    case 'allowlist-add':
      return {
        kind,
        reason: `Responder laptop ${n}`,
        address: `100.64.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
        description: `responder ${n}`,
        expiresAt: null,
      };
    case 'allowlist-remove': {
      // Not a row an unanswered add may yet read back as missing.
      const pending = pendingRequests(rig);
      const removable = state.allowlist.filter(
        (row) =>
          !pending.some(
            (r) =>
              r.kind === 'allowlist-add' && sameRange(r.address, row.ip_range),
          ),
      );
      const entry = removable.length ? pick(random, removable) : null;
      if (entry === null) return null;
      return {
        kind,
        reason: `Remove allowlist entry ${n}`,
        entryId: entry.id,
        address: null,
      };
    }
    case 'session-revoke': {
      // Expired sessions vanish in the alerts call's purge, unrecorded.
      const now = Date.parse(rig.sim.control.now()) * 1000;
      const live = state.sessions.filter((s) => s.expires_at > now + 6e7);
      const session = live.length ? pick(random, live) : null;
      if (session === null) return null;
      return {
        kind,
        reason: `Revoke a session ${n}`,
        sessionId: session.session_id,
      };
    }
    case 'lockout-lift': {
      const pending = pendingRequests(rig);
      const liftable = state.lockouts.filter(
        (row) =>
          !pending.some(
            (r) => r.kind === 'lockout-create' && r.reason === row.reason,
          ),
      );
      const lockout = liftable.length ? pick(random, liftable) : null;
      if (lockout === null) return null;
      return {
        kind,
        reason: `Lift lockout ${n}`,
        lockoutId: lockout.id,
      };
    }
    default:
      return null;
  }
}

/** Requests of actions that may still reach the server or read back. */
function pendingRequests(rig: OutboxRig): ActionRequest[] {
  return rig.outbox
    .list()
    .filter((action) => !isSettled(action) || action.state === 'unknown')
    .map((action) => action.request);
}

function sameRange(address: string, range: string): boolean {
  const bare = (text: string) => text.replace(/\/(32|128)$/, '');
  return bare(address) === bare(range);
}

/** The action kinds this rig's server offers, of those built above. */
function offeredKinds(rig: OutboxRig): ActionKind[] {
  const built: readonly ActionKind[] = [
    'lockdown',
    'lockout-create',
    'allowlist-add',
    'allowlist-remove',
    'session-revoke',
    'lockout-lift',
  ];
  return rig.outbox
    .availability()
    .filter((a) => a.available && built.includes(a.kind))
    .map((a) => a.kind);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests the simulator has not finished with (a latency fault). */
function inFlight(rig: OutboxRig): number {
  return rig.sim.requests.all().filter((r) => r.status === null && !r.fault)
    .length;
}

/**
 * Moves the manual clock to the next wait, giving the loop a turn first.
 * A backoff lasts seconds, longer than the simulator's slowest answer, so
 * before the clock jumps over one, requests still being worked on there
 * (the client gave up on them) finish, as they would in real time.
 */
async function step(rig: OutboxRig): Promise<void> {
  await pause(1);
  const due = rig.timers.nextDueInMs();
  if (due !== null) await advanceLikeRealTime(rig, due);
  else await landInFlight(rig);
}

/** Lets requests the client gave up on finish, as time passing would. */
async function landInFlight(rig: OutboxRig): Promise<void> {
  for (let waited = 0; waited < 500 && inFlight(rig) > 0; waited += 10) {
    await pause(10);
  }
}

/** Jumps the manual clock only once nothing is left in flight. */
async function advanceLikeRealTime(rig: OutboxRig, ms: number) {
  await landInFlight(rig);
  await rig.timers.advance(ms);
}

/** True when the events part came back without an error. */
async function pullOnce(
  rig: OutboxRig,
  db: Db,
  tally: Tally,
): Promise<boolean> {
  const cycle = new PullCycle({
    db,
    clock: rig.clock,
    client: rig.client,
    stopped: () => false,
  });
  const report = await rig.run(cycle.run(PULL_PARTS));
  tally.pulls += 1;
  for (const outcome of report.outcomes) {
    if (outcome.error) bump(tally.syncErrors, outcome.error.kind);
  }
  return report.outcomes.some((o) => o.what === 'events' && !o.error);
}

/**
 * One round: a random mix of one to three faults (sometimes an outage),
 * a batch of actions queued, and pulls while the outbox works under them.
 */
async function faultRound(
  rig: OutboxRig,
  db: Db,
  random: Random,
  serial: { next: number },
  tally: Tally,
  batch: number,
): Promise<void> {
  const { control } = rig.sim;
  const mix = 1 + Math.floor(random() * 3);
  for (let n = 0; n < mix; n += 1) control.inject(randomFault(random));
  if (random() < 0.25) {
    await control.down();
    tally.outages += 1;
  }
  const kinds = offeredKinds(rig);
  for (let n = 0; n < batch && kinds.length > 0; n += 1) {
    const kind = pick(random, kinds);
    const request = requestOf(kind, serial.next++, rig, random);
    if (request === null) continue;
    rig.outbox.queue(request, { incidentId: INCIDENT, actor: 'ana' });
    bump(tally.queued, kind);
  }
  for (let turn = 0; turn < 30; turn += 1) {
    if (turn % 6 === 0) await pullOnce(rig, db, tally);
    if (turn === 15 && control.isDown()) await control.up();
    await step(rig);
  }
  if (control.isDown()) await control.up();
  control.clearFaults();
  // Rounds a minute apart: the client's poll budget is per minute.
  await advanceLikeRealTime(rig, 60_000);
  tally.rounds += 1;
}

/** Faults off: every action settles, then one clean pull. */
async function drainClean(rig: OutboxRig, db: Db, tally: Tally) {
  rig.sim.control.clearFaults();
  if (rig.sim.control.isDown()) await rig.sim.control.up();
  // Actions left unknown wait for the commander; the rest must settle.
  await rig.drain(() => allSettled(rig.db), 120_000);
  await rig.timers.advance(60_000);
  await pullUntilClean(rig, db, tally);
}

/** Pulls until the events part comes back whole (a few tries at most). */
async function pullUntilClean(rig: OutboxRig, db: Db, tally: Tally) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await pullOnce(rig, db, tally)) return;
    await rig.timers.advance(60_000);
  }
  tally.failures.push('with the faults off, five pulls in a row failed');
}

type EventRow = Record<string, unknown> & { id: string };

function eventRows(db: Db): EventRow[] {
  return db
    .prepare(
      `SELECT id, occurred_at, event_type, severity, user_id, ip_address,
              description, details
         FROM admin_security_events ORDER BY id`,
    )
    .all() as EventRow[];
}

/**
 * Fills `cleanDb` as a clean pull does, and with the rows each severity's
 * own view answers: the actions add events, so the newest 200 no longer
 * cover every row the faulted pulls saw earlier. Returns the unfiltered
 * view's ids, which the faulted cache must all hold.
 */
async function cleanViews(rig: OutboxRig, cleanDb: Db, tally: Tally) {
  await pullUntilClean(rig, cleanDb, tally);
  const newest = new Set(eventRows(cleanDb).map((row) => row.id));
  for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
    const result = await rig.run(
      rig.client.events({ severity, limit: EVENTS_LIMIT }),
    );
    if (!result.ok) continue;
    const at = formatEpochMicros(rig.clock.nowMicros());
    storeEvents(
      cleanDb,
      'events',
      result.value,
      { startedAt: at, finishedAt: at },
      EVENTS_LIMIT,
    );
  }
  return newest;
}

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;

/** One instant, whichever of the platform's styles wrote it (naive is UTC). */
function instant(text: string): string {
  const match = TIMESTAMP.exec(text);
  if (match === null) return text;
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const millis = Date.parse(`${day}T${time}${zone}`);
  const micros = fraction.slice(1).padEnd(6, '0');
  return `${new Date(millis).toISOString().slice(0, 19)}.${micros}Z`;
}

/**
 * A cached row as text to compare. Times inside `details` are kept as the
 * server wrote them, in whichever style that response used; the same
 * instant in another style is the same row.
 */
function comparable(row: EventRow): string {
  const details = JSON.parse(String(row.details), (_key, value: unknown) =>
    typeof value === 'string' ? instant(value) : value,
  ) as unknown;
  return JSON.stringify({ ...row, details });
}

/**
 * The faulted cache against the server's clean views: every row of the
 * newest view there once, and each row both hold stored alike.
 */
async function checkEvents(
  rig: OutboxRig,
  db: Db,
  cleanDb: Db,
  tally: Tally,
  label: string,
) {
  const newest = await cleanViews(rig, cleanDb, tally);
  const reference = new Map(eventRows(cleanDb).map((row) => [row.id, row]));
  const stored = eventRows(db);
  const storedIds = new Set(stored.map((row) => row.id));
  const duplicated = stored.length - storedIds.size;
  const missing = [...newest].filter((id) => !storedIds.has(id));
  const differing = stored.filter((row) => {
    const clean = reference.get(row.id);
    return clean !== undefined && comparable(clean) !== comparable(row);
  });
  // `details` is the platform's free-form JSON, kept as first received: a
  // response with wrong types inside it stays so (counted, not failed).
  const altered = differing.filter((row) => {
    const clean = reference.get(row.id)!;
    return (
      comparable({ ...clean, details: '{}' }) !==
      comparable({ ...row, details: '{}' })
    );
  });
  tally.eventsDetailsAsReceived += differing.length - altered.length;
  tally.eventsExpected += newest.size;
  tally.eventsStored += stored.length;
  tally.eventsUnviewed += stored.filter((r) => !reference.has(r.id)).length;
  tally.eventsDuplicated += duplicated;
  tally.eventsMissing += missing.length;
  tally.eventsAltered += altered.length;
  if (newest.size < EVENT_VOLUME) {
    tally.failures.push(`${label}: a clean pull cached only ${newest.size}`);
  }
  if (duplicated > 0 || missing.length > 0) {
    tally.failures.push(
      `${label}: events ${duplicated} duplicated, ${missing.length} ` +
        `missing (first ${missing[0] ?? '-'})`,
    );
  }
  if (altered.length > 0) {
    const first = altered[0];
    tally.failures.push(
      `${label}: ${altered.length} cached events differ from a clean ` +
        `pull, e.g. ${JSON.stringify(first)} vs ` +
        JSON.stringify(reference.get(first.id) ?? null),
    );
  }
}

/**
 * What the simulator applied, by Idempotency-Key (the action id), against
 * what the outbox says about each action.
 */
function checkActions(rig: OutboxRig, tally: Tally, label: string) {
  const byKey = effectsByKey(rig.sim.control.effects());
  const actions = rig.outbox.list();
  const ids = new Set(actions.map((a) => a.id));
  const present = presentTargets(rig);
  const wrong: string[] = [];
  for (const action of actions) {
    const applied = byKey.get(action.id)?.length ?? 0;
    if (applied > 1) {
      tally.doubled += 1;
      const seqs = byKey.get(action.id)!.map((e) => `${e.seq}@${e.at}`);
      wrong.push(
        `${action.kind} ${action.id} applied ${applied} times ` +
          `(${seqs.join(', ')}; ${action.state}, ${action.attempts} ` +
          `attempts, last answer ${JSON.stringify(action.lastAnswer)}; ` +
          `journal: ${actionHistory(rig, action.id)}; between the sends: ` +
          `${betweenSends(rig, action.id)})`,
      );
    } else if (action.state === 'confirmed' && applied === 1) {
      tally.deliveredOnce += 1;
    } else if (action.state === 'confirmed') {
      if (confirmedWithoutEffect(action, present)) {
        tally.deliveredOnce += 1;
      } else {
        tally.lost += 1;
        wrong.push(`${action.kind} ${action.id} confirmed, never applied`);
      }
    } else if (action.state === 'unknown' || !isSettled(action)) {
      tally.leftToCommander += 1;
    } else if (applied === 1) {
      tally.lost += 1;
      wrong.push(
        `${action.kind} ${action.id} ${action.state} yet applied ` +
          `(${action.attempts} attempts, last answer ` +
          `${JSON.stringify(action.lastAnswer)}; sent: ` +
          `${sentRequests(rig, action.id)})`,
      );
    } else {
      tally.failedUnapplied += 1;
      if (action.state === 'failed' && !rejectedByServer(action)) {
        tally.lost += 1;
        wrong.push(`${action.kind} ${action.id} failed: ${action.lastError}`);
      }
    }
  }
  const stray = [...byKey.keys()].filter((key) => !ids.has(key));
  if (stray.length > 0) wrong.push(`${stray.length} effects of no action`);
  for (const line of wrong.slice(0, 5))
    tally.failures.push(`${label}: ${line}`);
  if (wrong.length > 5) {
    tally.failures.push(`${label}: … and ${wrong.length - 5} more`);
  }
}

/** What the simulator received under the action's Idempotency-Key. */
function sentRequests(rig: OutboxRig, actionId: string): string {
  return rig.sim.requests
    .all()
    .filter((r) => r.headers['idempotency-key'] === actionId)
    .map((r) => `${r.method} ${r.path}${r.search} ${r.bodyText} -> ${r.status}`)
    .join(' | ');
}

/** Requests the simulator saw between the action's first two sends. */
function betweenSends(rig: OutboxRig, actionId: string): string {
  const all = rig.sim.requests.all();
  const sends = all.filter((r) => r.headers['idempotency-key'] === actionId);
  if (sends.length < 2) return '-';
  return all
    .filter((r) => r.seq > sends[0].seq && r.seq < sends[1].seq)
    .map((r) => `${r.method} ${r.path} ${r.status} ${r.fault ?? ''}`)
    .join(' | ');
}

/** The action's journal entries in order, for replaying a failure. */
function actionHistory(rig: OutboxRig, actionId: string): string {
  const rows = rig.db
    .prepare(
      `SELECT kind, payload FROM journal_entries
        WHERE instr(payload, ?) > 0 ORDER BY rowid`,
    )
    .all(actionId) as { kind: string; payload: string }[];
  return rows
    .map((row) => {
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      const said = payload.errorKind ?? payload.status ?? payload.outcome ?? '';
      return `${row.kind}${said === '' ? '' : `(${String(said)})`}`;
    })
    .join(' > ');
}

/** The id a removal names, or null for an action that adds. */
function removalTarget(request: ActionRequest): string | null {
  switch (request.kind) {
    case 'allowlist-remove':
      return request.entryId;
    case 'session-revoke':
      return request.sessionId;
    case 'lockout-lift':
      return request.lockoutId;
    default:
      return null;
  }
}

/**
 * A removal of something already gone (another action removed it, or a
 * lockdown revoked every session) is done without an effect of its own:
 * the server answers 404, or 204 either way. Confirmed is then true as
 * long as the thing is gone from the server in the end.
 */
function confirmedWithoutEffect(
  action: OutboxAction,
  present: ReadonlySet<string>,
): boolean {
  const target = removalTarget(action.request);
  return target !== null && !present.has(target);
}

/** Ids of what the server still has: entries, sessions, active lockouts. */
function presentTargets(rig: OutboxRig): Set<string> {
  const state = rig.sim.control.snapshot();
  return new Set([
    ...state.allowlist.map((row) => row.id),
    ...state.sessions.map((row) => row.session_id),
    ...state.lockouts.filter((row) => row.is_active).map((row) => row.id),
  ]);
}

/** The server refused it in words (a 4xx), not a fault in the way. */
function rejectedByServer(action: OutboxAction): boolean {
  const status = action.lastAnswer?.status ?? null;
  return status !== null && status >= 400 && status < 500 && status !== 429;
}

function countRequests(rig: OutboxRig, tally: Tally) {
  const requests = rig.sim.requests.all();
  tally.requests += requests.length;
  for (const request of requests) {
    if (request.fault) bump(tally.faults, request.fault);
  }
}

async function runArm(
  arm: (typeof ARMS)[number],
  options: CampaignOptions,
  random: Random,
  deadline: number,
  tally: Tally,
): Promise<void> {
  const label = `${arm.profile}, key ${arm.idempotency === 'honour' ? 'honoured' : 'ignored'}`;
  const seed = Math.floor(random() * 2_147_483_646) + 1;
  const rig = await startOutboxRig({
    sim: {
      profile: arm.profile,
      preset: 'designed',
      idempotency: arm.idempotency,
      seed,
      volume: { events: EVENT_VOLUME },
      // The limiter would only add 429s; the faults bring their own.
      gates: { rateLimit: null },
    },
    client: { timeoutMs: 100, maxRetries: 3 },
    outbox: { maxAttempts: 60, random: seededRandom(seed) },
  });
  // Recreated if something swept the temporary directory meanwhile.
  mkdirSync(options.workDir, { recursive: true });
  const db = openDatabase(`${options.workDir}/${arm.profile}-${seed}.db`);
  const cleanDb = openDatabase(`${options.workDir}/clean-${seed}.db`);
  try {
    await rig.run(rig.client.discover());
    rig.outbox.start();
    const serial = { next: 0 };
    const batch = options.short ? 8 : 20;
    // Every arm gets two rounds, however short the budget.
    for (let round = 0; round < 2 || Date.now() < deadline; round += 1) {
      await faultRound(rig, db, random, serial, tally, batch);
    }
    await drainClean(rig, db, tally);
    checkActions(rig, tally, label);
    await checkEvents(rig, db, cleanDb, tally, label);
    countRequests(rig, tally);
    options.log(
      `${label}: ${serial.next} actions, ${rig.sim.requests.all().length} ` +
        'requests',
    );
  } finally {
    await rig.close();
    db.close();
    cleanDb.close();
    await closeRigs();
  }
}

function figuresOf(tally: Tally): CampaignResult['figures'] {
  const listed = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ${n}`)
      .join(', ') || 'none';
  const queued = Object.values(tally.queued).reduce((a, b) => a + b, 0);
  const faults = Object.values(tally.faults).reduce((a, b) => a + b, 0);
  return {
    'fault rounds': tally.rounds,
    requests: tally.requests,
    'faults injected': faults + tally.outages,
    'faults by kind': `${listed(tally.faults)}, down ${tally.outages}`,
    'actions queued': queued,
    'actions by kind': listed(tally.queued),
    'delivered once': tally.deliveredOnce,
    'refused by server, not applied': tally.failedUnapplied,
    'left to the commander (unknown)': tally.leftToCommander,
    lost: tally.lost,
    doubled: tally.doubled,
    pulls: tally.pulls,
    'events expected': tally.eventsExpected,
    'events stored': tally.eventsStored,
    'events duplicated': tally.eventsDuplicated,
    'events missing': tally.eventsMissing,
    'events altered': tally.eventsAltered,
    'events older than any clean view': tally.eventsUnviewed,
    'events with details as a faulted answer had them':
      tally.eventsDetailsAsReceived,
    'sync errors by kind': listed(tally.syncErrors),
  };
}

export const campaign: Campaign = {
  name: 'faults',
  promise:
    'under every admin-API fault, no emergency action is lost or taken ' +
    'twice, and the event cache ends with every event once',
  async run(options) {
    const random = seededRandom(options.seed);
    const tally: Tally = {
      requests: 0,
      faults: {},
      outages: 0,
      queued: {},
      deliveredOnce: 0,
      lost: 0,
      doubled: 0,
      leftToCommander: 0,
      failedUnapplied: 0,
      pulls: 0,
      syncErrors: {},
      eventsExpected: 0,
      eventsStored: 0,
      eventsDuplicated: 0,
      eventsMissing: 0,
      eventsAltered: 0,
      eventsUnviewed: 0,
      eventsDetailsAsReceived: 0,
      rounds: 0,
      failures: [],
    };
    const started = Date.now();
    const budgetMs = options.short
      ? Math.min(options.budgetMs, SHORT_BUDGET_MS)
      : options.budgetMs;
    // Draining and checking take their share of each arm's time.
    const share = (budgetMs * 0.6) / ARMS.length;
    for (const [index, arm] of ARMS.entries()) {
      const deadline = started + share * (index + 1);
      await runArm(arm, options, random, deadline, tally);
    }
    if (tally.deliveredOnce === 0) {
      tally.failures.push(
        'no action was delivered: the campaign proved nothing',
      );
    }
    return { figures: figuresOf(tally), failures: tally.failures };
  },
};
