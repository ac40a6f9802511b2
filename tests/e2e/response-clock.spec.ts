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

test.describe('with the page’s clock faked', () => {
  test.use({ fakeClock: true });

  test('a critical incident’s clock counts down from 15:00, then escalates', async ({
    app,
    server,
  }) => {
    // Detection a little ahead of the page's clock, so the test can stop
    // the clock exactly there once the incident is on screen.
    const pageNow = await app.evaluate(() => Date.now());
    const detectedAtMs = Math.ceil(pageNow / 1000) * 1000 + 20_000;
    const incident = await openIncidentAt(server, {
      title: 'SuperAdmin account taken over',
      severity: 'critical',
      category: 'authentication-access-control',
      subtype: 'compromised-superadmin-accounts',
      detectedAtMs,
    });
    await chooseIncident(app, incident.title);
    await app.clock.pauseAt(detectedAtMs);

    await expect(clockFigure(app)).toHaveText('15:00');
    await expect(responseClock(app)).toContainText(
      'Response · Critical target 15 min',
    );
    await expect(responseClock(app)).toContainText('Respond within');
    await app.clock.fastForward(1000);
    await expect(clockFigure(app)).toHaveText('14:59');
    await app.clock.fastForward('10:00');
    await expect(clockFigure(app)).toHaveText('04:59');
    await app.clock.fastForward('04:58');
    await expect(clockFigure(app)).toHaveText('00:01');
    await expect(responseClock(app)).toHaveAttribute('data-status', 'running');

    await app.clock.fastForward(2000);
    await expect(responseClock(app)).toHaveAttribute('data-status', 'overdue');
    await expect(responseClock(app)).toContainText('Overdue by');
    await expect(clockFigure(app)).toHaveText('00:01');
    await expect(responseClock(app)).toContainText(
      'Escalate: Immediate C-level notification',
    );
    await expect(app.getByTestId('clock-escalation')).toHaveAttribute(
      'title',
      'Notify: C-level executives',
    );
    await expect(app.getByTestId('phase-status')).toContainText(
      '15:01 since detection',
    );
    await expect(app.getByTestId('commander-status')).toHaveText(
      /No commander/,
    );
    await saveScreenshot(app, 'header', app.locator('header'));
  });
});

test('raising a high incident to critical shrinks its response target', async ({
  app,
  server,
}) => {
  const incident = await openIncidentAt(server, {
    title: 'Customer table read from an unknown host',
    severity: 'high',
    category: 'data-security',
    subtype: 'unauthorized-data-access',
    detectedAtMs: Date.now(),
  });
  await chooseIncident(app, incident.title);
  await expect(responseClock(app)).toContainText('High target 1 h');
  await expect(clockFigure(app)).toHaveText(/^(1 h 00 min|59:\d\d)$/);

  await showPane(app, 'Incident card');
  const matrix = app.getByTestId('matrix-helper');
  await matrix
    .getByLabel('Confidentiality')
    .selectOption({ label: 'Critical: Data breach' });
  await matrix
    .getByLabel('Availability')
    .selectOption({ label: 'Medium: Performance impact' });
  await expect(matrix.getByTestId('matrix-proposal')).toContainText(
    'Proposed Severity: Critical',
  );
  await matrix
    .getByRole('button', { name: 'Accept: make it Critical' })
    .click();

  await expect(responseClock(app)).toContainText('Critical target 15 min');
  await expect(clockFigure(app)).toHaveText(/^1[45]:\d\d$/);
  await expect(app.locator('header').getByTestId('severity-badge')).toHaveText(
    'Severity: Critical',
  );
  await expect(app.getByTestId('response-target')).toHaveText(
    '15 min of detection',
  );
  await expect(app.getByTestId('severity-history')).toContainText(
    'High → Critical',
  );

  await showPane(app, 'Timeline');
  await expect(
    timelineRow(app, /Severity changed from high to critical/),
  ).toContainText('Classification matrix proposal accepted');
  expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
});
