import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createIncident } from './api';
import { expect, test } from './fixtures';
import { openTimeline, timelineRow } from './timeline-helpers';

const run = promisify(execFile);

/** Main polls SQLite's data_version every second; this leaves slack. */
const OTHER_WRITER_DEADLINE_MS = 5_000;

test('a note written by another process appears without a reload', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server);
  await openTimeline(app, incident.title);
  const count = app.getByTestId('timeline-count');
  const before = Number.parseInt((await count.textContent()) ?? '', 10);
  await expect(timelineRow(app, 'written from a shell')).toHaveCount(0);

  // The command line is its own process with its own database connection,
  // so nothing in the server learns of this write except by polling.
  const { stdout } = await run(
    process.execPath,
    [
      'bin/war-room.js',
      'note',
      '--data-dir',
      server.dataDir,
      '--incident',
      incident.id,
      'written from a shell',
    ],
    { env: { ...process.env, WAR_ROOM_ACTOR: 'shell-responder' } },
  );
  const entryId = stdout.trim();

  const row = timelineRow(app, 'written from a shell');
  await expect(row).toBeVisible({ timeout: OTHER_WRITER_DEADLINE_MS });
  await expect(row).toHaveAttribute('data-entry-id', entryId);
  await expect(row).toContainText('shell-responder');
  await expect(count).toHaveText(`${before + 1} entries`);
});
