import {
  test as base,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loggedErrors, startServe, type ServeProcess } from './serve-process';

/** What serve mode says on stderr by design; anything else is a problem. */
const EXPECTED_STDERR = /^Press Ctrl\+C to stop\.$/;

function unexpectedStderr(server: ServeProcess): string {
  return server
    .stderr()
    .split('\n')
    .filter((line) => line.trim() && !EXPECTED_STDERR.test(line))
    .join('\n');
}

type Fixtures = {
  /** `war-room serve` over a fresh data directory, for this test only. */
  server: ServeProcess;
  /** The console, opened at the address the server printed. */
  app: Page;
};

type Options = {
  /**
   * Fake the page's clock before it loads, starting at the real time, so a
   * test moves it with `page.clock` (the server keeps real time).
   */
  fakeClock: boolean;
  /** Added to the serve process's environment, e.g. WAR_ROOM_ADMIN_URL. */
  serveEnv: Record<string, string>;
};

/**
 * Each test gets its own server and data directory. A test fails if the
 * server wrote to stderr or logged an error, if it did not stop cleanly on
 * SIGTERM, or if the page logged a console error or threw.
 */
export const test = base.extend<Fixtures & Options>({
  fakeClock: [false, { option: true }],
  serveEnv: [{}, { option: true }],

  server: async ({ serveEnv }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'war-room-e2e-'));
    const server = await startServe(dataDir, serveEnv);
    try {
      await use(server);
    } finally {
      const code = await server.stop();
      const errors = await loggedErrors(dataDir);
      await rm(dataDir, { recursive: true, force: true });
      expect(unexpectedStderr(server), 'war-room serve wrote to stderr').toBe(
        '',
      );
      expect(errors, 'war-room serve logged errors').toEqual([]);
      expect(code, 'war-room serve exit code after SIGTERM').toBe(0);
    }
  },

  app: async ({ page, server, fakeClock }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (
        message.type() === 'error' &&
        text !== PLAYWRIGHT_SCRIPT_IN_SANDBOXED_FRAME
      ) {
        problems.push(text);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) {
        problems.push(`HTTP ${response.status()} for ${response.url()}`);
      }
    });

    if (fakeClock) await page.clock.install({ time: Date.now() });
    await page.goto(server.url);
    await use(page);
    expect(problems, 'console errors or page errors').toEqual([]);
  },
});

/**
 * Playwright runs its own scripts in every frame (to record traces and
 * take screenshots), and Chromium refuses and logs that in the report
 * preview, whose frame is sandboxed with no script allowed. The report
 * itself holds no script (src/main/report/report.test.ts), so only this
 * exact message is excused.
 */
const PLAYWRIGHT_SCRIPT_IN_SANDBOXED_FRAME =
  "Blocked script execution in 'about:srcdoc' because the document's " +
  "frame is sandboxed and the 'allow-scripts' permission is not set.";

export { expect };

/**
 * Playwright empties test-results/ when a run starts, so screenshots are
 * written during the test, under a stable name a person can find.
 */
export async function saveScreenshot(page: Page, name: string, part?: Locator) {
  const path = join('test-results', 'screenshots', `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await (part ?? page).screenshot({ path });
  return path;
}
