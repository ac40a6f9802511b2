import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput } from '../../src/shared/ipc-contract';
import { invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';
import type { ServeProcess } from './serve-process';

const HOUR = 3_600_000;
const MINUTE = 60_000;

let folder = '';

test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'war-room-review-e2e-'));
});

test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Seed = Omit<ChannelInput<'incident:create'>, 'detectionMethod'> & {
  /** Minutes after the first malicious action, per milestone. */
  after: Partial<
    Record<'detected' | 'acknowledged' | 'contained' | 'recovered', number>
  >;
  resolution?: ChannelInput<'command:close'>['resolution'];
};

/** An incident first seen two days ago, with milestones and maybe closed. */
async function seed(server: ServeProcess, incident: Seed) {
  const { after, resolution, ...fields } = incident;
  const firstSeen = Date.now() - 48 * HOUR;
  const created = await invoke(server, 'incident:create', {
    ...fields,
    detectionMethod: 'alert',
    detectedAt:
      after.detected === undefined
        ? undefined
        : new Date(firstSeen + after.detected * MINUTE).toISOString(),
  });
  const milestones = { 'first-seen': 0, ...after };
  for (const [milestone, minutes] of Object.entries(milestones)) {
    await invoke(server, 'command:set-milestone', {
      incidentId: created.id,
      milestone:
        milestone as ChannelInput<'command:set-milestone'>['milestone'],
      at: new Date(firstSeen + minutes * MINUTE).toISOString(),
    });
  }
  if (resolution) {
    await invoke(server, 'command:close', {
      incidentId: created.id,
      resolution,
      overrideReason: 'Checklist kept on paper during the outage',
    });
  }
  return created;
}

async function showPane(app: Page, name: 'Review' | 'Metrics') {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name, exact: true })
    .click();
}

async function saveSection(
  app: Page,
  section: string,
  label: string,
  text: string,
) {
  const editor = app.getByTestId(`review-${section}`);
  await editor.getByLabel(label, { exact: true }).fill(text);
  await editor
    .getByRole('button', { name: `Save ${label.toLowerCase()}` })
    .click();
  await expect(editor.getByText('1 version')).toBeVisible();
}

async function addFollowUp(
  app: Page,
  title: string,
  owner: string,
  due: string,
) {
  await app
    .getByRole('textbox', { name: 'Follow-up action', exact: true })
    .fill(title);
  await app.getByLabel('Owner').fill(owner);
  await app.getByLabel('Due date').fill(due);
  await app.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(app.getByTestId('follow-ups')).toContainText(title);
}

test('closes an incident with its review and follow-ups, and writes the report', async ({
  app,
  server,
  browser,
}) => {
  const incident = await seed(server, {
    title: 'Backup bucket exfiltration <b>via</b> CI key',
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
    after: { detected: 12, acknowledged: 40, contained: 150, recovered: 1500 },
    resolution: 'confirmed-incident',
  });
  await app.reload();
  await chooseIncident(app, incident.title);
  await showPane(app, 'Review');

  await saveSection(
    app,
    'summary',
    'Summary',
    'A leaked CI key let an attacker list and copy two backups.',
  );
  await saveSection(
    app,
    'root-cause',
    'Root cause',
    'Deploy key printed in a public CI log.',
  );
  await saveSection(
    app,
    'lessons-learned',
    'Lessons learned',
    'Mask secrets in CI output; alert on bulk backup reads.',
  );
  const rootCause = app.getByTestId('review-root-cause');
  await rootCause
    .getByLabel('Root cause', { exact: true })
    .fill('Deploy key printed in a public CI log by a debug flag.');
  await rootCause
    .getByLabel('Why root cause changed')
    .fill('debug flag found in the pipeline');
  await rootCause.getByRole('button', { name: 'Amend root cause' }).click();
  await expect(rootCause.getByText('2 versions')).toBeVisible();
  await expect(rootCause.getByText('1 earlier version')).toBeVisible();

  await app
    .getByLabel('Attendees')
    .fill('Ana (IC), Priya (security), Li (platform)');
  await app.getByRole('button', { name: 'Record meeting' }).click();
  await expect(app.getByTestId('review-meeting')).toContainText(
    'Priya (security)',
  );

  await addFollowUp(app, 'Rotate every CI deploy key', 'Li', '2026-01-15');
  await addFollowUp(app, 'Alert on bulk backup reads', 'Priya', '2099-03-31');
  const followUps = app.getByTestId('follow-ups');
  await expect(
    followUps.getByRole('row', { name: /Rotate every CI deploy key/ }),
  ).toContainText('Overdue');
  await followUps
    .getByLabel('Status of Alert on bulk backup reads')
    .selectOption('In progress');
  await expect(
    followUps.getByLabel('Status of Alert on bulk backup reads'),
  ).toHaveValue('in-progress');
  await saveScreenshot(app, 'review-pane');

  const out = join(folder, 'incident-report.html');
  await app.getByLabel('Report file').fill(out);
  await app.getByRole('button', { name: 'Write report' }).click();
  await expect(app.getByTestId('report-written')).toContainText(out);
  await app.getByRole('button', { name: 'Preview report' }).click();
  await expect(app.getByTitle('Report preview')).toBeVisible();
  await saveScreenshot(
    app,
    'review-report-preview',
    app.getByTestId('report-panel'),
  );

  const html = await readFile(out, 'utf8');
  expect(html).toContain(
    'Backup bucket exfiltration &lt;b&gt;via&lt;/b&gt; CI key',
  );
  const reader = await browser.newPage();
  try {
    await reader.setContent(html);
    await expect(reader.getByRole('heading', { level: 1 })).toContainText(
      'Incident report',
    );
    await expect(reader.locator('#milestones')).toContainText('Time to detect');
    await expect(reader.locator('#review')).toContainText(
      'Rotate every CI deploy key',
    );
    await expect(reader.locator('#integrity')).toContainText('Head hash');
    await reader.screenshot({
      path: 'test-results/screenshots/review-report-rendered.png',
      fullPage: true,
    });
    const pdf = join(folder, 'incident-report.pdf');
    await reader.pdf({ path: pdf, format: 'A4', printBackground: true });
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await stat(pdf)).size).toBeGreaterThan(10_000);
  } finally {
    await reader.close();
  }
});

test('shows response metrics, volume and false positives across incidents', async ({
  app,
  server,
}) => {
  await seed(server, {
    title: 'Credential stuffing on the admin portal',
    severity: 'high',
    category: 'authentication-access-control',
    after: { detected: 9, acknowledged: 30, contained: 90, recovered: 600 },
    resolution: 'confirmed-incident',
  });
  await seed(server, {
    title: 'DDoS on the public API',
    severity: 'critical',
    category: 'network-security',
    after: { detected: 25, acknowledged: 95, contained: 200 },
  });
  await seed(server, {
    title: 'Alert on a scheduled scan',
    severity: 'low',
    category: 'network-security',
    after: { detected: 2 },
    resolution: 'false-positive',
  });
  const open = await seed(server, {
    title: 'Unusual data export',
    severity: 'medium',
    category: 'data-security',
    after: {},
  });
  await invoke(server, 'review:add-follow-up', {
    incidentId: open.id,
    title: 'Review export permissions',
    owner: 'Ana',
    dueDate: '2026-01-02',
  });
  await app.reload();

  await showPane(app, 'Metrics');

  const durations = app.getByTestId('durations-table');
  // Detect: 9 and 25 minutes; the false positive is not timed and the
  // open incident has no detection yet.
  await expect(
    durations.getByRole('row', { name: /Time to detect/ }),
  ).toHaveText(/2 \(1 within target\)17 min 00 s17 min 00 s< 15 minmissed1$/);
  await expect(
    durations.getByRole('row', { name: /Time to respond/ }),
  ).toContainText('< 1 h');
  await expect(
    app.getByTestId('volume-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(app.getByTestId('false-positive-chart')).toContainText(
    '50 % (1 of 2)',
  );
  await expect(app.getByTestId('follow-up-list')).toContainText('Overdue');
  await expect(app.getByTestId('metric-definitions')).toContainText(
    'First malicious action → Detected',
  );
  await saveScreenshot(app, 'metrics-pane');

  await app
    .getByRole('button', { name: 'Monthly security posture report' })
    .click();
  await expect(app.getByTestId('summary-markdown')).toContainText(
    '# Monthly security posture report',
  );
  await expect(app.getByTestId('summary-markdown')).toContainText('50 %');
  await saveScreenshot(
    app,
    'metrics-monthly-summary',
    app.getByTestId('summary-markdown'),
  );
});
