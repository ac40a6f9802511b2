/**
 * `npm run prove`: runs the trust campaigns (crash, faults, bad input,
 * secrets, serve mode) one after another with one seed, and prints each
 * campaign's figures and any broken promise. Exit code 1 when a promise
 * broke or a campaign itself failed, 0 otherwise.
 *
 * Options:
 *   --seed N        seed for every random choice (default: from the clock;
 *                   always printed so a failure can be replayed)
 *   --short         the shortened form `npm test` runs (at most 3 minutes)
 *   --only a,b      run only the named campaigns
 *   --minutes N     time budget of the whole run (default 30, short 2.5)
 *   --keep          leave the work directory behind for inspection
 *
 * Campaigns are discovered as `tests/prove/*-campaign.ts`, each exporting
 * `campaign`, so adding one needs no change here.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Campaign, CampaignResult } from './campaign';

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    short: { type: 'boolean', default: false },
    only: { type: 'string' },
    minutes: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

function positiveNumber(text: string | undefined, name: string) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const seed =
  positiveNumber(values.seed, 'seed') ?? (Date.now() % 2_147_483_647) + 1;
const totalMinutes =
  positiveNumber(values.minutes, 'minutes') ?? (values.short ? 2.5 : 30);

async function loadCampaigns(): Promise<Campaign[]> {
  const files = readdirSync(here)
    .filter((name) => name.endsWith('-campaign.ts'))
    .sort();
  const campaigns: Campaign[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(here, file)).href)) as {
      campaign?: Campaign;
    };
    if (!module.campaign) {
      throw new Error(`${file} does not export a campaign`);
    }
    campaigns.push(module.campaign);
  }
  return campaigns;
}

function selected(campaigns: Campaign[]) {
  if (!values.only) return campaigns;
  const names = values.only.split(',').map((name) => name.trim());
  const unknown = names.filter(
    (name) => !campaigns.some((campaign) => campaign.name === name),
  );
  if (unknown.length > 0) {
    const known = campaigns.map((campaign) => campaign.name).join(', ');
    console.error(`unknown campaign ${unknown.join(', ')} (known: ${known})`);
    process.exit(2);
  }
  return campaigns.filter((campaign) => names.includes(campaign.name));
}

function printResult(name: string, result: CampaignResult, seconds: number) {
  for (const [figure, value] of Object.entries(result.figures)) {
    const shown =
      typeof value === 'number' ? value.toLocaleString('en') : value;
    console.log(`  ${figure.padEnd(34)} ${shown}`);
  }
  console.log(`  ${'seconds'.padEnd(34)} ${seconds.toFixed(1)}`);
  for (const failure of result.failures) {
    console.log(`  BROKEN: ${failure}`);
  }
  console.log(`${name}: ${result.failures.length === 0 ? 'held' : 'BROKEN'}`);
}

async function main() {
  const campaigns = selected(await loadCampaigns());
  const mode = values.short ? 'short' : 'full';
  console.log(
    `prove (${mode}): seed ${seed}, ${campaigns.length} campaigns, ` +
      `budget ${totalMinutes} min — replay with --seed ${seed}`,
  );
  const root = mkdtempSync(join(tmpdir(), 'war-room-prove-'));
  // Each campaign gets its weighted share of the time left; one that ends
  // early leaves its remainder to the ones after it.
  const deadline = Date.now() + totalMinutes * 60_000;
  const weightOf = (campaign: Campaign) => campaign.weight ?? 1;
  let broken = 0;
  for (const [index, campaign] of campaigns.entries()) {
    const weightLeft = campaigns
      .slice(index)
      .reduce((sum, next) => sum + weightOf(next), 0);
    const budgetMs = Math.max(
      5_000,
      ((deadline - Date.now()) * weightOf(campaign)) / weightLeft,
    );
    const workDir = mkdtempSync(join(root, `${campaign.name}-`));
    console.log(`\n== ${campaign.name}: ${campaign.promise}`);
    const started = Date.now();
    try {
      const result = await campaign.run({
        seed,
        budgetMs,
        short: values.short,
        workDir,
        log: (line) => console.log(`  [${campaign.name}] ${line}`),
      });
      printResult(campaign.name, result, (Date.now() - started) / 1000);
      if (result.failures.length > 0) broken += 1;
    } catch (error) {
      broken += 1;
      console.log(`${campaign.name}: FAILED to run`);
      console.error(error);
    }
  }
  if (values.keep) console.log(`\nwork directory kept: ${root}`);
  else rmSync(root, { recursive: true, force: true });
  console.log(
    `\nprove: ${campaigns.length - broken} held, ${broken} broken ` +
      `(seed ${seed})`,
  );
  process.exitCode = broken > 0 || campaigns.length === 0 ? 1 : 0;
}

await main();
