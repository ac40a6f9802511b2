import type { Page } from '@playwright/test';
import {
  startAdminSimulator,
  type AdminSimulator,
} from '../admin-sim/simulator';
import { createIncident, invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot, test as base } from './fixtures';

/** The simulator speaking the plan's calls, for this test only. */
const test = base.extend<{ sim: AdminSimulator }>({
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

/** War Room pointed at the simulator, its polling budget raised. */
const configuredTest = test.extend({
  serveEnv: async ({ sim }, use) =>
    use({ WAR_ROOM_ADMIN_URL: sim.url, WAR_ROOM_ADMIN_TOKEN: sim.token }),
  server: async ({ server, sim }, use) => {
    await invoke(server, 'admin:configure', {
      baseUrl: sim.url,
      pollBudgetPerMinute: 600,
    });
    await invoke(server, 'admin:sync-now', {});
    await use(server);
  },
});

const VPN_RANGE = '198.51.100.10/32';

async function openControls(app: Page) {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Controls', exact: true })
    .click();
  await expect(app.getByRole('heading', { name: /^Controls/ })).toBeVisible();
}

configuredTest(
  'an allowlist entry picked from the platform is removed through the dialog',
  async ({ app, server, sim }) => {
    const incident = await createIncident(server, 'Responder VPN abused');
    await chooseIncident(app, incident.title);
    await openControls(app);

    const section = app.getByTestId('controls-platform-state');
    await section.getByRole('button', { name: 'Read from platform' }).click();
    const entry = section
      .getByTestId('platform-allowlist-row')
      .filter({ hasText: VPN_RANGE });
    await expect(entry).toContainText('Incident IR-2025-0120 responder VPN');
    await expect(section.getByTestId('platform-read-at')).toContainText(
      /^Read \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    await expect(section.getByTestId('platform-session-row')).not.toHaveCount(
      0,
    );
    // The plan has no lockout list: said so, the other lists still shown.
    await expect(section.getByTestId('platform-lockouts')).toContainText(
      'Not available:',
    );
    await saveScreenshot(app, 'controls-platform-state', section);

    await entry
      .getByRole('button', { name: /^Remove allowlist entry/ })
      .click();
    const dialog = app.getByTestId('action-dialog');
    const entryId = await entry.getAttribute('data-id');
    await expect(dialog.getByLabel('Entry id')).toHaveValue(entryId ?? '');
    await dialog.getByLabel(/^Reason/).fill('Responder VPN key leaked');
    const queue = dialog.getByRole('button', { name: 'Queue action' });
    await expect(queue).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('remove allowed address');
    await queue.click();
    await expect(dialog).toBeHidden();

    const queued = app
      .getByTestId('outbox-row')
      .filter({ hasText: `remove allowed address ${VPN_RANGE}` });
    await expect(queued.getByTestId('outbox-state')).toContainText('Confirmed');
    // One delete on the platform, of the entry picked.
    const removals = sim.control
      .effects()
      .filter((effect) => effect.kind === 'allowlist.entry-removed');
    expect(removals.map((effect) => effect.target)).toEqual([entryId]);

    await section.getByRole('button', { name: 'Read from platform' }).click();
    await expect(
      section
        .getByTestId('platform-allowlist-row')
        .filter({ hasText: VPN_RANGE }),
    ).toHaveCount(0);
    await expect(section.getByTestId('platform-allowlist-row')).not.toHaveCount(
      0,
    );
  },
);
