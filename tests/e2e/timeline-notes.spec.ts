import { addNotes, createIncident, invoke } from './api';
import { expect, test } from './fixtures';
import { openTimeline, timelineRow } from './timeline-helpers';

test('notes are written from the keyboard and the chain stays verified', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await openTimeline(app, incident.title);
  const chain = app.getByTestId('chain-status');
  await expect(chain).toHaveAttribute('data-state', 'verified');
  // Opening the incident also attached its two checklists.
  await expect(chain).toHaveAttribute('title', /^3 entries checked at /);

  await app.keyboard.press('n');
  await expect(app.getByLabel('New note')).toBeFocused();
  await app.keyboard.type('Paged the on-call DBA');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Blocked 203.0.113.9 at the edge');
  await app.keyboard.press('Shift+Enter');
  await app.keyboard.type('and its whole /24');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Rotated the SuperAdmin credentials');
  await app.keyboard.press('Enter');

  await expect(app.getByTestId('entry-text')).toHaveText([
    /^Incident opened: /,
    /^Checklist attached: /,
    /^Checklist attached: /,
    'Paged the on-call DBA',
    'Blocked 203.0.113.9 at the edge … +1 line',
    'Rotated the SuperAdmin credentials',
  ]);
  await expect(app.getByTestId('timeline-count')).toHaveText('6 entries');
  await expect(app.getByLabel('New note')).toHaveValue('');
  await expect(chain).toHaveAttribute('title', /^6 entries checked at /);
  await expect(chain).toHaveAttribute('data-state', 'verified');

  const page = await invoke(server, 'timeline:page', {
    incidentId: incident.id,
    order: 'oldest-first',
    offset: 4,
    limit: 1,
  });
  expect(page.rows[0].text).toBe(
    'Blocked 203.0.113.9 at the edge\nand its whole /24',
  );
});

test('a note written elsewhere appears without a reload', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await openTimeline(app, incident.title);
  await expect(app.getByTestId('timeline-count')).toHaveText('3 entries');

  await addNotes(server, incident.id, [
    { text: 'Logged from a responder’s shell', actor: 'responder-2' },
  ]);

  await expect(
    timelineRow(app, 'Logged from a responder’s shell'),
  ).toContainText('responder-2');
  await expect(app.getByTestId('timeline-count')).toHaveText('4 entries');
});

test('event and recorded time, in UTC and local time', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  const [entry] = await addNotes(server, incident.id, [
    {
      text: 'Attacker first seen in the WAF logs',
      occurredAt: '2026-11-30T23:10:05.25+02:00',
    },
  ]);
  await openTimeline(app, incident.title);
  const row = timelineRow(app, 'Attacker first seen');
  const time = row.getByTestId('entry-time');
  const head = app.getByTestId('time-column-head');

  await expect(head).toHaveText('Event time (UTC)');
  await expect(time).toHaveText('2026-11-30 21:10:05.250000Z');
  await expect(row.getByTestId('entry-offset')).toHaveText('+02:00');
  await expect(time).toHaveAttribute(
    'title',
    /as given: 2026-11-30T23:10:05\.250000\+02:00/,
  );

  // The browser runs in Asia/Kolkata (+05:30), set in playwright.config.ts.
  await app.getByRole('radio', { name: 'Local' }).check();
  await expect(head).toHaveText('Event time (local)');
  await expect(time).toHaveText('2026-12-01 02:40:05.250000 +05:30');
  await expect(row.getByTestId('entry-offset')).toHaveCount(0);

  await app.getByRole('radio', { name: 'Recorded time' }).check();
  await expect(head).toHaveText('Recorded time (local)');
  await expect(time).toHaveText(localKolkata(entry.recordedAt));

  await app.getByRole('radio', { name: 'UTC' }).check();
  await expect(time).toHaveText(
    `${entry.recordedAt.slice(0, 10)} ${entry.recordedAt.slice(11)}`,
  );
});

/** `…T16:25:32.123456Z` in Asia/Kolkata, the way the timeline writes it. */
function localKolkata(utc: string): string {
  const shifted = new Date(Date.parse(utc) + 330 * 60_000).toISOString();
  const micros = utc.slice(19, 26);
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}${micros} +05:30`;
}

test('filters by actor and by kind', async ({ app, server }) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, [
    { text: 'Pulled VPN logs', actor: 'alice' },
    { text: 'Called the hosting provider', actor: 'bob' },
    { text: 'Diffed the allowlist', actor: 'alice' },
  ]);
  await openTimeline(app, incident.title);
  await expect(app.getByTestId('timeline-count')).toHaveText('6 entries');

  await app.getByText('Actors: all').click();
  await app.getByRole('checkbox', { name: /alice/ }).check();
  await expect(app.getByTestId('timeline-count')).toHaveText(
    '2 entries (filtered)',
  );
  await expect(app.getByTestId('entry-text')).toHaveText([
    'Pulled VPN logs',
    'Diffed the allowlist',
  ]);

  await app.getByRole('button', { name: 'Show all' }).click();
  await app.getByText('Kinds: all').click();
  await app.getByRole('checkbox', { name: /Opened/ }).check();
  await expect(app.getByTestId('entry-text')).toHaveText([
    /^Incident opened: /,
  ]);
});

test('newest first puts the latest entry on top', async ({ app, server }) => {
  const incident = await createIncident(server);
  await addNotes(server, incident.id, ['first note', 'second note']);
  await openTimeline(app, incident.title);

  await app.getByRole('radio', { name: 'Newest first' }).check();

  await expect(app.getByTestId('entry-text')).toHaveText([
    'second note',
    'first note',
    'Checklist attached: Data Breach',
    'Checklist attached: Incident Response Checklist',
    /^Incident opened: /,
  ]);
});
