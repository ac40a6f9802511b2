import type { Locator, Page } from '@playwright/test';
import { syncedTest } from './admin-sim-fixtures';
import { createIncident, invoke } from './api';
import { chooseIncident, openControls } from './command-helpers';
import { expect, saveScreenshot } from './fixtures';

const LOCKDOWN_REASON = 'Stolen super-admin token used by an outsider';

function actionRow(app: Page, kind: string): Locator {
  return app.locator(`[data-testid="control-action"][data-kind="${kind}"]`);
}

function queueRow(app: Page, text: string): Locator {
  return app.getByTestId('outbox-row').filter({ hasText: text });
}

async function lockdownWithTypedConfirmation(app: Page) {
  await actionRow(app, 'lockdown')
    .getByRole('button', { name: 'lockdown…' })
    .click();
  const dialog = app.getByTestId('action-dialog');
  await dialog.getByLabel(/^Reason/).fill(LOCKDOWN_REASON);
  const queue = dialog.getByRole('button', { name: 'Queue action' });
  // Not until the action's name is typed.
  await expect(queue).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill('lockdow');
  await expect(queue).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill('lockdown');
  await saveScreenshot(app, 'controls-lockdown-dialog');
  await queue.click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('controls-notice')).toHaveText(
    'Queued lockdown.',
  );
}

syncedTest(
  'a lockdown goes out once confirmed by name; offline, actions wait',
  async ({ app, server, sim }) => {
    const incident = await createIncident(server, 'Admin token stolen');
    await chooseIncident(app, incident.title);
    await openControls(app);

    await expect(actionRow(app, 'lockdown')).toContainText('Available');
    await expect(actionRow(app, 'address-block')).toContainText(
      'No block capability',
    );
    await saveScreenshot(app, 'controls-actions');

    await lockdownWithTypedConfirmation(app);
    const lockdown = queueRow(app, 'lockdown');
    await expect(lockdown.getByTestId('outbox-state')).toContainText(
      'Confirmed',
    );
    await expect(lockdown).toContainText('200');
    await saveScreenshot(app, 'controls-lockdown-confirmed');
    // Exactly one effect on the platform, keyed by the action's id.
    const [queued] = await invoke(server, 'controls:list-actions', {
      incidentId: incident.id,
    });
    const lockdowns = sim.control
      .effects()
      .filter((effect) => effect.kind === 'lockdown.activated');
    expect(lockdowns).toHaveLength(1);
    expect(lockdowns[0]?.idempotencyKey).toBe(queued?.id);

    // The platform goes away: a new allowlist entry waits in the queue.
    await sim.control.down();
    await invoke(server, 'admin:sync-now', {});
    await actionRow(app, 'allowlist-add')
      .getByRole('button', { name: 'allow address…' })
      .click();
    const dialog = app.getByTestId('action-dialog');
    await dialog.getByLabel('Address or range to allow').fill('198.51.100.7');
    await expect(dialog.getByTestId('address-ok')).toContainText(
      '198.51.100.7',
    );
    await dialog.getByLabel(/^Reason/).fill('Responder VPN egress');
    await dialog.getByLabel(/to confirm/).fill('allow address');
    await dialog.getByRole('button', { name: 'Queue action' }).click();
    await expect(dialog).toBeHidden();
    const waiting = queueRow(app, '198.51.100.7');
    await expect(waiting.getByTestId('outbox-state')).toContainText('Queued');
    await expect(app.getByTestId('actions-waiting')).toHaveText(
      '1 action waits',
    );
    await saveScreenshot(app, 'controls-offline-waiting');

    // No block route: the intended block is recorded to do by hand.
    await actionRow(app, 'address-block')
      .getByRole('button', { name: /as a manual action/ })
      .click();
    await dialog.getByLabel('Address or range to block').fill('203.0.113.45');
    await dialog.getByLabel(/^Reason/).fill('Source of the stolen token');
    await dialog.getByRole('button', { name: 'Record manual action' }).click();
    await expect(app.getByTestId('controls-notice')).toContainText(
      'as a manual action with a checklist item',
    );
    await saveScreenshot(app, 'controls-manual-block');
    // The address to block never reached the platform (its allowlist
    // would have granted it access).
    expect(
      sim.requests
        .writes()
        .filter((request) =>
          `${request.search} ${request.bodyText}`.includes('203.0.113.45'),
        ),
    ).toEqual([]);

    // Back online, the waiting entry goes out by itself, once.
    await sim.control.up();
    await invoke(server, 'admin:sync-now', {});
    await expect(waiting.getByTestId('outbox-state')).toContainText(
      'Confirmed',
    );
    await expect(app.getByTestId('actions-waiting')).toBeHidden();
    expect(
      sim.control
        .effects()
        .filter((effect) => effect.kind === 'allowlist.entry-created'),
    ).toHaveLength(1);
    await saveScreenshot(app, 'controls-back-online');

    await app
      .getByRole('navigation', { name: 'Panes' })
      .getByRole('button', { name: 'Timeline', exact: true })
      .click();
    const timeline = app.getByRole('list', { name: 'Timeline entries' });
    // Queued, sent and confirmed, each on the timeline.
    await expect(timeline).toContainText('Action requested: lockdown');
    await expect(timeline).toContainText('Action sent: lockdown');
    await expect(timeline).toContainText(/answered lockdown: HTTP 200/);
    await expect(timeline).toContainText(
      'Action requested: allow address 198.51.100.7 while offline',
    );
    await expect(timeline).toContainText(
      'Manual action to take: block address on 203.0.113.45',
    );
    await saveScreenshot(app, 'controls-timeline');
  },
);

syncedTest(
  'under the two-person rule a second person confirms with a passphrase',
  async ({ app, server, sim }) => {
    const incident = await createIncident(server, 'Insider with admin rights');
    await chooseIncident(app, incident.title);
    await openControls(app);

    const settings = app.getByTestId('two-person-settings');
    await settings.getByLabel('Name').fill('Bea Second');
    await settings
      .getByLabel(/^Passphrase/)
      .fill('orange kettle under the stairs');
    await settings.getByRole('button', { name: 'Add second person' }).click();
    await expect(settings).toContainText('Set up: Bea Second');
    // Checked once main has stored it (the box shows the stored setting).
    await settings
      .getByLabel('Destructive actions need a second person')
      .click();
    await expect(
      settings.getByLabel('Destructive actions need a second person'),
    ).toBeChecked();

    // A private address is warned about before it can be allowed.
    await actionRow(app, 'allowlist-add')
      .getByRole('button', { name: 'allow address…' })
      .click();
    const dialog = app.getByTestId('action-dialog');
    await dialog.getByLabel('Address or range to allow').fill('0.0.0.0/0');
    await expect(dialog.getByTestId('address-refused')).toContainText(
      'never accepted',
    );
    await dialog.getByLabel('Address or range to allow').fill('10.20.0.0/16');
    await expect(dialog.getByTestId('address-warnings')).toContainText(
      'a private range',
    );
    await saveScreenshot(app, 'controls-address-warning');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await actionRow(app, 'lockdown')
      .getByRole('button', { name: 'lockdown…' })
      .click();
    await dialog.getByLabel(/^Reason/).fill(LOCKDOWN_REASON);
    await dialog.getByLabel(/to confirm/).fill('lockdown');
    await dialog.getByLabel('Second person').selectOption('Bea Second');
    await dialog.getByLabel('Their passphrase').fill('wrong guess entirely');
    await dialog.getByRole('button', { name: 'Queue action' }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'do not match a second person',
    );
    await dialog
      .getByLabel('Their passphrase')
      .fill('orange kettle under the stairs');
    await saveScreenshot(app, 'controls-two-person-dialog');
    await dialog.getByRole('button', { name: 'Queue action' }).click();
    await expect(dialog).toBeHidden();

    const lockdown = queueRow(app, 'lockdown');
    await expect(lockdown).toContainText('by ic-on-call + Bea Second');
    await expect(lockdown.getByTestId('outbox-state')).toContainText(
      'Confirmed',
    );
    expect(
      sim.control
        .effects()
        .filter((effect) => effect.kind === 'lockdown.activated'),
    ).toHaveLength(1);
    await saveScreenshot(
      app,
      'controls-two-person-confirmed',
      app.getByTestId('controls-queue'),
    );
  },
);
