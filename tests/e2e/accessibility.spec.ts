import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { syncedTest } from './admin-sim-fixtures';
import { addNotes, invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot } from './fixtures';
import type { ServeProcess } from './serve-process';

/** The success criteria of WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const TITLE = 'Customer records copied from the backup bucket';

/**
 * An incident as a commander would have it an hour in: notes on the
 * timeline, a role held, a checklist item done, a piece of evidence and
 * a review draft with a follow-up.
 */
async function seedIncident(server: ServeProcess) {
  const detectedAt = new Date(Date.now() - 20 * 60_000).toISOString();
  const incident = await invoke(server, 'incident:create', {
    title: TITLE,
    severity: 'critical',
    category: 'data-security',
    subtype: 'data-exfiltration-attempts',
    detectionMethod: 'alert',
    detectedAt,
  });
  const incidentId = incident.id;
  const [firstNote] = await addNotes(server, incidentId, [
    'Bucket access logs show 40 GB read by the CI service account',
    'Revoked the CI deploy key at 14:05\nNew key issued to the release job',
    'Legal informed; customer notice drafted',
  ]);
  await invoke(server, 'command:assign-role', {
    incidentId,
    role: 'incident-commander',
    person: 'Ana Pereira',
    contact: '+44 20 7946 0000',
  });
  await invoke(server, 'evidence:add-text', {
    incidentId,
    name: 'bucket-access.log',
    type: 'log-export',
    text: 'GET /backups/2025-01-19.tar 200 ci-deploy 203.0.113.7\n',
    description: 'Access log for the backup bucket',
    tags: ['s3', 'exfiltration'],
    linkedEntries: [firstNote.id],
  });
  await invoke(server, 'review:write-section', {
    incidentId,
    section: 'summary',
    text: 'A leaked CI key let an outsider copy two backups.',
  });
  await invoke(server, 'review:add-follow-up', {
    incidentId,
    title: 'Rotate every CI deploy key',
    owner: 'Li',
    dueDate: '2099-01-15',
  });
  return incident;
}

type PaneVisit = {
  /** Names the screenshot: a11y-<name>.png. */
  name: string;
  /** Brings the pane (or dialog) up and waits until it has its content. */
  open: (app: Page) => Promise<void>;
  /** Puts things back for the next pane, e.g. closes a dialog. */
  close?: (app: Page) => Promise<void>;
};

function navEntry(app: Page, label: string): Locator {
  return app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: label, exact: true });
}

function showPane(label: string, ready: (app: Page) => Locator) {
  return async (app: Page) => {
    await navEntry(app, label).click();
    await expect(ready(app)).toBeVisible();
  };
}

function heading(name: string | RegExp) {
  return (app: Page) => app.getByRole('heading', { name, level: 1 });
}

function openDialog(button: string, title: string | RegExp) {
  return async (app: Page) => {
    await app.getByRole('button', { name: button, exact: true }).click();
    await expect(app.getByRole('dialog', { name: title })).toBeVisible();
  };
}

async function closeDialog(app: Page) {
  await app.keyboard.press('Escape');
  await expect(app.locator('dialog[open]')).toHaveCount(0);
}

const PANES: PaneVisit[] = [
  {
    name: 'incidents',
    open: showPane('Incidents', (app) =>
      app.getByTestId('incident-row').first(),
    ),
  },
  {
    name: 'new-incident-dialog',
    open: async (app) => {
      await app
        .getByRole('button', { name: 'New incident', exact: true })
        .click();
      await expect(
        app.getByRole('dialog', { name: 'New incident' }),
      ).toBeVisible();
    },
    close: closeDialog,
  },
  {
    name: 'timeline',
    open: showPane('Timeline', (app) =>
      app
        .getByRole('list', { name: 'Timeline entries' })
        .getByText('Legal informed'),
    ),
  },
  {
    name: 'export-timeline-dialog',
    open: openDialog('Export timeline…', 'Export timeline'),
    close: closeDialog,
  },
  {
    name: 'import-timeline-dialog',
    open: openDialog('Import timeline…', 'Import timeline'),
    close: closeDialog,
  },
  {
    name: 'checklist',
    open: showPane('Checklist', (app) => app.getByRole('tree').first()),
  },
  {
    name: 'incident-card',
    open: showPane('Incident card', (app) =>
      app.getByTestId('role-holder').getByText('Ana Pereira'),
    ),
  },
  {
    name: 'evidence',
    open: showPane('Evidence', (app) =>
      app.getByTestId('evidence-row').filter({ hasText: 'bucket-access.log' }),
    ),
  },
  {
    name: 'evidence-add-text-dialog',
    open: openDialog('Add text…', 'Add pasted text as evidence'),
    close: closeDialog,
  },
  {
    name: 'evidence-add-files-dialog',
    open: openDialog('Add files…', 'Add files as evidence'),
    close: closeDialog,
  },
  {
    name: 'evidence-add-paths-dialog',
    open: openDialog('Add by path…', 'Add evidence by path'),
    close: closeDialog,
  },
  {
    name: 'evidence-export-dialog',
    open: openDialog('Export bundle…', 'Export evidence bundle'),
    close: closeDialog,
  },
  {
    name: 'evidence-custody-dialog',
    open: openDialog('Record custody…', /^Record custody of/),
    close: closeDialog,
  },
  {
    name: 'review',
    open: showPane('Review', (app) => app.getByTestId('follow-ups')),
  },
  {
    name: 'controls',
    open: showPane('Controls', (app) =>
      app.locator('[data-testid="control-action"][data-kind="lockdown"]'),
    ),
  },
  {
    name: 'controls-action-dialog',
    open: openDialog('lockdown…', /^Action: /),
    close: closeDialog,
  },
  {
    name: 'dashboard',
    open: async (app) => {
      await navEntry(app, 'Security dashboard').click();
      await app.getByRole('tab', { name: 'Overview', exact: true }).click();
      await app.getByRole('button', { name: 'Sync now' }).click();
      await expect(app.getByTestId('sync-result')).toContainText('Synced');
      await expect(app.getByTestId('metric-tile').first()).toBeVisible();
    },
  },
  {
    name: 'dashboard-events',
    open: async (app) => {
      await app.getByRole('tab', { name: 'Events', exact: true }).click();
      await expect(app.getByTestId('event-row').first()).toBeVisible();
    },
  },
  {
    name: 'dashboard-failed-logins',
    open: async (app) => {
      await app
        .getByRole('tab', { name: 'Failed logins', exact: true })
        .click();
      await expect(app.getByRole('tabpanel')).toBeVisible();
    },
  },
  {
    name: 'dashboard-connection',
    open: async (app) => {
      await app.getByRole('tab', { name: 'Connection', exact: true }).click();
      await expect(app.getByRole('tabpanel')).toBeVisible();
    },
  },
  {
    name: 'metrics',
    open: showPane('Metrics', heading('Metrics')),
  },
  {
    name: 'contacts',
    open: showPane('Contacts', (app) => app.getByTestId('escalation-tree')),
  },
];

type Finding = { pane: string; rule: string; impact: string; nodes: string[] };

async function scan(app: Page, pane: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page: app })
    .withTags(WCAG_TAGS)
    .analyze();
  // What axe could not decide (text over a translucent layer, say).
  for (const unsure of results.incomplete) {
    const count = unsure.nodes.length;
    process.stdout.write(
      `axe, needs review: ${pane}: ${unsure.id} ×${count}\n`,
    );
  }
  return results.violations.map((violation) => ({
    pane,
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/**
 * Visits each pane in the dark theme, then again in the light one, scanning
 * each and keeping a screenshot of it.
 */
async function scanInBothThemes(
  app: Page,
  panes: PaneVisit[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const theme of ['dark', 'light']) {
    const toggle = app.getByTestId('theme-toggle');
    if ((await app.locator('html').getAttribute('data-theme')) !== theme) {
      await toggle.click();
    }
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    for (const pane of panes) {
      await pane.open(app);
      const name = `${pane.name}-${theme}`;
      findings.push(...(await scan(app, name)));
      await saveScreenshot(app, `a11y-${name}`);
      await pane.close?.(app);
    }
  }
  return findings;
}

function describeFinding(finding: Finding): string {
  const where = finding.nodes.join(', ');
  return `${finding.pane}: ${finding.rule} (${finding.impact}) at ${where}`;
}

/** Lists every finding in the output; returns the blocking ones. */
function blockingFindings(findings: Finding[]): string[] {
  for (const finding of findings) {
    const weight = BLOCKING_IMPACTS.has(finding.impact) ? '' : 'not ';
    process.stdout.write(
      `axe, ${weight}blocking: ${describeFinding(finding)}\n`,
    );
  }
  return findings
    .filter((finding) => BLOCKING_IMPACTS.has(finding.impact))
    .map(describeFinding);
}

syncedTest(
  'every pane passes an axe scan in both themes',
  async ({ app, server }) => {
    syncedTest.setTimeout(240_000);
    await seedIncident(server);
    await chooseIncident(app, TITLE);

    const findings = await scanInBothThemes(app, PANES);

    expect(blockingFindings(findings)).toEqual([]);
  },
);

/**
 * Where focus is, as a person would judge it: on screen, and drawn with an
 * outline or ring. A string, as this file is compiled without the DOM's
 * types.
 */
const FOCUS_STOP = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // A native control drawn by its neighbour (a segment's radio button)
  // is invisible itself; the neighbour shows it and its focus.
  const hidden = getComputedStyle(element).opacity === '0';
  const face = (hidden && element.nextElementSibling) || element;
  const style = getComputedStyle(face);
  const box = face.getBoundingClientRect();
  const outlined =
    style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const label =
    element.getAttribute('aria-label') || element.textContent || '';
  return {
    name: element.tagName + ' ' + label.trim().slice(0, 40),
    shown: box.width > 0 && box.height > 0 && face.checkVisibility(),
    indicated: outlined || style.boxShadow !== 'none',
  };
})()`;

type FocusStop = { name: string; shown: boolean; indicated: boolean };

/** Every element focus landed on while the keyboard test ran. */
const stops: FocusStop[] = [];

/**
 * Presses `key` until `target` has focus, at most `limit` times, noting
 * each element focus passes through on the way.
 */
async function pressUntilFocused(
  app: Page,
  key: 'Tab' | 'Shift+Tab' | 'ArrowDown' | 'ArrowRight',
  target: Locator,
  limit = 40,
) {
  await expect(target).toBeVisible();
  for (let press = 0; press < limit; press++) {
    if (
      await target.evaluate(
        (element) => element === element.ownerDocument.activeElement,
      )
    ) {
      break;
    }
    await app.keyboard.press(key);
    const stop = (await app.evaluate(FOCUS_STOP)) as FocusStop | null;
    if (stop) stops.push(stop);
  }
  await expect(target).toBeFocused();
}

/**
 * Tabs from where focus is to the end of the page, noting every stop, so
 * no control of the pane goes unchecked.
 */
async function tabToEnd(app: Page, limit = 250) {
  for (let press = 0; press < limit; press++) {
    await app.keyboard.press('Tab');
    const stop = (await app.evaluate(FOCUS_STOP)) as FocusStop | null;
    if (!stop) return;
    stops.push(stop);
  }
  throw new Error(`focus did not leave the page after ${limit} presses of Tab`);
}

/** From wherever focus is, back to the pane's entry in the navigation. */
async function openPaneByKeyboard(app: Page, label: string) {
  await pressUntilFocused(app, 'Shift+Tab', navEntry(app, label), 250);
  await app.keyboard.press('Enter');
  await expect(navEntry(app, label)).toHaveAttribute('aria-current', 'page');
}

/** Opens a dialog from the focused button, checks focus went in, closes it. */
async function openAndCloseDialog(app: Page, name: string | RegExp) {
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

syncedTest(
  'every pane and its main action are reachable by keyboard',
  async ({ app, server }) => {
    syncedTest.setTimeout(120_000);
    await seedIncident(server);
    await app.reload();
    await expect(app.getByTestId('incident-row')).toHaveCount(1);
    await expect(app.locator('body')).toBeFocused();
    stops.length = 0;

    // Open the incident from the list.
    const row = app.getByTestId('incident-row').getByRole('button').first();
    await pressUntilFocused(app, 'Tab', row);
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('command-bar')).toContainText('Severity');

    await openPaneByKeyboard(app, 'Incidents');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('button', { name: 'New incident…' }),
    );
    await openAndCloseDialog(app, 'New incident');

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Timeline');
    const note = app.getByRole('textbox', { name: 'New note' });
    await pressUntilFocused(app, 'Tab', note);
    await app.keyboard.type('Reached by keyboard alone');
    await app.keyboard.press('Enter');
    await expect(
      app.getByRole('list', { name: 'Timeline entries' }),
    ).toContainText('Reached by keyboard alone');
    await pressUntilFocused(
      app,
      'Shift+Tab',
      app.getByRole('button', { name: 'Export timeline…' }),
    );
    await openAndCloseDialog(app, 'Export timeline');

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Checklist');
    const tree = app.getByTestId('checklist-tree');
    await pressUntilFocused(app, 'Tab', tree.locator('[tabindex="0"]'));
    const item = tree.locator('[role="treeitem"][aria-checked]').first();
    await pressUntilFocused(app, 'ArrowDown', item, 10);
    await expect(item).toHaveAttribute('aria-checked', 'false');
    await app.keyboard.press('Space');
    await expect(item).toHaveAttribute('aria-checked', 'true');

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Incident card');
    await pressUntilFocused(
      app,
      'Tab',
      app
        .getByRole('form', { name: 'Change severity' })
        .getByLabel('New severity'),
    );

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Evidence');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('button', { name: 'Add text…' }),
    );
    await openAndCloseDialog(app, 'Add pasted text as evidence');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('button', { name: 'Export bundle…' }),
    );
    await openAndCloseDialog(app, 'Export evidence bundle');

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Review');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByTestId('review-summary').getByLabel('Summary', { exact: true }),
    );

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Controls');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('button', { name: 'lockdown…' }),
    );
    await openAndCloseDialog(app, /^Action: /);

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Contacts');
    await pressUntilFocused(
      app,
      'Tab',
      app
        .getByRole('form', { name: 'Log a notification' })
        .getByLabel('Audience'),
    );

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Security dashboard');
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('button', { name: 'Sync now' }),
    );
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('sync-result')).toContainText('Synced');
    const overview = app.getByRole('tab', { name: 'Overview', exact: true });
    await pressUntilFocused(
      app,
      'Tab',
      app.getByRole('tab', { selected: true }),
    );
    await pressUntilFocused(app, 'ArrowRight', overview, 4);
    await app.keyboard.press('ArrowRight');
    await expect(
      app.getByRole('tab', { name: 'Events', exact: true }),
    ).toBeFocused();

    await tabToEnd(app);
    await openPaneByKeyboard(app, 'Metrics');
    const report = app.getByRole('button', {
      name: 'Monthly security posture report',
    });
    await pressUntilFocused(app, 'Tab', report, 80);
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('summary-markdown')).toContainText(
      '# Monthly security posture report',
    );

    await tabToEnd(app);

    expect(stops.length).toBeGreaterThan(100);
    expect(stops.filter((stop) => !stop.shown || !stop.indicated)).toEqual([]);
  },
);
