import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { resetUiStore, useUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { INCIDENT_ID, sampleIncident } from '../test-support/sample-data';
import { NewIncidentDialog } from './new-incident-dialog';

function openDialog(handlers: FakeHandlers) {
  const bridge = createFakeBridge(handlers);
  useUiStore.getState().setNewIncidentOpen(true);
  renderWithApp(<NewIncidentDialog />, bridge);
  return bridge;
}

async function classify(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(screen.getByLabelText('Severity'), 'High');
  await user.selectOptions(
    screen.getByLabelText('Category'),
    'Network Security',
  );
}

const created: FakeHandlers = {
  'incident:create': () => ({ ok: true, value: sampleIncident() }),
};

beforeEach(() => resetUiStore());

describe('NewIncidentDialog', () => {
  it('opens modal with the title field focused', () => {
    openDialog(created);

    expect(screen.getByRole('dialog')).toHaveAttribute('open');
    expect(screen.getByLabelText('Title')).toHaveFocus();
  });

  it('sends the fields and opens the new incident’s timeline', async () => {
    const user = userEvent.setup();
    const bridge = openDialog(created);

    await classify(user);
    await user.selectOptions(screen.getByLabelText('Subtype'), 'DDoS attacks');
    await user.type(screen.getByLabelText('Title'), '  Edge flood {Enter}');

    await waitFor(() => expect(useUiStore.getState().pane).toBe('timeline'));
    expect(bridge.calls).toEqual([
      {
        channel: 'incident:create',
        input: {
          title: 'Edge flood',
          severity: 'high',
          category: 'network-security',
          subtype: 'ddos-attacks',
        },
      },
    ]);
    const state = useUiStore.getState();
    expect(state.selectedIncidentId).toBe(INCIDENT_ID);
    expect(state.newIncidentOpen).toBe(false);
    expect(screen.getByRole('dialog', { hidden: true })).not.toHaveAttribute(
      'open',
    );
  });

  it('shows the server’s validation message and stays open', async () => {
    const user = userEvent.setup();
    openDialog({
      'incident:create': () => ({
        ok: false,
        error: {
          kind: 'invalid-input',
          message: 'incident:create: title: title must not be empty',
        },
      }),
    });

    await classify(user);
    await user.type(screen.getByLabelText('Title'), '{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'title must not be empty',
    );
    expect(screen.getByRole('dialog')).toHaveAttribute('open');
    expect(useUiStore.getState().selectedIncidentId).toBeNull();
  });

  it('asks for a severity before calling the server', async () => {
    const user = userEvent.setup();
    const bridge = openDialog(created);

    await user.type(screen.getByLabelText('Title'), 'No severity{Enter}');

    expect(screen.getByRole('alert')).toHaveTextContent('Choose a severity.');
    expect(bridge.calls).toEqual([]);
  });

  it('sends the detection time with the zone it was given in', async () => {
    const user = userEvent.setup();
    const bridge = openDialog(created);

    await classify(user);
    fireEvent.change(screen.getByLabelText('Detected at (optional)'), {
      target: { value: '2026-12-03T09:15' },
    });
    const zone = screen.getByLabelText('Zone offset');
    await user.clear(zone);
    await user.type(zone, '-05:00');
    await user.selectOptions(
      screen.getByLabelText('Detection method'),
      'Monitoring',
    );
    await user.type(screen.getByLabelText('Title'), 'Timed{Enter}');

    await waitFor(() => expect(bridge.calls).toHaveLength(1));
    const input = bridge.calls[0].input as ChannelInput<'incident:create'>;
    expect(input.detectedAt).toBe('2026-12-03T09:15:00-05:00');
    expect(input.detectionMethod).toBe('monitoring');
  });

  it('offers only the chosen category’s subtypes', async () => {
    const user = userEvent.setup();
    openDialog(created);
    const subtype = screen.getByLabelText('Subtype');
    expect(subtype).toBeDisabled();

    await user.selectOptions(
      screen.getByLabelText('Category'),
      'Data Security',
    );

    const options = [...subtype.querySelectorAll('option')].map(
      (option) => option.textContent,
    );
    expect(options).toContain('Data exfiltration attempts');
    expect(options).not.toContain('DDoS attacks');
    expect(subtype).toBeEnabled();
  });
});
