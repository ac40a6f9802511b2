/**
 * Every channel of the IPC contract, called through `invoke` (the
 * dispatch every transport uses) on a data directory with an incident,
 * notes, evidence, contacts and a follow-up in it. Each input must get a
 * Result; a refusal must leave every table as it was.
 */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { ipcContract, type Channel } from '../../src/shared/ipc-contract';
import { manualClock } from '../../src/main/clock';
import {
  createFakeAdminClient,
  FAKE_BASE_URL,
} from '../../src/main/test-support/fake-admin-client';
import {
  openTestWarRoom,
  TEST_START_MICROS,
  testContext,
} from '../../src/main/test-support/temp-war-room';
import type { WarRoom } from '../../src/main/war-room';
import {
  arbitraryValue,
  changedTables,
  databaseDigest,
  describeInput,
  drive,
  errorText,
  mutationsOf,
  nameSeed,
  newTally,
  type Failures,
  type Tally,
} from './bad-input-kit';

/** Channels that cannot be called here, with why; none at present. */
const SKIPPED: Partial<Record<Channel, string>> = {};

/** Fields holding a path on this machine, confined to the sandbox. */
const PATH_FIELDS = new Set(['path', 'paths', 'outPath', 'outDir']);

export type IpcOutcome = {
  tally: Tally;
  channels: number;
  withValidBase: number;
  skipped: string[];
  internalErrors: number;
  confinedPaths: number;
};

type Ids = Record<string, string>;

async function invokeValue(
  warRoom: WarRoom,
  channel: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const result = await warRoom.invoke(channel, input, testContext);
  if (!result.ok) {
    throw new Error(`setup: ${channel}: ${result.error.message}`);
  }
  return result.value as Record<string, unknown>;
}

const VCARD = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Dana Incident',
  'ORG:Security',
  'EMAIL:dana@example.com',
  'END:VCARD',
  '',
].join('\r\n');

/** An incident with notes, evidence, a contact and a follow-up. */
async function seedDataDirectory(
  warRoom: WarRoom,
  sandbox: string,
): Promise<Ids> {
  const incident = await invokeValue(warRoom, 'incident:create', {
    title: 'Bad input baseline',
    severity: 'high',
    category: 'data-security',
    detectedAt: '2026-12-03T15:00:00Z',
  });
  const incidentId = incident.id as string;
  const ids: Ids = { incidentId };
  for (const text of ['first note', 'second note', 'third note']) {
    const entry = await invokeValue(warRoom, 'journal:add-note', {
      incidentId,
      text,
    });
    ids.entryId = entry.id as string;
  }
  const evidence = await invokeValue(warRoom, 'evidence:add-text', {
    incidentId,
    name: 'netstat.txt',
    text: 'tcp 0 0 10.0.0.1:22 ESTABLISHED',
    type: 'other',
  });
  ids.evidenceId = evidence.id as string;
  await invokeValue(warRoom, 'contacts:import', {
    format: 'vcard',
    text: VCARD,
  });
  const contacts = (await warRoom.invoke('contacts:list', {}, testContext)).ok;
  if (!contacts) throw new Error('setup: contacts:list failed');
  const review = await invokeValue(warRoom, 'review:add-follow-up', {
    incidentId,
    title: 'Rotate keys',
    owner: 'Dana',
    dueDate: '2026-12-20',
  });
  const followUps = review.followUps as { id: string }[] | undefined;
  if (followUps?.[0]) ids.followUpId = followUps[0].id;
  ids.sandbox = sandbox;
  return ids;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  element?: z.ZodType;
  options?: z.ZodType[];
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function isOptional(schema: z.ZodType): boolean {
  return (
    (schema as unknown as { _zod: { optin?: string } })._zod.optin ===
    'optional'
  );
}

let pathCounter = 0;

function sampleString(key: string, ids: Ids): string {
  if (key in ids && key !== 'sandbox') return ids[key];
  if (/^(import|intake)Id$/.test(key)) return ulid();
  if (/Id$|^id$/.test(key)) return ids.entryId;
  if (PATH_FIELDS.has(key)) {
    pathCounter += 1;
    return join(ids.sandbox, `out-${pathCounter}`);
  }
  if (/At$|^at$|^start$|^end$/.test(key)) return '2026-12-03T15:30:00Z';
  if (/[dD]ate$/.test(key)) return '2026-12-10';
  if (key === 'baseUrl') return FAKE_BASE_URL;
  if (key === 'address') return '203.0.113.7';
  return 'sample text';
}

/**
 * A small valid input read off a channel's zod schema: required fields
 * only, ids of the seeded records, enums at their first value. Checked by
 * the caller; a channel whose sample does not parse is fuzzed from `{}`.
 */
function sampleOf(schema: z.ZodType, key: string, ids: Ids): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape ?? {})
          .filter(([, field]) => !isOptional(field))
          .map(([name, field]) => [name, sampleOf(field, name, ids)]),
      );
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return sampleOf(def.innerType!, key, ids);
    case 'pipe':
      return sampleOf(def.in!, key, ids);
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'boolean':
      return false;
    case 'number':
    case 'int':
      return 1;
    case 'array':
      return [sampleOf(def.element!, key.replace(/s$/, ''), ids)];
    case 'union':
      return sampleOf(def.options![0], key, ids);
    case 'string': {
      const candidates = [
        sampleString(key, ids),
        'sample-text',
        'a sample passphrase, long enough',
      ];
      const fits = candidates.find(
        (candidate) => schema.safeParse(candidate).success,
      );
      return fits ?? candidates[0];
    }
    case 'record':
      return {};
    default:
      return undefined;
  }
}

function isWithin(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/**
 * A path field pointing outside the sandbox (absolute, or climbing out)
 * is moved inside it, so no input can read or write the checkout or the
 * machine; returns how many were moved.
 */
function confinePaths(input: unknown, sandbox: string): number {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return 0;
  }
  const record = input as Record<string, unknown>;
  let moved = 0;
  const confine = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (isWithin(sandbox, resolve(sandbox, value))) return value;
    moved += 1;
    const safe = encodeURIComponent(value).slice(0, 200) || 'empty';
    return join(sandbox, 'confined', safe);
  };
  for (const field of PATH_FIELDS) {
    if (!Object.hasOwn(record, field)) continue;
    const value = record[field];
    record[field] = Array.isArray(value) ? value.map(confine) : confine(value);
  }
  return moved;
}

function resultProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'not an object';
  const result = value as Record<string, unknown>;
  if (result.ok === true) return 'value' in result ? null : 'ok without value';
  if (result.ok !== false) return 'ok is neither true nor false';
  const error = result.error as Record<string, unknown> | undefined;
  if (
    !error ||
    typeof error.kind !== 'string' ||
    typeof error.message !== 'string' ||
    error.message.trim() === ''
  ) {
    return 'error without kind and message';
  }
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function openFuzzWarRoom(dataDir: string) {
  const clock = manualClock(TEST_START_MICROS);
  const fake = createFakeAdminClient(clock);
  return openTestWarRoom(dataDir, {
    clock,
    withPlaybooks: true,
    admin: {
      environment: { baseUrl: FAKE_BASE_URL, token: 'fuzz-token' },
      createClient: () => fake,
    },
  }).warRoom;
}

export async function fuzzIpc(options: {
  workDir: string;
  seed: number;
  deadline: number;
  maxRunsPerChannel: number;
  failures: Failures;
  log: (line: string) => void;
}): Promise<IpcOutcome> {
  const { failures, seed } = options;
  const sandbox = join(options.workDir, 'ipc-sandbox');
  mkdirSync(sandbox, { recursive: true });
  // Relative paths in drawn inputs resolve inside the sandbox; the
  // campaign puts the working directory back when it ends.
  process.chdir(sandbox);
  const warRoom = openFuzzWarRoom(join(options.workDir, 'ipc-data'));
  const ids = await seedDataDirectory(warRoom, sandbox);
  const tally = newTally();
  let internalErrors = 0;
  let confinedPaths = 0;

  const channels = Object.keys(ipcContract) as Channel[];
  const skipped = channels.filter((channel) => channel in SKIPPED);
  const live = channels.filter((channel) => !(channel in SKIPPED));
  const bases = new Map<Channel, Record<string, unknown>>();
  for (const channel of live) {
    const schema = ipcContract[channel].input as z.ZodType;
    const sample = sampleOf(schema, '', ids);
    if (schema.safeParse(sample).success) {
      bases.set(channel, sample as Record<string, unknown>);
    }
  }
  const withoutBase = live.filter((channel) => !bases.has(channel));
  if (withoutBase.length > 0) {
    options.log(`no valid base input for: ${withoutBase.join(', ')}`);
  }

  // The state after one call is the state before the next: nothing runs
  // in the background (manual timers), so one digest per call suffices.
  let current = databaseDigest(warRoom.db);

  async function call(channel: Channel, input: unknown, index: number) {
    confinedPaths += confinePaths(input, sandbox);
    const before = current;
    tally.tried += 1;
    let result: unknown;
    try {
      result = await withTimeout(
        warRoom.invoke(channel, input, testContext),
        15_000,
      );
    } catch (error) {
      tally.crashes += 1;
      failures.add(
        `${channel} threw ${errorText(error)} on input #${index} ` +
          `${describeInput(input)}`,
      );
      return;
    }
    current = databaseDigest(warRoom.db);
    const malformed = resultProblem(result);
    if (malformed !== null) {
      tally.crashes += 1;
      failures.add(`${channel} answered ${malformed} on input #${index}`);
      return;
    }
    const answer = result as
      { ok: true } | { ok: false; error: { kind: string; message: string } };
    if (answer.ok) {
      tally.accepted += 1;
      return;
    }
    tally.rejected += 1;
    if (answer.error.kind === 'internal') {
      internalErrors += 1;
      failures.add(
        `${channel} answered an unexplained internal error ` +
          `"${answer.error.message.slice(0, 160)}" on input #${index} ` +
          `${describeInput(input)}`,
      );
    }
    if (current !== before) {
      tally.digestMismatches += 1;
      failures.add(
        `${channel} refused input #${index} (${answer.error.message.slice(0, 80)}) ` +
          `but changed ${changedTables(before, current)}`,
      );
    }
  }

  // Each channel draws its own seeded sequence; rounds interleave channels
  // so a short budget still reaches every one.
  const arbitraries = new Map(
    live.map((channel) => {
      const base = bases.get(channel) ?? {};
      const arbitrary = fc.oneof(
        { weight: 3, arbitrary: arbitraryValue() },
        { weight: 6, arbitrary: mutationsOf(base) },
        { weight: 1, arbitrary: fc.constant(base) },
      );
      return [channel, arbitrary] as const;
    }),
  );
  const perRound = 4;
  const rounds = Math.ceil(options.maxRunsPerChannel / perRound);
  const inputs = new Map<Channel, number>();
  for (let round = 0; round < rounds; round += 1) {
    if (Date.now() > options.deadline) break;
    for (const channel of live) {
      const start = inputs.get(channel) ?? 0;
      const drawn = await drive(
        arbitraries.get(channel)!,
        {
          seed: nameSeed(seed, channel) + round * 7_919,
          deadline: options.deadline,
          maxRuns: perRound,
        },
        (input, index) => call(channel, input, start + index),
      );
      inputs.set(channel, start + drawn);
    }
  }
  warRoom.close();

  const untouched = live.filter((channel) => !inputs.get(channel));
  for (const channel of untouched) {
    failures.add(`${channel} was not reached before the budget ran out`);
  }
  return {
    tally,
    channels: channels.length,
    withValidBase: bases.size,
    skipped,
    internalErrors,
    confinedPaths,
  };
}
