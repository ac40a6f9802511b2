import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  REVIEW_SECTIONS,
  type FollowUp,
  type ReviewState,
} from '../../../shared/review-types';
import { resetUiStore } from '../state/ui-store';
import { sampleCommandState } from '../test-support/sample-command';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID } from '../test-support/sample-data';
import { attendeeNames } from './meeting-form';
import { ReviewPane } from './review-pane';

function followUp(changes: Partial<FollowUp> = {}): FollowUp {
  return {
    id: '01KBHQ2ZP4TS1BA5K3V3WDG2G1',
    incidentId: INCIDENT_ID,
    title: 'Rotate CI keys',
    owner: 'Priya',
    dueDate: '2026-12-01',
    status: 'open',
    addedBy: 'ana',
    addedAt: '2026-12-03T16:00:00.000000Z',
    updatedAt: '2026-12-03T16:00:00.000000Z',
    lastReason: '',
    overdue: true,
    ...changes,
  };
}

function review(changes: Partial<ReviewState> = {}): ReviewState {
  return {
    incidentId: INCIDENT_ID,
    sections: REVIEW_SECTIONS.map((section) => ({
      section,
      text: '',
      versions: [],
    })),
    meeting: null,
    followUps: [],
    ...changes,
  };
}

function withRootCause(text: string): ReviewState {
  const base = review();
  base.sections[2] = {
    section: 'root-cause',
    text,
    versions: [
      {
        entryId: '01KBHQ2ZP4TS1BA5K3V3WDG2G2',
        text: 'Leaked key',
        reason: '',
        actor: 'ana',
        recordedAt: '2026-12-03T16:00:00.000000Z',
      },
      {
        entryId: '01KBHQ2ZP4TS1BA5K3V3WDG2G3',
        text,
        reason: 'found origin',
        actor: 'ana',
        recordedAt: '2026-12-03T16:05:00.000000Z',
      },
    ],
  };
  return base;
}

function open(handlers: FakeHandlers) {
  const bridge = createFakeBridge({
    'command:state': () => ({ ok: true, value: sampleCommandState() }),
    ...handlers,
  });
  renderWithApp(<ReviewPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

beforeEach(() => resetUiStore());

describe('ReviewPane', () => {
  it('saves a section as a new version and shows earlier versions', async () => {
    const user = userEvent.setup();
    const bridge = open({
      'review:get': () => ({ ok: true, value: withRootCause('CI log leak') }),
      'review:write-section': () => ({
        ok: true,
        value: withRootCause('CI log leak via debug flag'),
      }),
    });

    const editor = await screen.findByTestId('review-root-cause');
    expect(within(editor).getByText('1 earlier version')).toBeVisible();
    await user.type(
      within(editor).getByLabelText('Root cause'),
      ' via debug flag',
    );
    await user.type(
      within(editor).getByLabelText('Why root cause changed'),
      'debug flag found',
    );
    await user.click(
      within(editor).getByRole('button', { name: 'Amend root cause' }),
    );

    await waitFor(() =>
      expect(bridge.calls.map((c) => c.channel)).toContain(
        'review:write-section',
      ),
    );
    expect(
      bridge.calls.find((c) => c.channel === 'review:write-section')?.input,
    ).toEqual({
      incidentId: INCIDENT_ID,
      section: 'root-cause',
      text: 'CI log leak via debug flag',
      reason: 'debug flag found',
    });
    expect(
      await screen.findByDisplayValue('CI log leak via debug flag'),
    ).toBeVisible();
  });

  it('marks overdue follow-ups and changes a status', async () => {
    const user = userEvent.setup();
    const bridge = open({
      'review:get': () => ({
        ok: true,
        value: review({ followUps: [followUp()] }),
      }),
      'review:update-follow-up': () => ({
        ok: true,
        value: review({
          followUps: [followUp({ status: 'done', overdue: false })],
        }),
      }),
    });

    const table = await screen.findByTestId('follow-ups');
    expect(within(table).getByText('Overdue')).toBeVisible();
    await user.selectOptions(
      within(table).getByLabelText('Status of Rotate CI keys'),
      'Done',
    );

    await waitFor(() =>
      expect(
        within(screen.getByTestId('follow-ups')).queryByText('Overdue'),
      ).toBeNull(),
    );
    expect(bridge.calls.at(-1)?.input).toMatchObject({ status: 'done' });
  });

  it('shows why a report could not be written', async () => {
    const user = userEvent.setup();
    open({
      'review:get': () => ({ ok: true, value: review() }),
      'report:export': () => ({
        ok: false,
        error: { kind: 'invalid-input', message: '/tmp/r.html already exists' },
      }),
    });

    await user.type(await screen.findByLabelText('Report file'), '/tmp/r.html');
    await user.click(screen.getByRole('button', { name: 'Write report' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'already exists',
    );
  });
});

describe('attendeeNames', () => {
  it('splits on commas and lines and drops blanks', () => {
    expect(attendeeNames('Ana, Priya ,,\nLi ')).toEqual(['Ana', 'Priya', 'Li']);
  });
});
