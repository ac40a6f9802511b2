import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import type {
  TimelineExportSummary,
  TimelineImportReport,
} from '../../../shared/timeline-exchange-types';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { TimelineExchange } from './timeline-exchange';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

function renderExchange(handlers: FakeHandlers) {
  const bridge = createFakeBridge(handlers);
  renderWithApp(<TimelineExchange incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

function report(changes: Partial<TimelineImportReport>): TimelineImportReport {
  return {
    importId: '01KBHQ4B0000000000000000I1',
    format: 'admin-audit-json',
    name: 'incident_logs.json',
    sha256: 'ab'.repeat(32),
    imported: 0,
    rejected: 0,
    refused: false,
    fileProblem: null,
    problems: [],
    evidenceId: null,
    ...changes,
  };
}

/** A handler that answers when the test says so. */
function deferred<T>() {
  let resolve: (value: Result<T>) => void = () => {};
  const promise = new Promise<Result<T>>((done) => (resolve = done));
  return { promise, resolve };
}

describe('exporting the timeline', () => {
  it('asks for a format and a file, and shows what was written', async () => {
    const user = userEvent.setup();
    const summary: TimelineExportSummary = {
      path: '/media/usb/timeline.jsonl',
      format: 'timesketch-jsonl',
      entries: 1234,
      bytes: 99_000,
      sha256: 'cd'.repeat(32),
    };
    const bridge = renderExchange({ 'timeline:export': () => ok(summary) });

    await user.click(screen.getByRole('button', { name: 'Export timeline…' }));
    const dialog = screen.getByTestId('export-timeline-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Give the file to write the timeline to.',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Format'),
      'Timesketch JSONL',
    );
    await user.type(
      within(dialog).getByLabelText('Output file'),
      ' /media/usb/timeline.jsonl ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));

    expect(
      await within(dialog).findByTestId('export-result'),
    ).toHaveTextContent('Timeline written: 1,234 entries as Timesketch JSONL.');
    expect(within(dialog).getByText('cd'.repeat(32))).toBeInTheDocument();
    expect(bridge.calls.filter((c) => c.channel === 'timeline:export')).toEqual(
      [
        {
          channel: 'timeline:export',
          input: {
            incidentId: INCIDENT_ID,
            format: 'timesketch-jsonl',
            outPath: '/media/usb/timeline.jsonl',
          },
        },
      ],
    );
  });

  it('says why nothing was exported', async () => {
    const user = userEvent.setup();
    renderExchange({
      'timeline:export': () => ({
        ok: false,
        error: {
          kind: 'invalid-input',
          message:
            '/tmp/t.csv already exists; War Room does not overwrite files',
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Export timeline…' }));
    await user.type(screen.getByLabelText('Output file'), '/tmp/t.csv');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not exported: /tmp/t.csv already exists; War Room does not overwrite files',
    );
  });
});

describe('importing a timeline', () => {
  async function startImport(handlers: FakeHandlers) {
    const user = userEvent.setup();
    const bridge = renderExchange(handlers);
    await user.click(screen.getByRole('button', { name: 'Import timeline…' }));
    const dialog = screen.getByTestId('import-timeline-dialog');
    await user.type(
      within(dialog).getByLabelText('File'),
      '/srv/exports/incident_logs.json',
    );
    return { user, bridge, dialog };
  }

  it('sends the options, shows progress, and ends with the counts and problems', async () => {
    const answer = deferred<TimelineImportReport>();
    const { user, bridge, dialog } = await startImport({
      'timeline:import': () => answer.promise,
      'timeline:cancel-import': () => ok({ cancelled: false }),
    });
    await user.selectOptions(
      within(dialog).getByLabelText('Format'),
      'Timesketch CSV',
    );
    await user.type(
      within(dialog).getByLabelText('Zone of times without one (optional)'),
      'Europe/Berlin',
    );
    await user.click(within(dialog).getByLabelText(/Skip bad rows/));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const [sent] = bridge.calls.filter((c) => c.channel === 'timeline:import');
    const input = sent.input as { importId: string };
    expect(input).toEqual({
      incidentId: INCIDENT_ID,
      importId: expect.stringMatching(ULID),
      path: '/srv/exports/incident_logs.json',
      format: 'timesketch-csv',
      zone: 'Europe/Berlin',
      skipBadRows: true,
    });
    act(() =>
      bridge.emit('timeline:import-progress', {
        importId: input.importId,
        incidentId: INCIDENT_ID,
        phase: 'appending',
        bytesDone: 0,
        bytesTotal: 4096,
        rowsDone: 5000,
        rowsTotal: 12000,
      }),
    );
    expect(within(dialog).getByTestId('import-progress')).toHaveTextContent(
      'Adding events: 5,000 of 12,000 events',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();

    const problems = Array.from({ length: 12 }, (_, index) => ({
      line: index + 2,
      message: `problem ${index + 2}`,
    }));
    answer.resolve(
      ok(
        report({
          imported: 12000,
          rejected: 30,
          problems,
          evidenceId: '01KBHQ4B0000000000000000E9',
        }),
      ),
    );

    const result = await within(dialog).findByTestId('import-result');
    expect(result).toHaveTextContent('imported 12,000, rejected 30');
    expect(result).toHaveTextContent(
      'The file is in the evidence log as 01KBHQ4B0000000000000000E9.',
    );
    const listed = within(result).getAllByRole('listitem');
    expect(listed.map((item) => item.textContent)).toEqual([
      ...problems.slice(0, 10).map((p) => `Line ${p.line}: ${p.message}`),
      '… and 20 more',
    ]);
  });

  it('cancels while the file is still being checked', async () => {
    const answer = deferred<TimelineImportReport>();
    const { user, bridge, dialog } = await startImport({
      'timeline:import': () => answer.promise,
      'timeline:cancel-import': () => {
        answer.resolve({
          ok: false,
          error: {
            kind: 'cancelled',
            message: 'the import was cancelled before anything was written',
          },
        });
        return ok({ cancelled: true });
      },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const [started] = bridge.calls.filter(
      (c) => c.channel === 'timeline:import',
    );
    const [cancelled] = bridge.calls.filter(
      (c) => c.channel === 'timeline:cancel-import',
    );
    expect(cancelled.input).toEqual({
      importId: (started.input as { importId: string }).importId,
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Not imported: the import was cancelled before anything was written',
    );
    expect(within(dialog).getByLabelText('File')).toHaveValue(
      '/srv/exports/incident_logs.json',
    );
  });

  it('says nothing was imported when rows were refused, and goes back to the form', async () => {
    const { user, dialog } = await startImport({
      'timeline:import': () =>
        ok(
          report({
            rejected: 1,
            refused: true,
            problems: [
              {
                line: 20,
                message: '"yesterday" is not an ISO 8601 date and time',
              },
            ],
          }),
        ),
    });
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const result = await within(dialog).findByTestId('import-result');
    expect(result).toHaveTextContent('imported 0, rejected 1');
    expect(result).toHaveTextContent(
      'Nothing was imported. Fix these rows, or import again with “Skip bad rows” to leave them out.',
    );
    expect(result).toHaveTextContent(
      'Line 20: "yesterday" is not an ISO 8601 date and time',
    );
    await user.click(within(result).getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('File')).toHaveValue(
        '/srv/exports/incident_logs.json',
      ),
    );
  });

  it('names what is wrong with a file it cannot read at all', async () => {
    const { user, dialog } = await startImport({
      'timeline:import': () =>
        ok(
          report({
            format: null,
            refused: true,
            fileProblem:
              'the file is UTF-16 (it starts with a UTF-16 byte-order mark)',
          }),
        ),
    });
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(
      await within(dialog).findByTestId('import-result'),
    ).toHaveTextContent('Nothing was imported: the file is UTF-16');
  });
});
