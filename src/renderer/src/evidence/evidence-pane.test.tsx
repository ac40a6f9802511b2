import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  EvidenceItem,
  IntakeOutcome,
  VaultCheck,
} from '../../../shared/evidence-types';
import type { AppInfo } from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID, sampleIncident } from '../test-support/sample-data';
import {
  sampleCustody,
  sampleDetail,
  sampleEvidence,
} from '../test-support/sample-evidence';
import { EvidencePane } from './evidence-pane';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const INFO: AppInfo = {
  version: '0.1.0',
  deviceId: 'device-1',
  dataDir: '/data',
  defaultActor: 'ic',
  printsPdf: false,
};

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

function renderPane(items: EvidenceItem[], handlers: FakeHandlers = {}) {
  const bridge = createFakeBridge({
    'app:info': () => ok(INFO),
    'incident:list': () => ok([sampleIncident()]),
    'evidence:list': () => ok(items),
    'evidence:get': ({ evidenceId }) => {
      const item = items.find((candidate) => candidate.id === evidenceId);
      return item
        ? ok(sampleDetail(item))
        : { ok: false, error: { kind: 'not-found', message: 'gone' } };
    },
    ...handlers,
  });
  const view = renderWithApp(<EvidencePane incidentId={INCIDENT_ID} />, bridge);
  return { bridge, ...view };
}

function inputsOf(
  bridge: ReturnType<typeof renderPane>['bridge'],
  channel: string,
) {
  return bridge.calls
    .filter((call) => call.channel === channel)
    .map((call) => call.input);
}

const SECOND = sampleEvidence({
  id: '01KBHQ4B0000000000000000E2',
  name: 'netstat.txt',
  type: 'system-snapshot',
  size: 3 * 1024 ** 2,
  hashes: {
    sha256: '12'.repeat(32),
    sha1: '34'.repeat(20),
    md5: '56'.repeat(16),
  },
  custodyState: 'transferred',
  custodian: 'Sam Okafor',
  integrity: 'intact',
  integrityCheckedAt: '2026-12-03T16:30:00.000000Z',
});

beforeEach(() => resetUiStore());

describe('the evidence list and detail', () => {
  it('lists each item with type, size, short hash, custody and integrity', async () => {
    renderPane([sampleEvidence(), SECOND]);

    const rows = await screen.findAllByTestId('evidence-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('netstat.txt');
    expect(rows[1]).toHaveTextContent('System snapshot');
    expect(rows[1]).toHaveTextContent('3.0 MiB');
    expect(rows[1]).toHaveTextContent('121212121212');
    expect(rows[1]).toHaveTextContent('Transferredheld by Sam Okafor');
    expect(within(rows[1]).getByTestId('integrity')).toHaveTextContent(
      '✓ Intact',
    );
    expect(screen.getByTestId('evidence-total')).toHaveTextContent(
      '2 items · 3.0 MiB',
    );
  });

  it('shows every recorded field and the custody history of the selection', async () => {
    const user = userEvent.setup();
    renderPane([sampleEvidence(), SECOND]);

    await user.click(
      await screen.findByRole('button', { name: 'netstat.txt' }),
    );

    const detail = await screen.findByTestId('evidence-detail');
    await waitFor(() =>
      expect(
        within(detail).getByRole('heading', { level: 2 }),
      ).toHaveTextContent('netstat.txt'),
    );
    for (const text of [
      '12'.repeat(32),
      '34'.repeat(20),
      '56'.repeat(16),
      '/var/log/auth.log',
      'bastion-1',
      '2026-12-03 15:59:00.000000Z',
      'Copied from the bastion',
      '3.0 MiB (3,145,728 bytes)',
    ]) {
      expect(detail).toHaveTextContent(text);
    }
    const history = within(detail).getAllByTestId('custody-event');
    expect(history[0]).toHaveTextContent('Collected');
    expect(history[0]).toHaveTextContent('War Room vault');
  });

  it('moves the selection with the arrow keys', async () => {
    const user = userEvent.setup();
    renderPane([sampleEvidence(), SECOND]);
    const first = await screen.findByRole('button', { name: 'auth.log' });

    first.focus();
    await user.keyboard('{ArrowDown}');

    expect(screen.getByRole('button', { name: 'netstat.txt' })).toHaveFocus();
    expect(screen.getAllByTestId('evidence-row')[1]).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  it('copies the full SHA-256 from the short one and says so', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    renderPane([sampleEvidence()]);
    const row = await screen.findByTestId('evidence-row');

    await user.click(
      within(row).getByRole('button', { name: 'Copy the SHA-256 of auth.log' }),
    );

    expect(writeText).toHaveBeenCalledWith('ab'.repeat(32));
    expect(within(row).getByRole('status')).toHaveTextContent('✓ Copied');
  });

  it('puts altered and missing items across the top, each opening its detail', async () => {
    const user = userEvent.setup();
    const altered = sampleEvidence({ integrity: 'altered' });
    const missing = { ...SECOND, integrity: 'missing' as const };
    renderPane([altered, missing]);

    const banner = await screen.findByTestId('integrity-banner');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveTextContent('2 evidence items fail their integrity');
    expect(banner).toHaveTextContent('altered auth.log');
    expect(banner).toHaveTextContent('missing netstat.txt');
    expect(banner).toHaveTextContent('its vault copy is gone');
    await user.click(
      within(banner).getByRole('button', { name: 'netstat.txt' }),
    );
    const detail = screen.getByTestId('evidence-detail');
    await waitFor(() =>
      expect(within(detail).getByTestId('integrity')).toHaveTextContent(
        '⚠ Missing',
      ),
    );
  });

  it('shows no banner while everything is intact or unverified', async () => {
    renderPane([sampleEvidence(), SECOND]);
    await screen.findAllByTestId('evidence-row');
    expect(screen.queryByTestId('integrity-banner')).toBeNull();
  });
});

function outcome(item: EvidenceItem): IntakeOutcome {
  return { ok: true, item, deduplicated: false };
}

describe('adding files', () => {
  it('sends the picked files with the details and a fresh intake id', async () => {
    const user = userEvent.setup();
    const { bridge } = renderPane([], {
      addEvidenceFiles: async () =>
        ok([
          outcome(sampleEvidence()),
          { ok: false, path: 'core.dump', message: 'cannot be read' },
        ]),
    });
    await user.click(await screen.findByRole('button', { name: 'Add files…' }));
    const dialog = screen.getByTestId('add-files-dialog');

    await user.upload(within(dialog).getByLabelText('Choose files…'), [
      new File(['a'], 'auth.log'),
      new File(['b'], 'core.dump'),
    ]);
    expect(within(dialog).getByLabelText('Type')).toHaveValue('log-export');
    await user.type(
      within(dialog).getByLabelText('Tags (comma-separated)'),
      'ssh, bastion',
    );
    await user.type(within(dialog).getByLabelText('Description'), 'From b-1');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add 2 files' }),
    );

    await waitFor(() => expect(bridge.fileCalls).toHaveLength(1));
    expect(bridge.fileCalls[0]).toEqual({
      names: ['auth.log', 'core.dump'],
      details: {
        incidentId: INCIDENT_ID,
        type: 'log-export',
        description: 'From b-1',
        tags: ['ssh', 'bastion'],
        intakeId: expect.stringMatching(ULID),
      },
    });
    const finished = await screen.findByTestId('intake-finished');
    expect(finished).toHaveTextContent('Added 1 item; 1 not added.');
    expect(finished).toHaveTextContent('Not added: core.dump: cannot be read');
    expect(finished).toHaveAttribute('role', 'alert');
  });

  it('opens the add dialog with files dropped on the pane', async () => {
    renderPane([]);
    const pane = await screen.findByTestId('evidence-pane');
    const file = new File(['png'], 'console.png');
    const dataTransfer = { types: ['Files'], files: [file], items: [] };

    fireEvent.dragEnter(pane, { dataTransfer });
    expect(
      screen.getByText('Drop files to add them as evidence'),
    ).toBeInTheDocument();
    fireEvent.drop(pane, { dataTransfer });

    const dialog = await screen.findByTestId('add-files-dialog');
    expect(
      within(dialog).getByRole('list', { name: 'Files to add' }),
    ).toHaveTextContent('console.png');
    expect(within(dialog).getByLabelText('Type')).toHaveValue('screenshot');
    expect(screen.queryByText('Drop files to add them as evidence')).toBeNull();
  });

  it('shows a running intake’s progress and cancels it by its id', async () => {
    const user = userEvent.setup();
    let finish: (result: Result<IntakeOutcome[]>) => void = () => {};
    const { bridge } = renderPane([], {
      addEvidenceFiles: () => new Promise((resolve) => (finish = resolve)),
      'evidence:cancel-intake': () => ok({ cancelled: true }),
    });
    await user.click(await screen.findByRole('button', { name: 'Add files…' }));
    const dialog = screen.getByTestId('add-files-dialog');
    await user.upload(within(dialog).getByLabelText('Choose files…'), [
      new File(['x'], 'web-03.mem'),
    ]);
    await user.click(
      within(dialog).getByRole('button', { name: 'Add 1 file' }),
    );
    await waitFor(() => expect(bridge.fileCalls).toHaveLength(1));
    const intakeId = bridge.fileCalls[0].details.intakeId!;

    bridge.emit('evidence:progress', {
      intakeId,
      incidentId: INCIDENT_ID,
      name: 'web-03.mem',
      bytesDone: 512 * 1024 ** 2,
      bytesTotal: 1024 ** 3,
      bytesPerSecond: 100 * 1024 ** 2,
      secondsLeft: 6,
    });
    const running = await screen.findByTestId('intake-running');
    expect(within(running).getByTestId('intake-progress')).toHaveTextContent(
      'web-03.mem: 512 MiB of 1.0 GiB · 100 MiB/s · 6 s left',
    );
    await user.click(within(running).getByRole('button', { name: 'Cancel' }));

    await waitFor(() =>
      expect(inputsOf(bridge, 'evidence:cancel-intake')).toEqual([
        { intakeId },
      ]),
    );
    finish({
      ok: false,
      error: { kind: 'cancelled', message: 'the intake was cancelled' },
    });
    expect(await screen.findByTestId('intake-finished')).toHaveTextContent(
      'Not added: the intake was cancelled',
    );
  });

  it('adds pasted text under the name given', async () => {
    const user = userEvent.setup();
    const { bridge } = renderPane([], {
      'evidence:add-text': () => ok(sampleEvidence({ name: 'netstat.txt' })),
    });
    await user.click(await screen.findByRole('button', { name: 'Add text…' }));
    const dialog = screen.getByTestId('add-text-dialog');

    await user.click(within(dialog).getByRole('button', { name: 'Add text' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Give it a name',
    );
    await user.type(within(dialog).getByLabelText('Name'), 'netstat.txt');
    await user.type(
      within(dialog).getByLabelText('Text (kept exactly as pasted)'),
      'tcp 0 0 10.0.4.17:22',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add text' }));

    await waitFor(() =>
      expect(inputsOf(bridge, 'evidence:add-text')).toEqual([
        {
          incidentId: INCIDENT_ID,
          name: 'netstat.txt',
          text: 'tcp 0 0 10.0.4.17:22',
          type: 'system-snapshot',
          intakeId: expect.stringMatching(ULID),
        },
      ]),
    );
  });
});

describe('custody and checks', () => {
  it('records a transfer only once the recipient is named', async () => {
    const user = userEvent.setup();
    const item = sampleEvidence();
    let detail = sampleDetail(item);
    const { bridge } = renderPane([item], {
      'evidence:get': () => ok(detail),
      'evidence:record-custody': () => {
        detail = sampleDetail(item, [
          ...detail.custody,
          sampleCustody({
            entryId: '01KBHQ4B0000000000000000J2',
            action: 'transferred',
            recipient: { name: 'Sam Okafor', role: '', contact: '' },
          }),
        ]);
        return ok(detail);
      },
    });
    await user.click(
      await screen.findByRole('button', { name: 'Record custody…' }),
    );
    const dialog = screen.getByTestId('custody-dialog');
    const submit = within(dialog).getByRole('button', {
      name: 'Record transferred',
    });

    await user.click(submit);
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Name who received it.',
    );
    const received = within(dialog).getByRole('group', { name: 'Received by' });
    await user.type(within(received).getByLabelText('Name'), 'Sam Okafor');
    await user.click(submit);

    await waitFor(() =>
      expect(inputsOf(bridge, 'evidence:record-custody')).toEqual([
        {
          evidenceId: item.id,
          action: 'transferred',
          handler: { name: 'ic' },
          recipient: { name: 'Sam Okafor' },
        },
      ]),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('custody-event')).toHaveLength(2),
    );
  });

  it('seals with the storage location first in line', async () => {
    const user = userEvent.setup();
    renderPane([sampleEvidence()]);

    await user.click(await screen.findByRole('button', { name: 'Seal…' }));

    const dialog = screen.getByTestId('custody-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent(
      'Seal auth.log',
    );
    expect(within(dialog).getByLabelText('Action')).toHaveValue('sealed');
    expect(
      within(dialog).getByLabelText('Seal / storage location'),
    ).toHaveFocus();
    expect(
      within(dialog).queryByRole('group', { name: 'Received by' }),
    ).toBeNull();
  });

  it('verifies on demand and reports the check', async () => {
    const user = userEvent.setup();
    const check: VaultCheck = {
      ok: true,
      items: 2,
      bytes: 2048,
      problems: [],
      checkedAt: '2026-12-03T16:40:00.000000Z',
    };
    const { bridge } = renderPane([sampleEvidence()], {
      'evidence:verify': () => ok(check),
    });

    await user.click(await screen.findByRole('button', { name: 'Verify now' }));

    expect(await screen.findByTestId('verify-result')).toHaveTextContent(
      'Checked 2 items (2.0 KiB) at 2026-12-03 16:40:00Z: all intact',
    );
    expect(inputsOf(bridge, 'evidence:verify')).toEqual([
      { incidentId: INCIDENT_ID, trigger: 'on-demand' },
    ]);
  });
});
