import {
  startAdminSimulator,
  type AdminSimulator,
} from '../admin-sim/simulator';
import { invoke } from './api';
import { test as base } from './fixtures';

/**
 * The admin-API simulator, speaking the plan's calls, for one test only.
 * It is started before War Room's server and closed after it.
 */
export const simulatorTest = base.extend<{ sim: AdminSimulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  sim: async ({}, use) => {
    const sim = await startAdminSimulator({ profile: 'plan' });
    try {
      await use(sim);
    } finally {
      await sim.close();
    }
  },
});

/**
 * War Room started with the simulator's address and token in its env.
 * Its polling budget is raised to the most the contract allows, so a
 * sync is not paced out over the platform's 60-a-minute limit (a first
 * discovery alone would take half a minute); the simulator's plan
 * profile does not rate-limit.
 */
export const connectedTest = simulatorTest.extend({
  serveEnv: async ({ sim }, use) =>
    use({ WAR_ROOM_ADMIN_URL: sim.url, WAR_ROOM_ADMIN_TOKEN: sim.token }),
  server: async ({ server, sim }, use) => {
    await invoke(server, 'admin:configure', {
      baseUrl: sim.url,
      pollBudgetPerMinute: 600,
    });
    await use(server);
  },
});

/** Connected, and synced once, so what the server offers is known. */
export const syncedTest = connectedTest.extend({
  server: async ({ server }, use) => {
    await invoke(server, 'admin:sync-now', {});
    await use(server);
  },
});
