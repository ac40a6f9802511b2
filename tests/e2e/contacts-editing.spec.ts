import type { Page } from '@playwright/test';
import { invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';

const TITLE = 'Payroll export found on a public share';

async function openContacts(app: Page) {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Contacts', exact: true })
    .click();
  await expect(app.getByRole('heading', { name: 'Directory' })).toBeVisible();
}

test('contacts, regulatory deadlines and resources are edited in the pane', async ({
  app,
  server,
}) => {
  await invoke(server, 'incident:create', {
    title: TITLE,
    severity: 'high',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
  });
  await app.reload();
  await chooseIncident(app, TITLE);
  await openContacts(app);
  const directory = app.getByTestId('directory');

  // Add a contact with two channels.
  await directory.getByRole('button', { name: 'Add a contact' }).click();
  const add = directory.getByRole('form', { name: 'Add a contact' });
  await add.getByLabel('Name').fill('Grace Okafor');
  await add.getByLabel('Organisation').fill('Northwind Legal');
  await add.getByLabel('Add a role').fill('legal-counsel');
  await add.getByLabel('Add a role').press('Enter');
  await add.getByRole('button', { name: 'Add channel' }).click();
  await add.getByLabel('Channel 1 value').fill('grace@northwind.example');
  await add.getByRole('button', { name: 'Add channel' }).click();
  await add.getByLabel('Channel 2 kind').selectOption('phone');
  await add.getByLabel('Channel 2 value').fill('+44 20 7946 0001');
  await add.getByLabel('Time zone').fill('Europe/London');
  await add.getByRole('button', { name: 'Add contact' }).click();
  await expect(add).toHaveCount(0);
  const row = directory
    .getByTestId('contact-row')
    .filter({ hasText: 'Grace Okafor' });
  await expect(row).toContainText('legal-counsel');
  await expect(row).toContainText('+44 20 7946 0001');
  await expect(row).not.toContainText('on call');

  // Edit its phone and on-call flag; a blank phone is refused first.
  await row.getByRole('button', { name: 'Edit Grace Okafor' }).click();
  const edit = directory.getByRole('form', { name: 'Edit Grace Okafor' });
  await expect(edit.getByLabel('Channel 1 value')).toHaveValue(
    'grace@northwind.example',
  );
  await edit.getByLabel('Channel 2 value').fill(' ');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('alert')).toContainText(
    'Channel 2 value: must not be empty',
  );
  await edit.getByLabel('Channel 2 value').fill('+44 20 7946 0999');
  await edit.getByLabel('On call').check();
  await saveScreenshot(app, 'contacts-edit-form', edit);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('+44 20 7946 0999');
  await expect(row).not.toContainText('+44 20 7946 0001');
  await expect(row).toContainText('on call');

  // Escape leaves the contact as it was.
  await row.getByRole('button', { name: 'Edit Grace Okafor' }).click();
  await edit.getByLabel('Name').fill('Someone else');
  await edit.getByLabel('Name').press('Escape');
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Grace Okafor');
  await expect(
    row.getByRole('button', { name: 'Edit Grace Okafor' }),
  ).toBeFocused();

  // The regulatory deadline: refused when absurd, then 96 hours.
  const clock = app.getByTestId('regulatory-clock');
  await expect(clock).toContainText('within 72 hours');
  const regimes = app.getByTestId('regimes');
  await regimes.getByRole('button', { name: 'Edit GDPR deadline' }).click();
  const regime = regimes.getByRole('form', { name: 'Edit GDPR' });
  await regime.getByLabel('Deadline hours').fill('0');
  await regime.getByRole('button', { name: 'Save deadline' }).click();
  await expect(regime.getByRole('alert')).toHaveText(
    'Deadline hours: must be at least 1 hour',
  );
  await regime.getByLabel('Deadline hours').fill('2.5');
  await regime.getByRole('button', { name: 'Save deadline' }).click();
  await expect(regime.getByRole('alert')).toHaveText(
    'Deadline hours: must be a whole number of hours',
  );
  await saveScreenshot(app, 'contacts-regime-form', regimes);
  await regime.getByLabel('Deadline hours').fill('96');
  await regime.getByRole('button', { name: 'Save deadline' }).click();
  await expect(regimes.getByTestId('regime-row')).toContainText('96 hours');
  await expect(clock).toContainText('within 96 hours');
  await saveScreenshot(app, 'contacts-regimes', regimes);

  // Add a resource, then edit it.
  const resources = app.getByTestId('resources');
  await resources.getByRole('button', { name: 'Add resource' }).click();
  const addResource = resources.getByRole('form', { name: 'Add a resource' });
  await addResource.getByLabel('Name').fill('Status page');
  await addResource
    .getByLabel('Address')
    .fill('https://status.example.com/admin');
  await addResource.getByLabel('Group').fill('Communications');
  await addResource.getByRole('button', { name: 'Add resource' }).click();
  const resourceRow = resources
    .getByTestId('resource-row')
    .filter({ hasText: 'Status page' });
  await expect(resourceRow).toContainText('https://status.example.com/admin');
  await resourceRow.getByRole('button', { name: 'Edit Status page' }).click();
  const editResource = resources.getByRole('form', {
    name: 'Edit Status page',
  });
  await editResource.getByLabel('Notes').fill('Post customer updates here');
  await editResource.getByRole('button', { name: 'Save resource' }).click();
  await expect(resourceRow).toContainText('Post customer updates here');
  await saveScreenshot(app, 'contacts-resources', resources);

  // What the pane shows is what the server kept.
  const [grace] = await invoke(server, 'contacts:list', { query: 'Grace' });
  expect(grace.onCall).toBe(true);
  expect(grace.channels.map((c) => c.value)).toEqual([
    'grace@northwind.example',
    '+44 20 7946 0999',
  ]);
  const stored = await invoke(server, 'resources:list', {});
  expect(stored.filter((r) => r.label === 'Status page')).toEqual([
    {
      id: 'status-page',
      label: 'Status page',
      target: 'https://status.example.com/admin',
      group: 'Communications',
      notes: 'Post customer updates here',
    },
  ]);

  // Removing it takes it off the list and off the server.
  await resourceRow.getByRole('button', { name: 'Remove Status page' }).click();
  await expect(resourceRow).toHaveCount(0);
  const left = await invoke(server, 'resources:list', {});
  expect(left.some((r) => r.id === 'status-page')).toBe(false);
});
