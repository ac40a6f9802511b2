import Database from 'better-sqlite3';
import { join } from 'node:path';
import { addNotes, createIncident } from './api';
import { expect, saveScreenshot, test } from './fixtures';
import { openTimeline, timelineRow } from './timeline-helpers';

test('search highlights hits and explains bad syntax', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, [
    'Blocked 203.0.113.9 at the edge',
    'Saw 203.0.113.9 again, now on the VPN',
    'Nothing related here',
  ]);
  await openTimeline(app, incident.title);

  await app.keyboard.press('/');
  const search = app.getByLabel('Search the timeline');
  await expect(search).toBeFocused();
  await app.keyboard.type('203.0.113.9');

  await expect(app.getByTestId('timeline-count')).toHaveText('2 matches');
  const rows = app.getByTestId('timeline-row');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row.locator('mark')).toHaveText(['203.0.113.9']);
  }
  await saveScreenshot(app, 'timeline-search');

  await search.fill('"unterminated');
  await expect(app.getByTestId('search-error')).toContainText(
    'double quote is not closed',
  );
  await expect(rows).toHaveCount(0);

  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(app.getByTestId('timeline-count')).toHaveText('6 entries');
  await expect(app.locator('mark')).toHaveCount(0);
});

test('an amended note shows the correction and its history', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, ['Isolated host web-03']);
  await openTimeline(app, incident.title);

  const original = timelineRow(app, 'Isolated host web-03');
  // Entries 2 and 3 are the checklists attached when it was opened.
  await original.getByRole('button', { name: 'Amend entry 4' }).click();
  const editor = app.getByTestId('amend-editor');
  await expect(editor.getByLabel('Corrected text of entry 4')).toBeFocused();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type('Isolated host web-05');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Wrong host number');
  await app.keyboard.press('Enter');
  await expect(editor).toBeHidden();

  const amended = app
    .getByTestId('timeline-row')
    .filter({ has: app.getByTestId('amended-marker') });
  await expect(amended.getByTestId('entry-text')).toHaveText(
    'Isolated host web-05',
  );
  const history = amended.getByTestId('entry-history');
  await expect(history.locator('li')).toHaveCount(2);
  await expect(history.locator('li').first()).toContainText(
    'Isolated host web-03',
  );
  await expect(history.locator('li').nth(1)).toContainText(
    'Isolated host web-05',
  );
  await expect(history).toContainText('Reason: Wrong host number');
  await expect(
    timelineRow(app, /Amended entry #\d+: Isolated host web-05/),
  ).toBeVisible();

  const marker = amended.getByTestId('amended-marker');
  await marker.click();
  await expect(history).toBeHidden();
  await marker.press('Enter');
  await expect(history).toBeVisible();
});

test('tampering with a stored entry is shown prominently', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const [entry] = await addNotes(server, incident.id, ['Contained at 10:02']);
  await openTimeline(app, incident.title);
  const chain = app.getByTestId('chain-status');
  await expect(chain).toHaveAttribute('data-state', 'verified');
  await expect(app.getByTestId('tamper-banner')).toHaveCount(0);

  // What someone editing the database behind War Room's back would do.
  const db = new Database(join(server.dataDir, 'war-room.db'));
  db.exec('DROP TRIGGER journal_entries_refuse_update');
  db.prepare('UPDATE journal_entries SET payload = ? WHERE id = ?').run(
    JSON.stringify({ text: 'Nothing happened' }),
    entry.id,
  );
  db.close();
  await chain.click();

  await expect(chain).toHaveAttribute('data-state', 'tampered');
  await expect(chain).toContainText('Chain broken');
  const banner = app.getByTestId('tamper-banner');
  await expect(banner).toContainText('hash chain is broken');
  await expect(banner).toContainText(entry.id);
  // The timeline is re-read: it shows what is stored now, flagged.
  const altered = timelineRow(app, 'Nothing happened');
  await expect(altered.getByTestId('tamper-marker')).toHaveText('altered');
  await saveScreenshot(app, 'timeline-tampered');
});

test('timeline screenshots in both themes', async ({ app, server }) => {
  const incident = await createIncident(
    server,
    'SuperAdmin session hijack from 198.51.100.23',
  );
  const [, amend] = await addNotes(server, incident.id, [
    {
      text: 'SIEM alert: SuperAdmin login from 198.51.100.23 (AS64500)',
      occurredAt: '2026-12-03T07:58:12.402913Z',
      actor: 'siem-bot',
    },
    { text: 'Confirmed with Dana: she was not logged in', actor: 'alice' },
    {
      text: 'Revoked all SuperAdmin sessions',
      occurredAt: '2026-12-03T09:04:00+01:00',
      actor: 'bob',
    },
    { text: 'Exported audit log 06:00–09:00 UTC to the vault', actor: 'bob' },
    'Next update to leadership at 10:30',
  ]);
  await openTimeline(app, incident.title);
  await timelineRow(app, amend.payload.text as string)
    .getByRole('button', { name: /^Amend entry/ })
    .click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type(
    'Confirmed with Dana by phone: she was not logged in',
  );
  await app.keyboard.press('Tab');
  await app.keyboard.type('Added how it was confirmed');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('entry-history')).toBeVisible();
  await app.keyboard.press('n');
  await app.keyboard.type('Draft: ask hosting provider for netflow');
  await saveScreenshot(app, 'timeline-dark');

  await app.getByTestId('theme-toggle').click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await saveScreenshot(app, 'timeline-light');
});
