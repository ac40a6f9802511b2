import type { Locator, Page } from '@playwright/test';
import { addNotes, createIncident, invoke } from './api';
import { expect, saveScreenshot, test } from './fixtures';
import type { ServeProcess } from './serve-process';
import { openTimeline, timelineRow } from './timeline-helpers';

function numberedNotes(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `Checked host ${index}`);
}

/** Notes in parallel batches, for set-ups where their order is not tested. */
async function addManyNotes(
  server: ServeProcess,
  incidentId: string,
  texts: string[],
) {
  for (let start = 0; start < texts.length; start += 50) {
    await Promise.all(
      texts
        .slice(start, start + 50)
        .map((text) =>
          invoke(server, 'journal:add-note', { incidentId, text }),
        ),
    );
  }
}

/** The id of the second row wholly inside the scroll area, top down. */
async function secondRowInView(app: Page): Promise<string> {
  return app.getByTestId('timeline-scroll').evaluate((scroll) => {
    const area = scroll.getBoundingClientRect();
    const inside = [...scroll.querySelectorAll('[data-entry-id]')]
      .map((row) => ({ row, box: row.getBoundingClientRect() }))
      .filter(({ box }) => box.top >= area.top && box.bottom <= area.bottom)
      .sort((a, b) => a.box.top - b.box.top);
    return inside[1].row.getAttribute('data-entry-id') ?? '';
  });
}

/** Where the entry stands, as the server says. */
async function positionOf(
  server: ServeProcess,
  incidentId: string,
  entryId: string,
): Promise<number> {
  const page = await invoke(server, 'timeline:page', {
    incidentId,
    order: 'oldest-first',
    offset: 0,
    limit: 500,
  });
  const row = page.rows.find((candidate) => candidate.id === entryId);
  if (!row) throw new Error(`entry ${entryId} is not in the first 500`);
  return row.position;
}

function entryLine(app: Page, entryId: string): Locator {
  return app.locator(`[data-entry-id="${entryId}"] .entry-line`);
}

async function topOf(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box.y;
}

test('a saved correction leaves its row where it was, open', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, numberedNotes(40));
  await openTimeline(app, incident.title);
  const count = app.getByTestId('timeline-count');
  const entries = Number.parseInt((await count.textContent()) ?? '', 10);
  // The reader has not scrolled: the list is following its newest entry,
  // and the correction about to be saved is a newer one still.
  await expect(timelineRow(app, 'Checked host 39')).toBeInViewport();
  const entryId = await secondRowInView(app);
  const line = entryLine(app, entryId);
  const top = await topOf(line);

  await line.getByRole('button', { name: /^Amend entry/ }).click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type('Checked host 99 (not 9)');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('amend-editor')).toBeHidden();
  await expect(count).toHaveText(`${entries + 1} entries`);

  await expect(line).toBeInViewport({ ratio: 1 });
  await expect(line.getByTestId('entry-text')).toHaveText(
    'Checked host 99 (not 9)',
  );
  expect(await topOf(line)).toBe(top);
  const toggle = line.getByRole('button', { name: /^Details of entry/ });
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toHaveText('▾');
  const row = app.locator(`[data-entry-id="${entryId}"]`);
  await expect(row.getByTestId('entry-history')).toBeVisible();
  await saveScreenshot(app, 'timeline-correction-saved');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText('▸');
  await expect(row.getByTestId('entry-details')).toBeHidden();
  await toggle.click();
  await expect(row.getByTestId('entry-history')).toBeVisible();
});

test('newest first, a saved correction closes its editor and keeps its row', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const notes = await addNotes(server, incident.id, numberedNotes(40));
  await openTimeline(app, incident.title);
  await app.getByRole('radio', { name: 'Newest first' }).check();
  const row = app.locator(`[data-entry-id="${notes[33].id}"]`);
  const line = row.locator('.entry-line');
  await expect(line).toBeInViewport({ ratio: 1 });
  const top = await topOf(line);

  await line.getByRole('button', { name: /^Amend entry/ }).click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type('Checked host 33, twice');
  await app.keyboard.press('Enter');

  // The correction lands on top and moves every row down one slot; the
  // editor must not stay open (a second Enter would save it again).
  await expect(app.locator('[data-kind="amend"]')).toHaveCount(1);
  await expect(app.getByTestId('amend-editor')).toHaveCount(0);
  await expect(line.getByTestId('entry-text')).toHaveText(
    'Checked host 33, twice',
  );
  await expect(line).toBeInViewport({ ratio: 1 });
  expect(await topOf(line)).toBe(top + 30);
  const toggle = line.getByRole('button', { name: /^Details of entry/ });
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByTestId('entry-history')).toBeVisible();
});

test('a row cut off at the top opens downward, its line kept in view', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, numberedNotes(40));
  await openTimeline(app, incident.title);
  const scroll = app.getByTestId('timeline-scroll');
  await scroll.evaluate((element) => (element.scrollTop = 20 * 30 + 10));
  const row = app.locator('[data-index="20"] [data-entry-id]');
  const line = row.locator('.entry-line');
  const toggle = line.getByRole('button', { name: /^Details of entry/ });
  await expect(line).toBeInViewport();
  const top = await topOf(line);

  // A click on the part still showing; Playwright's own click would first
  // scroll the whole button into view.
  const box = await toggle.boundingBox();
  await app.mouse.click(box!.x + box!.width / 2, box!.y + box!.height - 4);

  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByTestId('entry-details')).toBeVisible();
  expect(await topOf(line)).toBe(top);
  await expect(line).toBeInViewport();
});

test('an amendment names the entry it corrects and goes to it', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const [original] = await addNotes(server, incident.id, [
    'Isolated host web-03',
    ...numberedNotes(30),
  ]);
  await invoke(server, 'journal:amend', {
    incidentId: incident.id,
    entryId: original.id,
    text: 'Isolated host web-05',
    reason: 'Wrong host number',
  });
  const position = await positionOf(server, incident.id, original.id);
  await openTimeline(app, incident.title);

  const amendment = app.locator('[data-kind="amend"]');
  await expect(amendment.getByTestId('entry-text')).toHaveText(
    `Amended entry #${position}: Isolated host web-05 (reason: Wrong host number)`,
  );
  const originalRow = app.locator(`[data-entry-id="${original.id}"]`);
  await expect(originalRow).not.toBeInViewport();
  await saveScreenshot(app, 'timeline-amendment-reference');

  await amendment
    .getByRole('button', {
      name: `Go to entry ${position}, which this corrects`,
    })
    .click();

  await expect(originalRow).toBeInViewport({ ratio: 1 });
  await expect(
    originalRow.getByRole('button', { name: `Details of entry ${position}` }),
  ).toBeFocused();
  await expect(originalRow.locator('.entry-position')).toHaveText(
    String(position),
  );
});

test('an amendment far from its entry finds it on request', async ({
  app,
  server,
}) => {
  test.slow();
  const incident = await createIncident(server);
  // Far enough apart that neither the first page nor the page in view
  // holds the corrected entry.
  await addManyNotes(server, incident.id, numberedNotes(250));
  const [original] = await addNotes(server, incident.id, [
    'Isolated host web-03',
  ]);
  await addManyNotes(server, incident.id, numberedNotes(200));
  await invoke(server, 'journal:amend', {
    incidentId: incident.id,
    entryId: original.id,
    text: 'Isolated host web-05',
  });
  const position = await positionOf(server, incident.id, original.id);
  await openTimeline(app, incident.title);

  const amendment = timelineRow(app, 'Amended entry');
  const reference = amendment.getByTestId('amend-target');
  await expect(reference).toHaveText('#?');
  await reference.click();

  const originalRow = app.locator(`[data-entry-id="${original.id}"]`);
  await expect(originalRow).toBeInViewport({ ratio: 1 });
  await expect(
    originalRow.getByRole('button', { name: `Details of entry ${position}` }),
  ).toBeFocused();
  await expect(originalRow.getByTestId('entry-text')).toHaveText(
    'Isolated host web-05',
  );
});
