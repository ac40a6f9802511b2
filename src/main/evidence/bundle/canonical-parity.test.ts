import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../shared/journal-types';
import type { Incident } from '../../../shared/ipc-contract';
import {
  appendEntries,
  createJournalWriter,
} from '../../journal/append-entries';
import { canonicalJson } from '../../journal/entry-hash';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../../test-support/temp-war-room';
import { bundleResourcesDir } from './bundle-resources';
import { exportBundle, runPython } from './bundle-fixture';
import { bundleCheckLine, verifyBundle } from './verify-bundle';

/*
 * The shipped Python verifier must canonicalise exactly as the
 * `canonicalize` package does, byte for byte, or a recipient's check of an
 * honest journal fails. Strings are drawn from all of Unicode plus the
 * characters where implementations differ: escapes, U+2028/2029, astral
 * characters and keys whose UTF-16 order is not their code point order.
 */

const TRICKY = [
  '"',
  '\\',
  '/',
  '\u0000',
  '\b',
  '\t',
  '\n',
  '\u000b',
  '\f',
  '\r',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00e9',
  'e\u0301',
  '\u2028',
  '\u2029',
  '\ud7ff',
  '\ue000',
  '\ufeff',
  '\uffff',
  '\u{10000}',
  '\u{1f600}',
  '\u{10ffff}',
];

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 6 }),
  fc.string({
    unit: fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary' })),
    maxLength: 4,
  }),
);

const { value: jsonValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3 },
    text,
    fc.maxSafeInteger(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  ),
}));

const payload: fc.Arbitrary<JsonObject> = fc.dictionary(text, jsonValue, {
  minKeys: 1,
  maxKeys: 6,
});

const PYTHON_PROGRAM = [
  'import json, sys',
  `sys.path.insert(0, ${JSON.stringify(bundleResourcesDir())})`,
  'import verify_bundle as verifier',
  'for request in sys.stdin:',
  '    out = []',
  '    for text in json.loads(request):',
  '        value, problem = verifier.parse_json(text, "line")',
  '        out.append(problem or verifier.canonical_json(value))',
  '    print(json.dumps(out), flush=True)',
].join('\n');

/**
 * The shipped verifier's canonical JSON of each text, from one Python
 * process answering a line per request, so a property run costs no start.
 */
class PythonCanonical {
  private readonly child = spawn('python3', ['-c', PYTHON_PROGRAM], {
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });
  private readonly replies = createInterface({ input: this.child.stdout })[
    Symbol.asyncIterator
  ]();

  async canonical(texts: string[]): Promise<string[]> {
    // JSON.stringify escapes CR and LF, so the request is one line.
    this.child.stdin.write(`${JSON.stringify(texts)}\n`);
    const reply = await this.replies.next();
    if (reply.done) throw new Error('the Python canonicaliser stopped');
    return JSON.parse(reply.value) as string[];
  }

  close(): void {
    this.child.stdin.end();
  }
}

let python: PythonCanonical;
beforeAll(() => {
  python = new PythonCanonical();
});
afterAll(() => python.close());

describe('canonical JSON in the shipped verifier', () => {
  it('matches the canonicalize package byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 10 }),
        async (payloads) => {
          // JSON.stringify keeps insertion order, so Python must sort.
          const texts = payloads.map((value) => JSON.stringify(value));
          expect(await python.canonical(texts)).toEqual(
            payloads.map((value) => canonicalJson(value)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders keys by UTF-16 code units, not code points', async () => {
    const value = { '\uffff': 1, '\u{10000}': 2, '\ue000': 3, a: 4, Z: 5 };
    const expected = '{"Z":5,"a":4,"\u{10000}":2,"\ue000":3,"\uffff":1}';
    expect(canonicalJson(value)).toBe(expected);
    expect(await python.canonical([JSON.stringify(value)])).toEqual([expected]);
  });

  it('verifies journals of generated payloads exported in a real bundle', async () => {
    const root = makeTempDir('war-room-parity-').path;
    const { warRoom } = openTestWarRoom(join(root, 'data'));
    const writer = createJournalWriter(warRoom.deviceId, {
      nowMicros: () => 1,
    });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(payload, { minLength: 1, maxLength: 6 }),
          async (payloads) => {
            // A new incident per run: its journal holds only these entries.
            const incident = await invokeOk<Incident>(
              warRoom,
              'incident:create',
              {
                title: 'Generated payloads',
                severity: 'low',
                category: 'data-security',
              },
            );
            appendEntries(
              warRoom.db,
              writer,
              payloads.map((value) => ({
                scope: incident.id,
                kind: 'test.generated',
                actor: 'fast-check',
                payload: value,
              })),
            );
            const bag = join(root, `bag-${(run += 1)}`);
            await exportBundle(warRoom, incident.id, bag);

            const shipped = runPython([join(bag, 'verify_bundle.py'), bag]);
            const own = bundleCheckLine(await verifyBundle(bag));
            expect(own).toMatch(/^OK: /);
            expect(shipped).toEqual({
              code: 0,
              stdout: `${own}\n`,
              stderr: '',
            });
          },
        ),
        { numRuns: 10 },
      );
    } finally {
      warRoom.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
