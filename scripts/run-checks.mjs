#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in the order they depend on each
 * other, ending with one line `N passed, N failed, N skipped` that sums
 * every runner. Typecheck, lint, format, build, the Electron security scan
 * and the short trust campaigns count as one check each; Vitest and
 * Playwright count their tests. Exits non-zero on any failure or
 * when nothing ran. The summary is also written to reports/summary.txt.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: process.env,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${label}: exit ${result.status} (${seconds} s)`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) {
    totals.passed += 1;
  } else {
    totals.failed += 1;
    failures.push(label);
  }
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function runner(label, command, args, report, count) {
  rmSync(report, { force: true });
  const exitedCleanly = run(label, command, args);
  const counts = count(readJson(report));
  if (!counts) {
    totals.failed += 1;
    failures.push(`${label} (no report at ${report})`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (!exitedCleanly && counts.failed === 0) {
    totals.failed += 1;
    failures.push(`${label} (exited non-zero)`);
  } else if (counts.failed > 0) {
    failures.push(label);
  }
}

const vitestCounts = (report) =>
  report && {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };

const playwrightCounts = (report) =>
  report?.stats && {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };

mkdirSync('reports', { recursive: true });
const npx = 'npx';
check('typecheck', 'npm', ['run', '-s', 'typecheck']);
check('lint', 'npm', ['run', '-s', 'lint']);
check('format', 'npm', ['run', '-s', 'format:check']);
check('build', 'npm', ['run', '-s', 'build']);
check('electron security scan', 'node', ['scripts/electron-security-scan.mjs']);
runner(
  'unit tests (vitest)',
  npx,
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=reports/vitest.json',
  ],
  'reports/vitest.json',
  vitestCounts,
);
// The shortened trust campaigns (crash, faults, bad input, secrets, serve
// mode): about two and a half minutes, with the seed printed for replay.
check('trust campaigns (npm run prove -- --short)', 'npx', [
  'tsx',
  'tests/prove/run.ts',
  '--short',
]);
if (existsSync('out/renderer/index.html')) {
  runner(
    'browser tests (playwright)',
    npx,
    ['playwright', 'test'],
    'reports/e2e.json',
    playwrightCounts,
  );
} else {
  totals.failed += 1;
  failures.push('browser tests (the renderer was not built)');
}

const summary = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync('reports/summary.txt', `${summary}\n`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${summary}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
