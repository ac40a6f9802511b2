import type { Page } from '@playwright/test';
import { invoke } from './api';
import {
  chooseIncident,
  clockFigure,
  openIncidentAt,
  responseClock,
  showPane,
} from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';
import { timelineRow } from './timeline-helpers';

const MINUTE = 60_000;

/** `2026-12-03T16:25:07` in UTC, as a datetime-local field takes it. */
function utcLocalText(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

async function assignRole(app: Page, button: string, person: string) {
  await app.getByRole('button', { name: button }).click();
  const form = app.getByRole('form', { name: button });
  await expect(form.getByRole('textbox').first()).toBeFocused();
  await app.keyboard.type(person);
  await app.keyboard.press('Enter');
  await expect(form).toBeHidden();
}

async function setMilestone(app: Page, name: string, epochMs: number) {
  await app.getByRole('button', { name: `Set ${name}` }).click();
  const form = app.getByRole('form', { name: `Set ${name}` });
  await form
    .locator('input[type="datetime-local"]')
    .fill(utcLocalText(epochMs));
  await form.getByLabel('Zone offset').fill('Z');
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form).toBeHidden();
}

test('the commander role is handed over and milestones are entered after the fact', async ({
  app,
  server,
}) => {
  const detectedAtMs = Math.floor(Date.now() / 1000) * 1000 - 10 * MINUTE;
  const incident = await openIncidentAt(server, {
    title: 'Session tokens replayed against the admin API',
    severity: 'critical',
    category: 'application-security',
    subtype: 'session-hijacking',
    detectedAtMs,
  });
  await chooseIncident(app, incident.title);
  const commander = app.getByTestId('commander-status');
  await expect(commander).toHaveText(/No commander/);
  await showPane(app, 'Incident card');

  await assignRole(app, 'Assign Incident Commander', 'Dana Reyes');
  await expect(commander).toContainText('Dana Reyes');
  await assignRole(app, 'Hand over Incident Commander', 'Sam Okafor');
  await expect(commander).toContainText('Sam Okafor');
  const role = app.locator('[data-role="incident-commander"]');
  await expect(role.getByTestId('role-holder')).toHaveText('Sam Okafor');
  await expect(role.getByTestId('earlier-holders')).toContainText(
    /Dana Reyes: .* – .*, handed over/,
  );
  await assignRole(app, 'Assign Security Lead', 'Priya Natarajan');

  await setMilestone(app, 'acknowledged', detectedAtMs + 4 * MINUTE);
  await expect(responseClock(app)).toHaveAttribute('data-status', 'met');
  await expect(clockFigure(app)).toHaveText('04:00');
  await expect(responseClock(app)).toContainText(
    'Met the Critical target 15 min',
  );
  await setMilestone(app, 'contained', detectedAtMs - 5 * MINUTE);
  await expect(
    app
      .locator('[data-milestone="contained"]')
      .getByTestId('milestone-problem'),
  ).toHaveText('⚠ Out of order: Contained is earlier than acknowledged');
  await expect(
    app
      .locator('[data-milestone="acknowledged"]')
      .getByTestId('milestone-problem'),
  ).toHaveCount(0);

  await app.setViewportSize({ width: 1360, height: 1300 });
  await saveScreenshot(app, 'incident-card');

  await showPane(app, 'Timeline');
  await expect(
    timelineRow(app, 'Sam Okafor assigned as Incident Commander'),
  ).toBeVisible();
  await expect(timelineRow(app, /Milestone Acknowledged at/)).toBeVisible();
  expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
});

test('closing with required items open asks for a reason', async ({
  app,
  server,
}) => {
  const incident = await openIncidentAt(server, {
    title: 'Phishing report turned out to be a vendor newsletter',
    severity: 'low',
    category: 'authentication-access-control',
    detectedAtMs: Date.now() - 30 * MINUTE,
  });
  await chooseIncident(app, incident.title);
  await showPane(app, 'Incident card');

  await app.getByLabel('Resolution').selectOption({ label: 'False positive' });
  await app.getByRole('button', { name: 'Close incident' }).click();
  const blocked = app.getByTestId('blocked-dialog');
  await expect(blocked.getByTestId('blocking-items')).toContainText(
    'Post-incident: Incident report completed',
  );
  await app.keyboard.type('Not an incident: nothing to report on');
  await app.keyboard.press('Enter');

  await expect(blocked).toBeHidden();
  await expect(app.getByTestId('resolution')).toContainText(
    'as False positive',
  );
  await expect(app.getByTestId('closed-marker')).toHaveText('Closed');
  await expect(responseClock(app)).toHaveAttribute('data-status', 'stopped');

  await showPane(app, 'Timeline');
  await expect(
    timelineRow(app, /Incident closed as false positive/),
  ).toContainText('reason: Not an incident: nothing to report on');
  expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
});
