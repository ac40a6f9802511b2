import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ChecklistItem,
  IncidentCommandState,
} from '../../../shared/incident-command-types';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import {
  DETECTED_MS,
  sampleCommandState,
  sampleItem,
  sampleRulesView,
} from '../test-support/sample-command';
import { INCIDENT_ID } from '../test-support/sample-data';
import { ChecklistPane } from './checklist-pane';

const GENERAL = 'incident-response-checklist';

type Store = { state: IncidentCommandState };

/** Main's answers follow what was changed, as the real store's would. */
function renderPane(extra: (store: Store) => FakeHandlers = () => ({})) {
  const store: Store = { state: sampleCommandState() };
  const bridge = createFakeBridge({
    'rules:get': () => ({ ok: true, value: sampleRulesView() }),
    'playbooks:list': () => ({
      ok: true,
      value: { playbooks: [], problems: [] },
    }),
    'command:state': () => ({ ok: true, value: store.state }),
    'checklist:set-item': (input) => {
      const { state } = store;
      const item = state.checklist.find((i) => i.id === input.itemId)!;
      const changed: ChecklistItem = {
        ...item,
        state: input.state,
        reason: input.reason ?? null,
      };
      store.state = {
        ...state,
        checklist: state.checklist.map((i) => (i.id === item.id ? changed : i)),
      };
      return { ok: true, value: changed };
    },
    ...extra(store),
  });
  renderWithApp(<ChecklistPane incidentId={INCIDENT_ID} />, bridge);
  return bridge;
}

const row = (name: string) => screen.getByRole('treeitem', { name });

function callsTo(bridge: ReturnType<typeof renderPane>, channel: string) {
  return bridge.calls
    .filter((call) => call.channel === channel)
    .map((call) => call.input);
}

beforeEach(() => {
  resetUiStore();
  vi.useFakeTimers({ toFake: ['Date'], now: DETECTED_MS + 5 * 60_000 });
});

afterEach(() => vi.useRealTimers());

describe('ChecklistPane', () => {
  it('is one tab stop, moved by the arrows', async () => {
    const user = userEvent.setup();
    renderPane();
    const phase = await screen.findByRole('treeitem', {
      name: 'Detection and analysis phase',
    });
    expect(phase).toHaveAttribute('tabindex', '0');
    expect(row('Identify and Log')).toHaveAttribute('tabindex', '-1');

    await user.click(phase);
    await user.keyboard('{ArrowDown}{ArrowDown}');

    const child = row('Document incident details in security dashboard');
    expect(child).toHaveFocus();
    expect(child).toHaveAttribute('tabindex', '0');
    expect(phase).toHaveAttribute('tabindex', '-1');
  });

  it('ticks and unticks the focused item with Space', async () => {
    const user = userEvent.setup();
    const bridge = renderPane();
    await user.click(await screen.findByText('Incident detected and logged'));

    await user.keyboard(' ');

    const item = row('Incident detected and logged');
    await waitFor(() => expect(item).toHaveAttribute('aria-checked', 'true'));
    await user.keyboard(' ');
    await waitFor(() => expect(item).toHaveAttribute('aria-checked', 'false'));
    expect(callsTo(bridge, 'checklist:set-item')).toEqual([
      {
        incidentId: INCIDENT_ID,
        itemId: `${GENERAL}/detected-and-logged`,
        state: 'done',
      },
      {
        incidentId: INCIDENT_ID,
        itemId: `${GENERAL}/detected-and-logged`,
        state: 'open',
      },
    ]);
  });

  it('asks for a reason before skipping with s', async () => {
    const user = userEvent.setup();
    const bridge = renderPane();
    await user.click(await screen.findByText('Threats isolated'));

    await user.keyboard('s');
    const dialog = screen.getByRole('dialog', { name: /Skip/ });
    expect(within(dialog).getByLabelText('Reason for skipping')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Give a reason',
    );
    await user.keyboard('Done by the hosting provider{Enter}');

    await waitFor(() =>
      expect(row('Threats isolated')).toHaveTextContent(
        'skipped: Done by the hosting provider',
      ),
    );
    expect(callsTo(bridge, 'checklist:set-item')).toEqual([
      {
        incidentId: INCIDENT_ID,
        itemId: `${GENERAL}/isolate`,
        state: 'skipped',
        reason: 'Done by the hosting provider',
      },
    ]);
  });

  it('adds an item to the focused phase with a', async () => {
    const user = userEvent.setup();
    const added = sampleItem({
      id: 'ad-hoc/01kbhq',
      playbookId: 'ad-hoc',
      phase: 'containment',
      title: 'Rotate the CI deploy keys',
      adHoc: true,
    });
    const bridge = renderPane((store) => ({
      'checklist:add-item': () => {
        const { state } = store;
        store.state = { ...state, checklist: [...state.checklist, added] };
        return { ok: true, value: added };
      },
    }));
    await user.click(await screen.findByText('Threats isolated'));

    await user.keyboard('a');
    expect(
      screen.getByRole('dialog', { name: 'Add an item to Containment' }),
    ).toBeInTheDocument();
    await user.keyboard('Rotate the CI deploy keys{Enter}');

    // The new item becomes the tab stop. Whether it also takes focus as
    // the dialog closes is up to the browser, so the browser test checks.
    await waitFor(() =>
      expect(row('Rotate the CI deploy keys')).toHaveAttribute('tabindex', '0'),
    );
    expect(callsTo(bridge, 'checklist:add-item')).toEqual([
      {
        incidentId: INCIDENT_ID,
        phase: 'containment',
        title: 'Rotate the CI deploy keys',
        required: false,
      },
    ]);
  });

  it('folds a phase with Enter', async () => {
    const user = userEvent.setup();
    renderPane();
    const phase = await screen.findByRole('treeitem', {
      name: 'Containment phase',
    });
    await user.click(phase);

    await user.keyboard('{Enter}');

    expect(phase).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Threats isolated')).toBeNull();
    await user.keyboard('{Enter}');
    expect(screen.getByText('Threats isolated')).toBeInTheDocument();
  });

  it('shows what blocks advancing and resends with the reason', async () => {
    const user = userEvent.setup();
    const answers: Result<IncidentCommandState>[] = [
      {
        ok: false,
        error: {
          kind: 'blocked',
          message: 'required checklist items are still open',
        },
      },
      { ok: true, value: sampleCommandState({ phase: 'containment' }) },
    ];
    const bridge = renderPane((store) => ({
      'command:advance-phase': () => {
        const answer = answers.shift()!;
        if (answer.ok) store.state = answer.value;
        return answer;
      },
    }));

    await user.click(
      await screen.findByRole('button', { name: 'Advance to Containment' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Required items are still open',
    });
    expect(within(dialog).getByTestId('blocking-items')).toHaveTextContent(
      'Detection and analysis: Incident detected and logged',
    );
    await user.keyboard('Containment cannot wait{Enter}');

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Advance to Investigation' }),
      ).toBeInTheDocument(),
    );
    const sent = callsTo(bridge, 'command:advance-phase');
    expect(sent).toEqual([
      { incidentId: INCIDENT_ID, phase: 'containment' },
      {
        incidentId: INCIDENT_ID,
        phase: 'containment',
        overrideReason: 'Containment cannot wait',
      },
    ] satisfies ChannelInput<'command:advance-phase'>[]);
    expect(dialog).not.toHaveAttribute('open');
  });

  it('attaches a playbook the incident does not have yet', async () => {
    const user = userEvent.setup();
    const summary = (id: string, title: string) => ({
      id,
      title,
      origin: 'shipped' as const,
      appliesToEveryIncident: id === GENERAL,
      itemCount: 10,
    });
    const bridge = renderPane((store) => ({
      'playbooks:list': () => ({
        ok: true,
        value: {
          playbooks: [
            summary(GENERAL, 'Incident Response Checklist'),
            summary('data-breach', 'Data Breach'),
          ],
          problems: [],
        },
      }),
      'checklist:attach-playbook': () => ({ ok: true, value: store.state }),
    }));
    const select = await screen.findByLabelText('Attach playbook');
    await waitFor(() =>
      expect(within(select).getAllByRole('option')).toHaveLength(2),
    );

    expect(
      within(select).queryByText('Incident Response Checklist'),
    ).toBeNull();
    await user.selectOptions(select, 'Data Breach');
    await user.click(screen.getByRole('button', { name: 'Attach' }));

    await waitFor(() =>
      expect(callsTo(bridge, 'checklist:attach-playbook')).toEqual([
        { incidentId: INCIDENT_ID, playbookId: 'data-breach' },
      ]),
    );
  });
});
