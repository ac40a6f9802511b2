/**
 * Every admin-API answer the client decodes, as garbage and as mutations
 * of the contract's examples: each read the dashboard makes (through the
 * real read code with a send that answers what is drawn), capability
 * discovery's OpenAPI document, write answers and error answers. The
 * client must answer a typed error naming the endpoint (and the field,
 * for a body of the wrong shape), never throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createAdminReads } from '../../src/main/admin-api/admin-reads';
import {
  ADMIN_ERROR_KINDS,
  type AdminClient,
  type CapabilityRoute,
} from '../../src/main/admin-api/admin-client-types';
import { answerError } from '../../src/main/admin-api/answer-errors';
import type { CapabilityRegistry } from '../../src/main/admin-api/capability-registry';
import type { AdminReads } from '../../src/main/admin-api/admin-reads';
import { discoverCapabilities } from '../../src/main/admin-api/capability-discovery';
import type { HttpAnswer } from '../../src/main/admin-api/http-exchange';
import { decodeAny } from '../../src/main/admin-api/read-decoding';
import type { Send, Sent } from '../../src/main/admin-api/request-pipeline';
import type { AdminCapability } from '../../src/shared/admin-api-types';
import {
  arbitraryValue,
  describeInput,
  drive,
  errorText,
  mutationsOf,
  nameSeed,
  newTally,
  type Failures,
  type Tally,
} from './bad-input-kit';

type ExampleBody = { file: string; status: number; body: unknown };

/** Every example answer of both copies of the contract's examples. */
function exampleBodies(dirs: string[]): ExampleBody[] {
  const bodies: ExampleBody[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const content = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        examples: { response: { status: number; body: unknown } }[];
      };
      for (const example of content.examples) {
        const { status, body } = example.response;
        bodies.push({ file, status, body });
      }
    }
  }
  return bodies;
}

type Read = {
  name: string;
  capability: AdminCapability;
  /** Example files whose 2xx bodies this read decodes. */
  files: string[];
  call: (client: Pick<AdminClient, ReadName>) => Promise<unknown>;
};

type ReadName = keyof AdminReads;

const READS: Read[] = [
  {
    name: 'identity',
    capability: 'identity',
    files: ['whoami.json'],
    call: (c) => c.identity(),
  },
  {
    name: 'alerts',
    capability: 'alerts',
    files: ['alerts.json'],
    call: (c) => c.alerts(),
  },
  {
    name: 'events',
    capability: 'events',
    files: ['events.json', 'events-failed-login.json'],
    call: (c) => c.events({ limit: 50 }),
  },
  {
    name: 'health',
    capability: 'health',
    files: ['health.json'],
    call: (c) => c.health(),
  },
  {
    name: 'metrics',
    capability: 'metrics',
    files: ['metrics.json'],
    call: (c) => c.metrics(),
  },
  {
    name: 'audit logs',
    capability: 'audit-logs',
    files: ['audit-logs.json', 'audit-logs-super-admin.json'],
    call: (c) =>
      c.auditLogs({
        start: '2026-12-03T00:00:00Z',
        end: '2026-12-03T23:00:00Z',
      }),
  },
  {
    name: 'lockouts',
    capability: 'lockouts-list',
    files: ['emergency-lockouts.json'],
    call: (c) => c.lockouts('poll'),
  },
  {
    name: 'allowlist',
    capability: 'allowlist-list',
    files: ['ip-allowlist-list.json'],
    call: (c) => c.allowlistEntries('poll'),
  },
  {
    name: 'sessions',
    capability: 'sessions-list',
    files: ['sessions.json'],
    call: (c) => c.sessions('poll'),
  },
];

type Answer = { mediaType: string | null; bodyText: string };

function httpAnswer(status: number, answer: Answer): HttpAnswer {
  const headers = new Headers();
  if (answer.mediaType !== null) {
    headers.set('content-type', answer.mediaType);
  }
  return {
    status,
    headers,
    mediaType: answer.mediaType,
    contentType: answer.mediaType,
    bodyText: answer.bodyText,
  };
}

function sentOk(endpoint: string, answer: Answer): Sent {
  return {
    ok: true,
    answer: httpAnswer(200, answer),
    endpoint,
    retries: 0,
    receivedAt: '2026-12-03T16:00:00.000000Z',
  };
}

/** A body as the server might send it: JSON text, text, or bytes. */
function bodyText(valid: unknown[]): fc.Arbitrary<string> {
  const values: fc.Arbitrary<unknown>[] = [arbitraryValue()];
  for (const body of valid) {
    if (body === null || typeof body !== 'object') continue;
    if (Array.isArray(body)) {
      const first = body[0];
      if (first !== null && typeof first === 'object') {
        const item = first as Record<string, unknown>;
        values.push(mutationsOf(item).map((mutated) => [mutated, ...body]));
      }
      continue;
    }
    const record = body as Record<string, unknown>;
    values.push(mutationsOf(record));
    for (const [key, inner] of Object.entries(record)) {
      if (Array.isArray(inner) && inner[0] && typeof inner[0] === 'object') {
        const item = inner[0] as Record<string, unknown>;
        values.push(
          mutationsOf(item).map((mutated) => ({ ...record, [key]: [mutated] })),
        );
      }
    }
  }
  const json = fc.oneof(...values).map((value) => {
    try {
      return JSON.stringify(value) ?? 'undefined';
    } catch (error) {
      return errorText(error);
    }
  });
  return fc.oneof(
    { weight: 6, arbitrary: json },
    {
      weight: 1,
      arbitrary: json.chain((text) =>
        fc.nat(text.length).map((cut) => text.slice(0, cut)),
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '{}',
        '1e999',
        '"\\ud800"',
        '['.repeat(5_000),
        `${'['.repeat(3_000)}${']'.repeat(3_000)}`,
        '{"__proto__":{"polluted":true}}',
      ),
    },
  );
}

function answerOf(valid: unknown[]): fc.Arbitrary<Answer> {
  return fc.record({
    mediaType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          null,
          'text/html',
          'application/problem+json',
          'application/x-ndjson',
        ),
      },
    ),
    bodyText: bodyText(valid),
  });
}

const ERROR_PROBLEM = /^(the body is not valid JSON|.+?: .)/s;

/**
 * What a typed error must look like: a known kind, the endpoint named,
 * and the message starting with the endpoint then the problem.
 */
function errorProblem(
  error: unknown,
  endpoint: string,
  decoded: boolean,
): string | null {
  if (error === null || typeof error !== 'object') return 'not an object';
  const typed = error as Record<string, unknown>;
  if (!(ADMIN_ERROR_KINDS as readonly unknown[]).includes(typed.kind)) {
    return `unknown kind ${String(typed.kind)}`;
  }
  if (typed.endpoint !== endpoint) {
    return `endpoint ${String(typed.endpoint)} instead of ${endpoint}`;
  }
  const message = typed.message;
  if (typeof message !== 'string' || !message.startsWith(`${endpoint}: `)) {
    return 'a message not starting with the endpoint';
  }
  const problem = message.slice(endpoint.length + 2);
  if (
    decoded &&
    typed.kind === 'bad-response' &&
    !ERROR_PROBLEM.test(problem)
  ) {
    return `a message naming no field: ${problem.slice(0, 80)}`;
  }
  return null;
}

type Checker = {
  tally: Tally;
  failures: Failures;
};

async function judge(
  checker: Checker,
  label: string,
  endpoint: string,
  run: () => unknown,
  input: string,
  decoded = true,
) {
  const { tally, failures } = checker;
  tally.tried += 1;
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    tally.crashes += 1;
    failures.add(
      `admin ${label} threw ${errorText(error)} on ${describeInput(input)}`,
    );
    return;
  }
  const answer = result as { ok?: unknown; error?: unknown };
  if (answer?.ok === true) {
    tally.accepted += 1;
    return;
  }
  tally.rejected += 1;
  const problem =
    answer?.ok === false
      ? errorProblem(answer.error, endpoint, decoded)
      : 'neither ok nor an error';
  if (problem !== null) {
    tally.crashes += 1;
    failures.add(
      `admin ${label} answered ${problem} on ${describeInput(input)}`,
    );
  }
}

function routeOf(capability: AdminCapability): CapabilityRoute {
  return {
    capability,
    method: 'GET',
    path: `/fuzz/${capability}`,
    input: 'query',
    paging: capability === 'audit-logs' ? 'limit-offset' : 'none',
    origin: 'platform',
    foundBy: 'assumed',
  };
}

/** Reads whose every request is answered with `answer`. */
function readsAnswering(answer: () => Answer) {
  const send: Send = (spec) =>
    Promise.resolve(sentOk(`${spec.method} ${spec.path}`, answer()));
  const registry: CapabilityRegistry = {
    discover: () => Promise.resolve({ ok: true, value: [], receivedAt: '' }),
    views: () => [],
    route: (capability) => routeOf(capability),
    endpointOf: (capability) => `GET /fuzz/${capability}`,
    routeFor: (capability) =>
      Promise.resolve({ ok: true, route: routeOf(capability) }),
  };
  return createAdminReads(send, registry, { pageSize: 100, maxPages: 3 });
}

export async function fuzzAdminAnswers(options: {
  seed: number;
  deadline: number;
  maxRunsPerTarget: number;
  exampleDirs: string[];
  failures: Failures;
}): Promise<{ tally: Tally; parsers: number }> {
  const checker: Checker = { tally: newTally(), failures: options.failures };
  const examples = exampleBodies(options.exampleDirs);
  const okBodies = (files: string[]) =>
    examples
      .filter((e) => files.includes(e.file) && e.status < 300)
      .map((e) => e.body);
  const drawOptions = (name: string) => ({
    seed: nameSeed(options.seed, `admin ${name}`),
    deadline: options.deadline,
    maxRuns: options.maxRunsPerTarget,
  });

  for (const read of READS) {
    const endpoint = `GET /fuzz/${read.capability}`;
    await drive(answerOf(okBodies(read.files)), drawOptions(read.name), (a) => {
      const reads = readsAnswering(() => a);
      return judge(
        checker,
        read.name,
        endpoint,
        () => read.call(reads),
        a.bodyText,
      );
    });
  }

  // Discovery: the OpenAPI document, garbage or a mangled real one.
  const openApi = { paths: { '/api/admin/security/alerts': { get: {} } } };
  await drive(answerOf([openApi]), drawOptions('discovery'), (a) =>
    judgeDiscovery(checker, a),
  );

  // Write answers (lockdown, allowlist entry, lockout) come back whole.
  const writes = okBodies([
    'lockdown-response.json',
    'ip-allowlist-response.json',
    'emergency-lockouts.json',
  ]);
  const writeEndpoint = 'POST /fuzz/write';
  await drive(answerOf(writes), drawOptions('write answers'), (a) =>
    judge(
      checker,
      'write answer',
      writeEndpoint,
      () => decodeAny(sentOk(writeEndpoint, a) as Sent & { ok: true }),
      a.bodyText,
    ),
  );

  // Error answers: every non-2xx example, mangled, at a drawn status.
  const errors = examples.filter((e) => e.status >= 300).map((e) => e.body);
  const status = fc.oneof(
    fc.constantFrom(400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
    fc.integer({ min: 300, max: 599 }),
  );
  const errorEndpoint = 'GET /fuzz/error';
  await drive(
    fc.tuple(status, answerOf(errors)),
    drawOptions('error answers'),
    ([code, a]) =>
      judge(
        checker,
        'error answer',
        errorEndpoint,
        () => ({
          ok: false,
          error: answerError(errorEndpoint, httpAnswer(code, a), 0),
        }),
        a.bodyText,
        false,
      ),
  );
  return { tally: checker.tally, parsers: READS.length + 3 };
}

/**
 * Discovery answers a result listing what it found; a bad document is a
 * finding, not a failure, so only a throw or a malformed result counts.
 */
async function judgeDiscovery(checker: Checker, a: Answer) {
  const send: Send = (spec) =>
    Promise.resolve(sentOk(`${spec.method} ${spec.path}`, a));
  const { tally, failures } = checker;
  tally.tried += 1;
  try {
    const found = (await discoverCapabilities(send)) as {
      ok?: unknown;
      error?: { kind?: unknown; endpoint?: unknown; message?: unknown };
    };
    if (found?.ok === true) {
      tally.accepted += 1;
      return;
    }
    tally.rejected += 1;
    const error = found?.error;
    const typed =
      found?.ok === false &&
      (ADMIN_ERROR_KINDS as readonly unknown[]).includes(error?.kind) &&
      typeof error?.endpoint === 'string' &&
      typeof error?.message === 'string';
    if (!typed) {
      tally.crashes += 1;
      failures.add(
        `admin discovery answered an untyped result on ` +
          describeInput(a.bodyText),
      );
    }
  } catch (error) {
    tally.crashes += 1;
    failures.add(
      `admin discovery threw ${errorText(error)} on ${describeInput(a.bodyText)}`,
    );
  }
}
