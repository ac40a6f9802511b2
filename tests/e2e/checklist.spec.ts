import type { Page } from '@playwright/test';
import { invoke } from './api';
import {
  chooseIncident,
  openIncidentAt,
  showPane,
  treeItem,
} from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';
import { timelineRow } from './timeline-helpers';

const MINUTE = 60_000;

async function openChecklist(app: Page, title: string) {
  await chooseIncident(app, title);
  await showPane(app, 'Checklist');
  await expect(app.getByRole('tree')).toBeVisible();
}

test('a commander works the checklist from the keyboard', async ({
  app,
  server,
}) => {
  // Detected 45 minutes ago: the first phase's 30-minute window has passed.
  const incident = await openIncidentAt(server, {
    title: 'Backup bucket readable from the internet',
    severity: 'high',
    category: 'data-security',
    subtype: 'backup-system-compromises',
    detectedAtMs: Date.now() - 45 * MINUTE,
  });
  await openChecklist(app, incident.title);
  const firstPhase = treeItem(app, 'Detection and analysis phase');

  await firstPhase.click();
  await expect(firstPhase).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(treeItem(app, 'Identify and Log')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  const document = treeItem(
    app,
    'Document incident details in security dashboard',
  );
  await expect(document).toBeFocused();
  await app.keyboard.press('Space');
  await expect(document).toBeChecked();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Space');
  await expect(
    treeItem(app, 'Assign severity level and category'),
  ).toBeChecked();

  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('s');
  const skip = app.getByTestId('skip-dialog');
  await expect(skip.getByLabel('Reason for skipping')).toBeFocused();
  await app.keyboard.type('The SIEM recorded it');
  await app.keyboard.press('Enter');
  await expect(skip).toBeHidden();
  const recorded = treeItem(app, 'Record initial detection time and method');
  await expect(recorded).toBeFocused();
  await expect(recorded).toHaveAttribute('data-state', 'skipped');
  await expect(recorded).toContainText('skipped: The SIEM recorded it');

  await app.keyboard.press('a');
  const add = app.getByTestId('add-item-dialog');
  await expect(add).toContainText('Add an item to Detection and analysis');
  await app.keyboard.type('Ask the hosting provider for bucket access logs');
  await app.keyboard.press('Enter');
  const added = treeItem(
    app,
    'Ask the hosting provider for bucket access logs',
  );
  await expect(added).toBeFocused();
  await expect(added).toHaveAttribute('tabindex', '0');
  await expect(added).toContainText('added');

  // Open items of a phase whose window has passed stand out.
  await expect(treeItem(app, 'Gather immediate evidence')).toContainText(
    'overdue',
  );
  await expect(document).not.toContainText('overdue');
  await expect(app.getByTestId('phase-progress').first()).toHaveText(
    '2/23 done · 1 skipped · 5 required open',
  );
  await app
    .getByTestId('checklist-tree')
    .evaluate((tree) => tree.parentElement?.scrollTo(0, 0));
  await saveScreenshot(app, 'checklist');

  await firstPhase.focus();
  await app.keyboard.press('Enter');
  await expect(firstPhase).toHaveAttribute('aria-expanded', 'false');
  await expect(treeItem(app, 'Identify and Log')).toHaveCount(0);
  await app.keyboard.press('Enter');
  await expect(treeItem(app, 'Identify and Log')).toBeVisible();
  expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
});

test('a required item blocks advancing until the commander overrides it', async ({
  app,
  server,
}) => {
  const incident = await openIncidentAt(server, {
    title: 'Admin API tokens in a public gist',
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
    detectedAtMs: Date.now() - 5 * MINUTE,
  });
  await openChecklist(app, incident.title);
  const logged = treeItem(app, 'Incident detected and logged');
  await logged.click();
  await app.keyboard.press('Space');
  await expect(logged).toBeChecked();

  await app.getByRole('button', { name: 'Advance to Containment' }).click();
  const blocked = app.getByTestId('blocked-dialog');
  await expect(blocked).toContainText('Required items are still open');
  const blocking = blocked.getByTestId('blocking-items');
  await expect(blocking.locator('li')).toHaveText([
    'Detection and analysis: Severity level assigned',
    'Detection and analysis: Response team notified',
    'Detection and analysis: Affected systems identified',
    'Detection and analysis: Containment strategy developed',
  ]);
  await expect(blocked.getByLabel('Reason to go on anyway')).toBeFocused();
  await app.keyboard.type('Tokens are live; containment cannot wait');
  await app.keyboard.press('Enter');

  await expect(blocked).toBeHidden();
  await expect(app.getByTestId('phase-label')).toHaveText('Containment');
  await expect(treeItem(app, 'Containment phase')).toContainText(
    'Current phase',
  );
  await expect(
    app.getByRole('button', { name: 'Advance to Investigation' }),
  ).toBeVisible();

  await showPane(app, 'Timeline');
  await expect(
    timelineRow(app, /Phase moved from Detection and analysis to Containment/),
  ).toContainText('reason: Tokens are live; containment cannot wait');
  await expect(
    timelineRow(app, /Incident detected and logged marked done/),
  ).toBeVisible();
  expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
});
