import { createIncident, invoke } from './api';
import { expect, saveScreenshot, test } from './fixtures';

test('a commander opens an incident from the keyboard', async ({
  app,
  server,
}) => {
  await createIncident(server, 'Expired certificate on api gateway');
  await app.reload();
  await expect(app.getByTestId('incident-row')).toHaveCount(1);

  await app.keyboard.press('Shift+N');
  const dialog = app.getByRole('dialog', { name: 'New incident' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Title')).toBeFocused();

  await app.keyboard.type('SuperAdmin login from unknown ASN');
  await app.keyboard.press('Tab');
  await app.keyboard.type('High');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Authentication');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Compromised');
  await expect(dialog.getByLabel('Severity')).toHaveValue('high');
  await expect(dialog.getByLabel('Subtype')).toHaveValue(
    'compromised-superadmin-accounts',
  );
  await app.keyboard.press('Control+Enter');

  await expect(dialog).toBeHidden();
  await expect(
    app.getByRole('heading', { name: /SuperAdmin login from unknown ASN/ }),
  ).toBeVisible();
  await expect(app.getByLabel('New note')).toBeFocused();
  await expect(app.locator('header').getByTestId('severity-badge')).toHaveText(
    'Severity: High',
  );

  await app.getByRole('button', { name: 'Incidents' }).click();
  const rows = app.getByTestId('incident-row');
  await expect(rows).toHaveCount(2);
  const created = rows.filter({ hasText: 'SuperAdmin login from unknown ASN' });
  await expect(created).toContainText('High');
  await expect(created).toContainText(
    'Authentication & Access Control › Compromised SuperAdmin accounts',
  );
  // Opened, then the general checklist and the SuperAdmin playbook.
  await expect(created.locator('td').nth(4)).toHaveText('3');
  await saveScreenshot(app, 'incident-list');

  await app.getByTestId('theme-toggle').click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await saveScreenshot(app, 'incident-list-light');
});

test('the dialog shows the server’s refusal and closes on Escape', async ({
  app,
  server,
}) => {
  await app.getByRole('button', { name: 'New incident…' }).click();
  const dialog = app.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Severity').selectOption('medium');
  await dialog.getByLabel('Category').selectOption('network-security');
  await dialog.getByLabel('Title').press('Enter');

  await expect(dialog.getByRole('alert')).toContainText(
    'title: must not be empty',
  );
  await expect(dialog).toBeVisible();

  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await invoke(server, 'incident:list', {})).toEqual([]);
  await expect(app.getByText('No incidents yet.')).toBeVisible();
});

test('clicking an incident opens its timeline', async ({ app, server }) => {
  const first = await createIncident(server, 'Credential stuffing on login');
  await createIncident(server, 'Backup bucket made public');
  await app.reload();

  await app
    .getByTestId('incident-row')
    .filter({ hasText: first.title })
    .click();

  await expect(
    app.getByRole('heading', { name: `Timeline: ${first.title}` }),
  ).toBeVisible();
  await expect(app.getByLabel('Incident', { exact: true })).toHaveValue(
    first.id,
  );
  await expect(app.getByTestId('entry-text').first()).toContainText(
    `Incident opened: ${first.title}`,
  );
});
