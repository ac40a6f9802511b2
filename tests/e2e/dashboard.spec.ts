import type { Locator, Page } from '@playwright/test';
import { connectedTest, simulatorTest } from './admin-sim-fixtures';
import { createIncident } from './api';
import { chooseIncident, showPane } from './command-helpers';
import { expect, saveScreenshot } from './fixtures';

function headerState(app: Page): Locator {
  return app.getByTestId('admin-api-state');
}

async function openDashboard(app: Page) {
  await headerState(app).click();
  await expect(
    app.getByRole('heading', { name: 'Security dashboard' }),
  ).toBeVisible();
}

function tab(app: Page, name: string): Locator {
  return app.getByRole('tab', { name, exact: true });
}

function section(app: Page, testId: string): Locator {
  return app.getByTestId(testId);
}

/** Pulls at once rather than waiting for the poller's next round. */
async function syncNow(app: Page) {
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.getByTestId('sync-result')).toContainText('Synced');
}

/** What the simulator's plan profile answers, as the dashboard shows it. */
async function expectSimulatorData(app: Page) {
  await expect(app.getByTestId('metric-tile')).toHaveCount(8);
  await expect(app.getByTestId('metric-tile').first()).toHaveText(
    'Active admin sessions3',
  );
  const alert = app
    .getByTestId('alert-row')
    .filter({ hasText: 'Low 2FA Adoption Rate' });
  await expect(alert).toContainText('Warning');
  await expect(alert).toContainText(
    '25.0% of admin users do not have 2FA enabled',
  );
  await expect(alert).toContainText('evaluated 2025-01-20');
  await expect(section(app, 'health-overall')).toContainText('healthy');
  await expect(app.getByTestId('health-component')).not.toHaveCount(0);
}

/** The page's clock runs ahead of the server's by this much while offline. */
const OFFLINE_FOR = '04:00';

connectedTest.describe('with the page clock under the test’s control', () => {
  connectedTest.use({ fakeClock: true });

  connectedTest(
    'the dashboard fills from the platform, goes stale offline and refreshes',
    async ({ app, server, sim }) => {
      const incident = await createIncident(server, 'Credential stuffing');
      await chooseIncident(app, incident.title);

      await openDashboard(app);
      await syncNow(app);
      await expect(headerState(app)).toContainText(/Admin API: online · \d+ s/);
      await expectSimulatorData(app);
      await expect(
        section(app, 'alerts-section').getByTestId('fetched-age'),
      ).toHaveText(/^fetched \d+ s ago$/);
      await saveScreenshot(app, 'dashboard-overview');

      await tab(app, 'Events').click();
      await expect(app.getByTestId('event-row').first()).toBeVisible();
      const all = await app.getByTestId('event-row').count();
      await app.getByLabel('Severity').selectOption('Critical');
      await expect(async () => {
        const critical = await app.getByTestId('event-row').count();
        expect(critical).toBeGreaterThan(0);
        expect(critical).toBeLessThan(all);
      }).toPass();
      await expect(app.getByTestId('event-row').first()).toContainText(
        'Critical',
      );
      await app.getByRole('button', { name: 'Clear filters' }).click();
      await expect(app.getByTestId('event-count')).toHaveText(/events cached$/);
      await expect(app.getByTestId('event-row')).toHaveCount(all);
      await saveScreenshot(app, 'dashboard-events');

      // The audit log for a window is kept as evidence of the incident.
      await app.getByRole('button', { name: 'Pull audit log…' }).click();
      const pull = app.getByTestId('audit-pull-form');
      await pull
        .getByLabel('From', { exact: true })
        .fill('2025-01-20T09:00:00');
      await pull.getByLabel('From: zone').fill('Z');
      await pull.getByLabel('To', { exact: true }).fill('2025-01-20T11:00:00');
      await pull.getByLabel('To: zone').fill('Z');
      await pull
        .getByRole('button', { name: 'Pull and keep as evidence' })
        .click();
      await expect(app.getByTestId('audit-pull-result')).toContainText(
        /Kept as evidence: \S+ · SHA-256 [0-9a-f]{64}/,
      );
      await saveScreenshot(app, 'dashboard-audit-pull');

      // The platform goes away: the header says so, and what is shown is
      // marked as the last known state with its age.
      await sim.control.down();
      await tab(app, 'Overview').click();
      await syncNow(app);
      await expect(headerState(app)).toContainText(
        /Admin API: offline · last contact \d+ s ago/,
      );
      await expect(app.getByTestId('connection-banner')).toContainText(
        'Offline: the platform is not answering',
      );
      await expect(
        section(app, 'alerts-section').getByTestId('fetched-age'),
      ).toHaveText(/^Last known state, not live · fetched \d+ s ago$/);
      await expectSimulatorData(app);
      const offer = app.getByTestId('transition-offer');
      await expect(offer).toContainText('The admin API went offline');
      // Minutes later, by the page's clock, the ages say how old it all is.
      await app.clock.fastForward(OFFLINE_FOR);
      await expect(headerState(app)).toContainText(
        'Admin API: offline · last contact 4 min ago',
      );
      await expect(
        section(app, 'metrics-section').getByTestId('fetched-age'),
      ).toHaveText('Last known state, not live · fetched 4 min ago');
      await saveScreenshot(app, 'dashboard-offline');
      await app.clock.setSystemTime(Date.now());
      await offer.getByRole('button', { name: 'Add to timeline' }).click();
      await expect(offer).toBeHidden();

      // Back again: one sync brings it up to date.
      await sim.control.up();
      await syncNow(app);
      await expect(headerState(app)).toContainText(/Admin API: online/);
      await expect(app.getByTestId('connection-banner')).toBeHidden();
      await expect(
        section(app, 'alerts-section').getByTestId('fetched-age'),
      ).toHaveText(/^fetched \d+ s ago$/);
      await expect(app.getByTestId('transition-offer')).toContainText(
        'is back online',
      );
      await app
        .getByTestId('transition-offer')
        .getByRole('button', { name: 'Dismiss' })
        .click();

      // An alert pinned to the incident is on its timeline, at its time.
      await app
        .getByRole('button', { name: 'Pin to timeline: Low 2FA Adoption Rate' })
        .click();
      await expect(
        section(app, 'alerts-section').getByTestId('pinned'),
      ).toHaveText('✓ Pinned');
      await showPane(app, 'Timeline');
      const timeline = app.getByRole('list', { name: 'Timeline entries' });
      await expect(timeline).toContainText(
        'Platform alert Low 2FA Adoption Rate (warning)',
      );
      await expect(timeline).toContainText(
        /Admin API \w+: GET \S+: connection refused/,
      );
    },
  );
});

connectedTest(
  'the failed-login analysis shows its thresholds and attempts over time',
  async ({ app }) => {
    await openDashboard(app);
    await syncNow(app);
    await expect(headerState(app)).toContainText('online');
    await tab(app, 'Failed logins').click();
    await app.getByLabel('Window').selectOption('Last 90 days');

    await expect(app.getByTestId('pattern-credential-stuffing')).toContainText(
      'one IP address failing against',
    );
    await expect(app.getByTestId('pattern-distributed-attack')).toContainText(
      'one user failing from',
    );
    await expect(
      app.getByTestId('attempts-chart').getByRole('img'),
    ).toHaveAttribute('aria-label', /in 2160 hours/);
    await saveScreenshot(app, 'dashboard-failed-logins');
  },
);

simulatorTest(
  'the platform is set up from the console, and the token never shown',
  async ({ app, sim }) => {
    await expect(headerState(app)).toHaveText('Admin API: not configured');
    await app.getByTestId('theme-toggle').click();
    await openDashboard(app);
    const settings = app.getByTestId('connection-settings');
    await expect(app.getByTestId('not-configured')).toContainText(
      'The admin API is not configured.',
    );
    await settings.getByLabel('Platform address').fill(sim.url);
    await settings.getByLabel('Requests per minute').fill('600');
    await expect(app.getByTestId('capability-map')).toBeVisible();
    await saveScreenshot(app, 'dashboard-settings');
    await settings.getByLabel('Admin token').fill(sim.token);
    await expect(settings.getByLabel('Admin token')).toHaveAttribute(
      'type',
      'password',
    );
    await settings.getByRole('button', { name: 'Save and connect' }).click();
    await expect(app.getByTestId('not-configured')).toBeHidden();
    await syncNow(app);

    await expect(headerState(app)).toContainText('Admin API: online');
    await expectSimulatorData(app);

    await tab(app, 'Connection').click();
    const capabilities = app.getByTestId('capability-row');
    await expect(
      capabilities.filter({ hasText: 'Security alerts' }),
    ).toContainText('✓ Available');
    await expect(
      app.getByTestId('capability-map').getByTestId('fetched-age'),
    ).toContainText('checked');
    await expect(app.getByLabel('Admin token')).toHaveValue('');
    await app.getByRole('button', { name: 'Discover again' }).click();
    await expect(capabilities.first()).toBeVisible();
    expect(await app.content()).not.toContain(sim.token);
    await app.setViewportSize({ width: 1360, height: 1200 });
    await saveScreenshot(app, 'dashboard-capabilities');
  },
);
