import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNotes, createIncident } from './api';
import { expect, saveScreenshot, test } from './fixtures';
import { openTimeline, timelineRow } from './timeline-helpers';

const FAILED_LOGINS = [
  {
    id: '40009243-e49f-4c42-9942-051f981677ee',
    timestamp: '2025-01-20T10:12:51.004417',
    event_type: 'failed_login_attempt',
    severity: 'medium',
    user_id: null,
    ip_address: '203.0.113.45',
    description: 'Failed admin portal login for an unknown account',
    details: { username: 'finance.admin@example.com' },
  },
  {
    id: 'cf6d2251-5377-4c11-9caa-6d5d68d83d2e',
    timestamp: '2025-01-20T10:12:49.611203',
    event_type: 'failed_login_attempt',
    severity: 'high',
    user_id: '652bb65e-6c0f-4f2c-9747-0b93dd8eda4a',
    ip_address: '203.0.113.45',
    description: 'Failed admin portal login for an existing admin account',
    details: { username: 'sec.lead@example.com' },
  },
];

let folder = '';

test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'war-room-exchange-e2e-'));
});

test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('imports the admin API’s failed logins and exports the timeline for Timesketch', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Credential stuffing');
  await addNotes(server, incident.id, ['=HYPERLINK("http://203.0.113.45")']);
  const input = join(folder, 'failed_logins.json');
  await writeFile(input, JSON.stringify(FAILED_LOGINS, null, 2));
  await openTimeline(app, incident.title);

  await app.getByRole('button', { name: 'Import timeline…' }).click();
  const importing = app.getByTestId('import-timeline-dialog');
  await importing.getByLabel('File').fill(input);
  await importing.getByRole('button', { name: 'Import' }).click();
  const result = importing.getByTestId('import-result');
  await expect(result).toContainText('imported 2, rejected 0');
  await expect(result).toContainText(/in the evidence log as [0-9A-Z]{26}/);
  await saveScreenshot(app, 'timeline-import-result', importing);
  await importing.getByRole('button', { name: 'Close' }).click();

  await expect(
    timelineRow(app, 'Security event failed_login_attempt (high)'),
  ).toBeVisible();
  await expect(
    timelineRow(app, 'for finance.admin@example.com: Failed admin portal'),
  ).toBeVisible();

  const output = join(folder, 'timeline.jsonl');
  await app.getByRole('button', { name: 'Export timeline…' }).click();
  const exporting = app.getByTestId('export-timeline-dialog');
  await exporting.getByLabel('Format').selectOption('timesketch-jsonl');
  await exporting.getByLabel('Output file').fill(output);
  await exporting.getByRole('button', { name: 'Export' }).click();
  await expect(exporting.getByTestId('export-result')).toContainText(
    'entries as Timesketch JSONL',
  );
  await saveScreenshot(app, 'timeline-export-result', exporting);
  await exporting.getByRole('button', { name: 'Close' }).click();

  const lines = (await readFile(output, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const imported = lines.filter((l) => l.war_room_kind === 'timeline.imported');
  expect(imported.map((line) => [line.datetime, line.timestamp])).toEqual([
    ['2025-01-20T10:12:51.004417+00:00', 1737367971004417],
    ['2025-01-20T10:12:49.611203+00:00', 1737367969611203],
  ]);
  expect(imported[0]).toMatchObject({
    id: FAILED_LOGINS[0].id,
    original_timestamp: FAILED_LOGINS[0].timestamp,
    details: FAILED_LOGINS[0].details,
  });
  await expect(
    timelineRow(app, 'Timeline exported as Timesketch JSONL'),
  ).toBeVisible();
  await saveScreenshot(app, 'timeline-exchange');
});

test('refuses a file with a bad row and writes nothing until skipping is chosen', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Suspicious logins');
  const input = join(folder, 'events.csv');
  await writeFile(
    input,
    'message,datetime\nfirst,2025-01-20T10:00:00Z\nno zone,2025-01-20 10:05:00\n',
  );
  await openTimeline(app, incident.title);
  const count = app.getByTestId('timeline-count');
  const before = await count.textContent();

  await app.getByRole('button', { name: 'Import timeline…' }).click();
  const importing = app.getByTestId('import-timeline-dialog');
  await importing.getByLabel('File').fill(input);
  await importing.getByRole('button', { name: 'Import' }).click();
  const result = importing.getByTestId('import-result');
  await expect(result).toContainText('imported 0, rejected 1');
  await expect(result).toContainText(
    'Line 3: "2025-01-20 10:05:00" has no time zone',
  );
  await saveScreenshot(app, 'timeline-import-refused', importing);
  await expect(count).toHaveText(before ?? '');

  await result.getByRole('button', { name: 'Back' }).click();
  await importing
    .getByLabel('Zone of times without one (optional)')
    .fill('Asia/Kolkata');
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(result).toContainText('imported 2, rejected 0');
  await importing.getByRole('button', { name: 'Close' }).click();
  await expect(timelineRow(app, 'no zone')).toBeVisible();
});
