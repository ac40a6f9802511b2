/**
 * The bad-input campaign: property-based fuzzing (fast-check, seeded by
 * the runner's seed) of every IPC channel's input, every admin-API answer
 * the client decodes, every file War Room imports and evidence file
 * names. Nothing may crash, every refusal must be a typed error naming
 * what is wrong, and a refused input must leave the database as it was.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Campaign, CampaignOptions } from './campaign';
import { fuzzAdminAnswers } from './bad-input-admin';
import { fuzzImports } from './bad-input-imports';
import { fuzzIpc } from './bad-input-ipc';
import { Failures, errorText, tallyFigures } from './bad-input-kit';
import { fuzzEvidenceNames } from './bad-input-names';
import { manualClock } from '../../src/main/clock';
import {
  openTestWarRoom,
  TEST_START_MICROS,
  testContext,
} from '../../src/main/test-support/temp-war-room';

const here = fileURLToPath(new URL('.', import.meta.url));
const SIM_EXAMPLES = join(here, '..', 'admin-sim', 'examples');
const CONTRACT_EXAMPLES = '/work/shared/admin-api/examples';

/** The short run's whole budget, as `npm test` runs it. */
const SHORT_BUDGET_MS = 30_000;

/** Caps on inputs per channel, parser, file kind and name route. */
const RUNS = {
  short: { channel: 12, parser: 60, file: 60, names: 80 },
  full: { channel: 100_000, parser: 100_000, file: 100_000, names: 100_000 },
};

/** Fractions of the budget, in the order the targets run. */
const SHARES = { ipc: 0.45, admin: 0.15, imports: 0.25, names: 0.15 };

async function openFilesWarRoom(workDir: string) {
  const clock = manualClock(TEST_START_MICROS);
  const { warRoom } = openTestWarRoom(join(workDir, 'files-data'), { clock });
  const created = await warRoom.invoke(
    'incident:create',
    { title: 'Imports', severity: 'medium', category: 'data-security' },
    testContext,
  );
  if (!created.ok) throw new Error(created.error.message);
  return { warRoom, incidentId: (created.value as { id: string }).id };
}

async function run(options: CampaignOptions) {
  const budgetMs = options.short
    ? Math.min(options.budgetMs, SHORT_BUDGET_MS)
    : options.budgetMs;
  const runs = options.short ? RUNS.short : RUNS.full;
  const failures = new Failures();
  const start = Date.now();
  let share = 0;
  const until = (fraction: number) => {
    share += fraction;
    return start + budgetMs * share;
  };

  // A rejection nobody awaited is a crash whichever input caused it.
  let stray = 0;
  const onStray = (error: unknown) => {
    stray += 1;
    failures.add(`unhandled rejection: ${errorText(error)}`);
  };
  process.on('unhandledRejection', onStray);
  // The IPC target moves into its sandbox; this puts it back.
  const cwd = process.cwd();
  try {
    const ipc = await fuzzIpc({
      workDir: options.workDir,
      seed: options.seed,
      deadline: until(SHARES.ipc),
      maxRunsPerChannel: runs.channel,
      failures,
      log: options.log,
    });
    if (ipc.skipped.length > 0) {
      options.log(`channels skipped: ${ipc.skipped.join(', ')}`);
    }
    options.log(`ipc: ${ipc.tally.tried} inputs over ${ipc.channels} channels`);

    const admin = await fuzzAdminAnswers({
      seed: options.seed,
      deadline: until(SHARES.admin),
      maxRunsPerTarget: runs.parser,
      exampleDirs: [SIM_EXAMPLES, CONTRACT_EXAMPLES],
      failures,
    });
    options.log(`admin: ${admin.tally.tried} answers`);

    const files = await openFilesWarRoom(options.workDir);
    const imports = await fuzzImports({
      ...files,
      workDir: options.workDir,
      exampleDir: SIM_EXAMPLES,
      seed: options.seed,
      deadline: until(SHARES.imports),
      maxRunsPerFormat: runs.file,
      failures,
    });
    options.log(`imports: ${imports.timeline.tried} timelines`);
    const names = await fuzzEvidenceNames({
      ...files,
      workDir: options.workDir,
      seed: options.seed,
      deadline: until(SHARES.names),
      maxRuns: runs.names,
      failures,
    });
    files.warRoom.close();

    return {
      figures: {
        'ipc channels': ipc.channels,
        'ipc channels with a valid base input': ipc.withValidBase,
        'ipc channels skipped': ipc.skipped.length,
        ...tallyFigures('ipc', ipc.tally),
        'ipc internal errors': ipc.internalErrors,
        'ipc paths confined to the sandbox': ipc.confinedPaths,
        'admin parsers': admin.parsers,
        ...tallyFigures('admin', admin.tally),
        ...tallyFigures('timeline import', imports.timeline),
        ...tallyFigures('contacts import', imports.contacts),
        ...tallyFigures('rules override', imports.rules),
        ...tallyFigures('playbook file', imports.playbooks),
        ...tallyFigures('evidence names', names.tally),
        'evidence names not creatable as files': names.notCreatable,
        'unhandled rejections': stray,
      },
      failures: failures.sentences(),
    };
  } finally {
    process.chdir(cwd);
    process.off('unhandledRejection', onStray);
  }
}

export const campaign: Campaign = {
  name: 'bad-input',
  promise:
    'no input from outside (IPC, admin API, imported files, evidence ' +
    'names) crashes War Room; each is taken in or refused with a named ' +
    'error, and a refusal changes nothing',
  run,
};
