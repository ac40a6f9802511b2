import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the real renderer through `war-room serve`; each test
 * starts its own server on a fresh data directory (see tests/e2e/fixtures.ts),
 * so there is no shared webServer here. Build first: `npm run build`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    viewport: { width: 1360, height: 820 },
    locale: 'en-US',
    // A zone away from UTC, so switching to local time visibly changes
    // every time on screen.
    timezoneId: 'Asia/Kolkata',
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
