/**
 * Every file War Room reads from outside: timeline imports (through the
 * `timeline:import` channel), contacts as vCard and CSV (through
 * `contacts:import`), the organisation's response-rules override and its
 * playbooks (through the loaders the start-up uses). Random bytes,
 * truncated valid files and valid files with a mangled row must each be
 * refused or partly taken in with named problems, never crash; a file
 * refused whole must leave the database as it was.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  findResourcesDir,
  loadPlaybookLibrary,
  loadRules,
  PLAYBOOK_DIR,
  RULES_FILE,
} from '../../src/main/configuration/load-configuration';
import { CSV_COLUMNS } from '../../src/main/contacts/contact-exchange';
import { IMPORT_FORMATS } from '../../src/shared/timeline-exchange-types';
import { testContext } from '../../src/main/test-support/temp-war-room';
import type { WarRoom } from '../../src/main/war-room';
import {
  changedTables,
  databaseDigest,
  describeInput,
  drive,
  errorText,
  hostileValue,
  nameSeed,
  newTally,
  type Failures,
  type Tally,
} from './bad-input-kit';

export type ImportTallies = {
  timeline: Tally;
  contacts: Tally;
  rules: Tally;
  playbooks: Tally;
};

type Judged = {
  tally: Tally;
  failures: Failures;
  label: string;
};

/** Valid files of each kind, the starting point of every mutation. */
function timelineSamples(exampleDir: string): Record<string, string> {
  const example = (file: string, name: string) => {
    const content = JSON.parse(
      readFileSync(join(exampleDir, file), 'utf8'),
    ) as { examples: { name: string; response: { body: unknown } }[] };
    const found = content.examples.find((e) => e.name === name);
    return JSON.stringify(found?.response.body ?? [], null, 2);
  };
  return {
    'timesketch.csv': [
      'message,datetime,timestamp_desc,hostname,user',
      'Login from new ASN,2025-01-20T10:12:51.004417Z,Event time,web-1,ana',
      '"Password, reset",2025-01-20T10:13:00+01:00,Event time,web-1,ana',
      'Token minted,2025-01-20T10:14:00Z,Event time,api-2,svc',
      '',
    ].join('\n'),
    'timesketch.jsonl': [
      '{"message":"geo","datetime":"2025-01-20T10:12:51.5+02:00","timestamp_desc":"Event time","geo":{"lat":52.52}}',
      '{"message":"epoch","timestamp":1737367932123456,"timestamp_desc":"Event time"}',
      '{"message":"plain","datetime":"2025-01-20T10:14:00Z","timestamp_desc":"x"}',
      '',
    ].join('\n'),
    'audit_logs.json': example('audit-logs.json', 'incident-window'),
    'failed_logins.json': example(
      'events-failed-login.json',
      'credential-stuffing',
    ),
  };
}

const VCARDS = [
  'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Responder\r\nORG:Security\r\n' +
    'EMAIL:ana@example.com\r\nTEL:+31 20 555 0100\r\nEND:VCARD\r\n',
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Legal\r\nEMAIL;TYPE=work:bo@example.com\r\n' +
    'NOTE:counsel\\, on call\r\nEND:VCARD\r\n',
  'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Comms\r\nTEL;TYPE=cell:+1 555 0100\r\nEND:VCARD\r\n',
].join('');

const CONTACTS_CSV = [
  CSV_COLUMNS.join(','),
  'Ana Responder,Security,commander;lead,ana@example.com,+31 20 555 0100,,,yes,Europe/Amsterdam,first call',
  '"Bo, Legal",Legal,counsel,bo@example.com,,,,no,UTC,"says ""call first"""',
  'Cy Comms,Comms,,cy@example.com;cy2@example.com,,@cy,,true,America/New_York,',
  '',
].join('\n');

/** A YAML document that expands to far more than it says. */
const YAML_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'version: 1',
  '',
].join('\n');

/** A line of a file replaced, dropped, cut, doubled or salted. */
function mangledLine(line: string): fc.Arbitrary<string | null> {
  return fc.oneof(
    fc.constant(null),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.nat(line.length).map((cut) => line.slice(0, cut)),
    fc.constant(`${line}\n${line}`),
    fc
      .tuple(fc.nat(line.length), fc.integer({ min: 0, max: 0x1f }))
      .map(
        ([at, code]) =>
          `${line.slice(0, at)}${String.fromCharCode(code)}${line.slice(at)}`,
      ),
    fc
      .tuple(
        fc.nat(line.length),
        fc.constantFrom('"', ',', ':', '{', ']', '\\'),
      )
      .map(([at, mark]) => `${line.slice(0, at)}${mark}${line.slice(at)}`),
    fc.tuple(fc.nat(line.length), hostileValue()).map(([at, value]) => {
      let text: string;
      try {
        text = JSON.stringify(value) ?? String(value);
      } catch {
        text = String(value);
      }
      return `${line.slice(0, at)}${text.slice(0, 200_000)}${line.slice(at)}`;
    }),
    fc.constant('x'.repeat(300_000)),
  );
}

/** File contents from a valid sample: garbage, truncated or mangled. */
function fileFrom(sample: string): fc.Arbitrary<Buffer> {
  const lines = sample.split('\n');
  const mangled = fc
    .array(
      fc
        .nat(Math.max(0, lines.length - 1))
        .chain((at) =>
          mangledLine(lines[at]).map((line) => [at, line] as const),
        ),
      { minLength: 1, maxLength: 3 },
    )
    .map((changes) => {
      const copy: (string | null)[] = [...lines];
      for (const [at, line] of changes) copy[at] = line;
      return copy.filter((line) => line !== null).join('\n');
    });
  const text = fc.oneof(
    { weight: 2, arbitrary: fc.constant(sample) },
    {
      weight: 3,
      arbitrary: fc.nat(sample.length).map((cut) => sample.slice(0, cut)),
    },
    { weight: 8, arbitrary: mangled },
    { weight: 1, arbitrary: fc.constant(YAML_BOMB) },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 3_000 }).map(toBuffer) },
    {
      weight: 10,
      arbitrary: text.map((content) => Buffer.from(content, 'utf8')),
    },
    {
      weight: 1,
      arbitrary: text.map((content) => Buffer.from(content, 'utf16le')),
    },
    {
      weight: 1,
      arbitrary: text.map((content) =>
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content)]),
      ),
    },
  );
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes);

async function invokeJudged(
  judged: Judged,
  warRoom: WarRoom,
  channel: string,
  input: Record<string, unknown>,
  judgeValue: (value: unknown) => { refusedWhole: boolean; problem?: string },
) {
  const { tally, failures, label } = judged;
  const before = databaseDigest(warRoom.db);
  tally.tried += 1;
  let result: Awaited<ReturnType<WarRoom['invoke']>>;
  try {
    result = await warRoom.invoke(channel, input, testContext);
  } catch (error) {
    tally.crashes += 1;
    failures.add(`${label} import threw ${errorText(error)}`);
    return;
  }
  let refusedWhole: boolean;
  if (!result.ok) {
    refusedWhole = true;
    if (result.error.kind === 'internal' || !result.error.message) {
      tally.crashes += 1;
      failures.add(
        `${label} import answered an unexplained error ` +
          `"${result.error.message.slice(0, 160)}"`,
      );
    }
  } else {
    const verdict = judgeValue(result.value);
    refusedWhole = verdict.refusedWhole;
    if (verdict.problem) {
      tally.crashes += 1;
      failures.add(`${label} import: ${verdict.problem}`);
    }
  }
  if (!refusedWhole) {
    tally.accepted += 1;
    return;
  }
  tally.rejected += 1;
  const after = databaseDigest(warRoom.db);
  if (after !== before) {
    tally.digestMismatches += 1;
    failures.add(
      `${label} import refused ${String(input.path ?? describeInput(input))} but changed ` +
        `${changedTables(before, after)}: ${describeInput(result, 300)}`,
    );
  }
}

type Problem = { line?: unknown; position?: unknown; message?: unknown };

function unnamedProblem(problems: Problem[], where: 'line' | 'position') {
  const bad = problems.find(
    (p) =>
      !Number.isInteger(p[where]) ||
      (p[where] as number) < 1 ||
      typeof p.message !== 'string' ||
      p.message.trim() === '',
  );
  return bad === undefined
    ? undefined
    : `a problem without a ${where} or message: ${describeInput(bad)}`;
}

function judgeTimelineReport(value: unknown) {
  const report = value as {
    refused: boolean;
    fileProblem: string | null;
    problems: Problem[];
    rejected: number;
    imported: number;
  };
  let problem = unnamedProblem(report.problems, 'line');
  if (report.refused && !report.fileProblem && report.problems.length === 0) {
    problem ??= 'a refusal that names no problem';
  }
  if (report.rejected > 0 && report.problems.length === 0) {
    problem ??= `${report.rejected} rows rejected, none named`;
  }
  return { refusedWhole: report.refused, problem };
}

function judgeContactsReport(value: unknown) {
  const report = value as { imported: number; problems: Problem[] };
  return {
    refusedWhole: report.imported === 0,
    problem: unnamedProblem(report.problems, 'position'),
  };
}

async function fuzzTimeline(
  warRoom: WarRoom,
  incidentId: string,
  folder: string,
  judged: Judged,
  drawOptions: Parameters<typeof drive>[1],
  exampleDir: string,
) {
  const samples = timelineSamples(exampleDir);
  const names = Object.keys(samples);
  const arbitrary = fc.constantFrom(...names).chain((name) =>
    fc.record({
      name: fc.constant(name),
      content: fileFrom(samples[name]),
      format: fc.option(fc.constantFrom(...IMPORT_FORMATS), { freq: 2 }),
      skipBadRows: fc.boolean(),
    }),
  );
  await drive(arbitrary, drawOptions, async (file, index) => {
    const dir = join(folder, `timeline-${index}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, file.name);
    writeFileSync(path, file.content);
    await invokeJudged(
      judged,
      warRoom,
      'timeline:import',
      {
        incidentId,
        path,
        skipBadRows: file.skipBadRows,
        ...(file.format === null ? {} : { format: file.format }),
      },
      judgeTimelineReport,
    );
    rmSync(dir, { recursive: true, force: true });
  });
}

async function fuzzContacts(
  warRoom: WarRoom,
  judged: Judged,
  drawOptions: Parameters<typeof drive>[1],
) {
  const arbitrary = fc.oneof(
    fc.record({
      format: fc.constant('vcard' as const),
      content: fileFrom(VCARDS),
    }),
    fc.record({
      format: fc.constant('csv' as const),
      content: fileFrom(CONTACTS_CSV),
    }),
  );
  // The plan's contacts are seeded on the first use of any contacts
  // channel; seed them now so that first use is not taken for a write by
  // a refused import.
  await warRoom.invoke('contacts:list', {}, testContext);
  await drive(arbitrary, drawOptions, (file) =>
    invokeJudged(
      judged,
      warRoom,
      'contacts:import',
      { format: file.format, text: file.content.toString('utf8') },
      judgeContactsReport,
    ),
  );
}

/** A configuration loader must report a bad file, never throw on it. */
function judgeLoad(judged: Judged, load: () => 'accepted' | 'rejected') {
  const { tally, failures, label } = judged;
  tally.tried += 1;
  try {
    tally[load()] += 1;
  } catch (error) {
    tally.crashes += 1;
    failures.add(`${label} loading threw ${errorText(error)}`);
  }
}

function fuzzRules(
  dataDir: string,
  judged: Judged,
  drawOptions: Parameters<typeof drive>[1],
) {
  const resourcesDir = findResourcesDir();
  const shipped = readFileSync(join(resourcesDir, RULES_FILE), 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const plain = loadRules(resourcesDir, dataDir).rules;
  return drive(fileFrom(shipped), drawOptions, async (content) => {
    writeFileSync(join(dataDir, RULES_FILE), content);
    judgeLoad(judged, () => {
      const view = loadRules(resourcesDir, dataDir);
      if (view.problems.length === 0) return 'accepted';
      const unnamed = view.problems.find(
        (p) => !p.message || !p.file.endsWith(RULES_FILE),
      );
      if (unnamed) {
        judged.tally.crashes += 1;
        judged.failures.add(`rules problem names no file or message`);
      }
      if (!isDeepStrictEqual(view.rules, plain)) {
        judged.tally.crashes += 1;
        judged.failures.add('a refused rules override was partly applied');
      }
      return 'rejected';
    });
  });
}

function fuzzPlaybooks(
  dataDir: string,
  judged: Judged,
  drawOptions: Parameters<typeof drive>[1],
) {
  const resourcesDir = findResourcesDir();
  const shipped = readFileSync(
    join(resourcesDir, PLAYBOOK_DIR, 'data-breach.yaml'),
    'utf8',
  ).replace('id: data-breach', 'id: organisation-breach');
  const folder = join(dataDir, PLAYBOOK_DIR);
  mkdirSync(folder, { recursive: true });
  const shippedCount = loadPlaybookLibrary(resourcesDir, dataDir).catalogue
    .playbooks.length;
  return drive(fileFrom(shipped), drawOptions, async (content) => {
    writeFileSync(join(folder, 'organisation.yaml'), content);
    judgeLoad(judged, () => {
      const { catalogue } = loadPlaybookLibrary(resourcesDir, dataDir);
      if (catalogue.problems.length === 0) {
        if (catalogue.playbooks.length !== shippedCount + 1) {
          judged.tally.crashes += 1;
          judged.failures.add('a playbook file was neither loaded nor refused');
        }
        return 'accepted';
      }
      const unnamed = catalogue.problems.find(
        (p) => !p.message || !p.file.endsWith('organisation.yaml'),
      );
      if (unnamed) {
        judged.tally.crashes += 1;
        judged.failures.add(
          `playbook problem names no file or message: ${describeInput(unnamed)}`,
        );
      }
      if (catalogue.playbooks.length !== shippedCount) {
        judged.tally.crashes += 1;
        judged.failures.add('a refused playbook file was partly loaded');
      }
      return 'rejected';
    });
  });
}

export async function fuzzImports(options: {
  warRoom: WarRoom;
  incidentId: string;
  workDir: string;
  exampleDir: string;
  seed: number;
  deadline: number;
  maxRunsPerFormat: number;
  failures: Failures;
}): Promise<ImportTallies> {
  const { failures } = options;
  const tallies: ImportTallies = {
    timeline: newTally(),
    contacts: newTally(),
    rules: newTally(),
    playbooks: newTally(),
  };
  // Each kind of file gets its slice of the time, ending at a fixed
  // fraction of it, so one slow kind cannot starve the others.
  const start = Date.now();
  const span = options.deadline - start;
  const share = (name: keyof ImportTallies, endsAt: number) => ({
    seed: nameSeed(options.seed, `import ${name}`),
    deadline: start + span * endsAt,
    maxRuns: options.maxRunsPerFormat,
  });
  const judged = (name: keyof ImportTallies): Judged => ({
    tally: tallies[name],
    failures,
    label: name,
  });

  const folder = join(options.workDir, 'import-files');
  await fuzzTimeline(
    options.warRoom,
    options.incidentId,
    folder,
    judged('timeline'),
    share('timeline', 0.4),
    options.exampleDir,
  );
  await fuzzContacts(
    options.warRoom,
    judged('contacts'),
    share('contacts', 0.65),
  );
  await fuzzRules(
    join(options.workDir, 'rules-data'),
    judged('rules'),
    share('rules', 0.85),
  );
  await fuzzPlaybooks(
    join(options.workDir, 'playbook-data'),
    judged('playbooks'),
    share('playbooks', 1),
  );
  return tallies;
}
