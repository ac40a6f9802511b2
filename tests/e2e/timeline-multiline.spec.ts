import { addNotes, createIncident } from './api';
import { expect, saveScreenshot, test } from './fixtures';
import { openTimeline } from './timeline-helpers';

const NOTE = [
  'Blocked 203.0.113.9 at the edge',
  'and its whole /24',
  'and asked the upstream provider to null-route it',
].join('\n');

test('a multi-line note shows its first line and how many follow', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const [note] = await addNotes(server, incident.id, [NOTE, 'Next note']);
  await openTimeline(app, incident.title);
  const row = app.locator(`[data-entry-id="${note.id}"]`);
  const text = row.getByTestId('entry-text');

  await expect(text).toHaveText('Blocked 203.0.113.9 at the edge … +2 lines');
  await expect(row.getByTestId('more-lines')).toBeVisible();
  await expect(text).toHaveAttribute('title', NOTE);
  // Collapsed rows are exactly this tall; the virtualizer counts on it.
  expect((await row.boundingBox())?.height).toBe(30);
  await saveScreenshot(app, 'timeline-multi-line-note');

  await row.getByRole('button', { name: /^Details of entry/ }).click();
  const full = row.locator('.entry-full-text');
  expect(await full.innerText()).toBe(NOTE);
});

test('a search hit in a hidden line is marked on the cue', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const [note] = await addNotes(server, incident.id, [NOTE]);
  await openTimeline(app, incident.title);

  await app.getByLabel('Search the timeline').fill('upstream');
  await expect(app.getByTestId('timeline-count')).toHaveText('1 match');
  const row = app.locator(`[data-entry-id="${note.id}"]`);
  await expect(row.getByTestId('more-lines').locator('mark')).toHaveText(
    '… +2 lines',
  );
  await expect(row.locator('.entry-first-line mark')).toHaveCount(0);
});
