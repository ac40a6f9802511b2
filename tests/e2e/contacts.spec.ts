import type { Page } from '@playwright/test';
import { invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';

const TITLE = 'Customer records copied from the backup bucket';

async function openContacts(app: Page) {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Contacts', exact: true })
    .click();
  await expect(
    app.getByRole('heading', { name: 'Escalation and notifications' }),
  ).toBeVisible();
}

async function logNotification(
  app: Page,
  who: string,
  audience: string,
  acknowledged: boolean,
) {
  const form = app.getByRole('form', { name: 'Log a notification' });
  await form.getByLabel('Audience').selectOption({ label: audience });
  await form.getByLabel('Who was notified').fill(who);
  await form.getByLabel('Channel').selectOption('phone');
  if (acknowledged) await form.getByLabel('Acknowledged').check();
  await form.getByRole('button', { name: 'Log notification' }).click();
  await expect(app.getByTestId('notification-log')).toContainText(who);
}

test('a critical data breach: who to call, the 72-hour clock, an update', async ({
  app,
  server,
}) => {
  // Detected 20 minutes ago: the 15-minute C-level deadline has passed.
  const detectedAt = new Date(Date.now() - 20 * 60_000).toISOString();
  await invoke(server, 'incident:create', {
    title: TITLE,
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
    detectedAt,
  });
  await app.reload();
  await chooseIncident(app, TITLE);
  await expect(app.getByTestId('overdue-notifications')).toHaveText(
    '1 notification overdue',
  );
  await openContacts(app);

  const tree = app.getByTestId('escalation-tree');
  await expect(tree).toContainText('Immediate C-level notification');
  await expect(tree.getByTestId('audience')).toContainText('OVERDUE');
  await expect(app.getByTestId('regulatory-clock')).toContainText(
    'within 72 hours',
  );
  await saveScreenshot(
    app,
    'contacts-escalation',
    app.getByTestId('escalation'),
  );

  await logNotification(app, 'Dana (CEO)', 'C-level executives', true);
  await logNotification(app, 'Eli (CFO)', 'C-level executives', false);
  await expect(app.getByTestId('overdue-notifications')).toHaveCount(0);
  await expect(tree.getByTestId('audience')).toContainText('acknowledged');
  const log = app.getByTestId('notification-log');
  await expect(
    log.getByRole('button', { name: 'Mark acknowledged' }),
  ).toHaveCount(1);
  await saveScreenshot(
    app,
    'contacts-notification-log',
    app.getByTestId('escalation'),
  );

  const comms = app.getByTestId('communications');
  await comms
    .getByLabel('Template')
    .selectOption({ label: 'Internal status update' });
  await comms.getByRole('button', { name: 'Draft from incident' }).click();
  const draft = comms.getByLabel('Draft');
  await expect(draft).toHaveValue(/\*\*Severity:\*\* critical/);
  await expect(draft).toHaveValue(/Notified Dana \(CEO\)/);
  await draft.fill(
    (await draft.inputValue()).replace(
      '## Needs\n\n- ',
      '## Needs\n\n- Legal on the bridge',
    ),
  );
  await comms.getByLabel('Sent through').fill('#inc-bridge');
  await comms
    .getByRole('button', { name: 'Record as sent to internal' })
    .click();
  await expect(comms.getByTestId('sent-log')).toContainText(
    'internal-update to internal through #inc-bridge',
  );
  await saveScreenshot(app, 'contacts-communications', comms);

  const directory = app.getByTestId('directory');
  await expect(directory.getByTestId('contact-row')).toContainText([
    'C-level executives',
  ]);
  await directory.getByLabel('Search contacts').fill('security@');
  await expect(directory.getByTestId('contact-row').first()).toContainText(
    'Security Team',
  );
  await expect(
    directory.getByRole('link', { name: 'write' }).first(),
  ).toHaveAttribute('href', 'mailto:security@enwhe.com');
  await directory.getByLabel('Search contacts').fill('');
  await saveScreenshot(app, 'contacts-directory', directory);
});
