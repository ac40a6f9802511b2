import type { Page, Request } from '@playwright/test';
import type { TimelinePage } from '../../src/shared/ipc-contract';
import type { TimelineRow } from '../../src/shared/journal-types';
import { createIncident, invoke } from './api';
import { expect, test } from './fixtures';
import { openTimeline } from './timeline-helpers';

/** The offsets of every `timeline:page` the page asked for. */
function recordPageOffsets(app: Page): number[] {
  const offsets: number[] = [];
  app.on('request', (request: Request) => {
    if (!request.url().endsWith('/api/invoke/timeline:page')) return;
    offsets.push(
      (JSON.parse(request.postData() ?? '{}') as { offset: number }).offset,
    );
  });
  return offsets;
}

async function scrollTimelineTo(app: Page, fraction: number) {
  await app.getByTestId('timeline-scroll').evaluate((element, at) => {
    element.scrollTop = (element.scrollHeight - element.clientHeight) * at;
  }, fraction);
}

test('a long timeline fetches only the pages in view', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  for (let start = 1; start <= 1000; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        invoke(server, 'journal:add-note', {
          incidentId: incident.id,
          text: `Load note ${start + index}`,
        }),
      ),
    );
  }
  const offsets = recordPageOffsets(app);
  await openTimeline(app, incident.title);
  // The opening entry, its two attached checklists and the notes.
  await expect(app.getByTestId('timeline-count')).toHaveText('1,003 entries');

  // Oldest first follows the tail, so the newest entry is in view.
  const lastRow = app.getByTestId('timeline-row').filter({
    has: app.locator('.entry-position', { hasText: /^1003$/ }),
  });
  await expect(lastRow).toBeVisible();

  await scrollTimelineTo(app, 0.5);
  const middle = app.getByTestId('timeline-row').filter({
    has: app.locator('.entry-position', { hasText: /^50\d$/ }),
  });
  await expect(middle.first()).toBeVisible();

  expect(new Set(offsets)).not.toContain(200);
  expect(new Set(offsets).size).toBeLessThanOrEqual(4);
  expect(await app.getByTestId('timeline-row').count()).toBeLessThan(80);
});

const MILLION = 1_000_000;

function syntheticRow(index: number, incidentId: string): TimelineRow {
  const position = index + 1;
  const micros = String(index % 1_000_000).padStart(6, '0');
  const stamp = `2026-12-03T10:00:00.${micros}Z`;
  return {
    id: `SYNTHETIC${String(position).padStart(17, '0')}`,
    scope: incidentId,
    deviceId: 'synthetic-device',
    chainSeq: position,
    kind: 'note',
    actor: 'load-generator',
    occurredAt: stamp,
    occurredOffset: '+00:00',
    timeSource: 'imported',
    recordedAt: stamp,
    payload: { text: `Synthetic entry ${position}` },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    position,
    text: `Synthetic entry ${position}`,
    amendmentCount: 0,
  };
}

test('a million-entry timeline scrolls end to end', async ({ app, server }) => {
  const incident = await createIncident(server);
  // The renderer is what is under test here, not the database: pages of a
  // million-entry journal are made up on the fly.
  const offsets: number[] = [];
  await app.route('**/api/invoke/timeline:page', async (route) => {
    const input = JSON.parse(route.request().postData() ?? '{}') as {
      offset: number;
      limit: number;
    };
    offsets.push(input.offset);
    const end = Math.min(MILLION, input.offset + input.limit);
    const rows = [];
    for (let index = input.offset; index < end; index++) {
      rows.push(syntheticRow(index, incident.id));
    }
    const page: TimelinePage = { total: MILLION, totalCap: null, rows };
    await route.fulfill({ json: { ok: true, value: page } });
  });

  await openTimeline(app, incident.title);
  await expect(app.getByTestId('timeline-count')).toHaveText(
    '1,000,000 entries',
  );
  await expect(
    app.getByText('Synthetic entry 1000000', { exact: true }),
  ).toBeVisible();

  await scrollTimelineTo(app, 0.5);
  await expect(
    app
      .getByTestId('entry-text')
      .filter({ hasText: /^Synthetic entry 50\d{4}$/ })
      .first(),
  ).toBeVisible();

  await scrollTimelineTo(app, 0);
  await expect(
    app.getByText('Synthetic entry 1', { exact: true }),
  ).toBeVisible();

  expect(await app.getByTestId('timeline-row').count()).toBeLessThan(80);
  expect(offsets.length).toBeLessThan(12);
});
