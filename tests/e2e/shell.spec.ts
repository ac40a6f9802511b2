import { createIncident } from './api';
import { expect, test } from './fixtures';

test('the access token leaves the address bar and survives a reload', async ({
  app,
  server,
}) => {
  await createIncident(server, 'Token check');
  await expect(app.getByTestId('incident-row')).toHaveCount(1);
  expect(app.url()).toBe(server.origin);

  await app.reload();

  await expect(app.getByTestId('incident-row')).toHaveCount(1);
  await expect(app.getByTestId('status-bar')).toContainText(
    `Data: ${server.dataDir}`,
  );
});

test('without the token the console says what to open', async ({
  page,
  server,
}) => {
  await page.goto(server.origin);

  await expect(page.getByRole('alert').first()).toContainText(
    'This page has no access token',
  );
});

test('the theme follows the system at first, then the choice sticks', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(server.url);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();

  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: Dark');
  await context.close();
});

test('the header says plainly that no admin API is configured', async ({
  app,
}) => {
  await expect(app.getByTestId('admin-api-state')).toHaveText(
    'Admin API: not configured',
  );
});

test('every control in the header and navigation is reachable by Tab', async ({
  app,
  server,
}) => {
  await createIncident(server, 'Keyboard reach');
  await app.reload();
  await expect(app.getByTestId('incident-row')).toHaveCount(1);
  const reached = new Set<string>();

  for (let step = 0; step < 12; step++) {
    await app.keyboard.press('Tab');
    const focused = app.locator(':focus');
    // Past the last control, focus leaves the page for the browser's own.
    if ((await focused.count()) === 0) break;
    reached.add(
      (await focused.getAttribute('aria-label')) ?? (await focused.innerText()),
    );
  }

  for (const name of [
    'Theme: Dark',
    'New incident',
    'Incidents',
    'Keyboard reach',
  ]) {
    expect(
      [...reached].some((text) => text.includes(name)),
      name,
    ).toBe(true);
  }
});
