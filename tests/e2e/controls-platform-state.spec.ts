import { syncedTest } from './admin-sim-fixtures';
import { createIncident } from './api';
import { chooseIncident, openControls } from './command-helpers';
import { expect, saveScreenshot } from './fixtures';

const VPN_RANGE = '198.51.100.10/32';

syncedTest(
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
