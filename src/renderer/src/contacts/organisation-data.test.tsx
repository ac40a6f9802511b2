import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import type {
  RegulatoryRegime,
  Resource,
} from '../../../shared/contacts-types';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { RegimesSection } from './regimes-section';
import { resourceIdFor, ResourcesSection } from './resources-section';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

beforeEach(() => resetUiStore());

const GDPR: RegulatoryRegime = { id: 'gdpr', label: 'GDPR', hours: 72 };

const AUDIT: Resource = {
  id: 'audit-logs',
  label: 'Audit Logs',
  target: '/api/admin/audit/logs',
  group: 'Log analysis',
  notes: '',
};

function renderRegimes(message = 'hours: must be at least 1 hour') {
  const bridge = createFakeBridge({
    'comms:regimes': () => ok([GDPR]),
    'comms:set-regime': (input) =>
      input.hours === 96
        ? ok([{ ...GDPR, hours: 96 }])
        : { ok: false, error: { kind: 'invalid-input', message } },
  });
  renderWithApp(<RegimesSection />, bridge);
  return bridge;
}

async function editDeadline(hours: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit GDPR deadline' }),
  );
  const form = screen.getByRole('form', { name: 'Edit GDPR' });
  const box = within(form).getByLabelText('Deadline hours');
  await userEvent.clear(box);
  if (hours) await userEvent.type(box, hours);
  await userEvent.click(
    within(form).getByRole('button', { name: 'Save deadline' }),
  );
  return form;
}

it('changes a regime’s deadline through comms:set-regime', async () => {
  const bridge = renderRegimes();
  await editDeadline('96');

  await waitFor(() =>
    expect(
      bridge.calls.find((c) => c.channel === 'comms:set-regime')?.input,
    ).toEqual({ id: 'gdpr', label: 'GDPR', hours: 96 }),
  );
});

it('shows main’s refusal of a deadline, naming the field', async () => {
  renderRegimes();
  const form = await editDeadline('0');

  expect(await within(form).findByRole('alert')).toHaveTextContent(
    'Deadline hours: must be at least 1 hour',
  );
});

it('refuses an empty deadline without asking main', async () => {
  const bridge = renderRegimes();
  const form = await editDeadline('');

  expect(await within(form).findByRole('alert')).toHaveTextContent(
    'Deadline hours: must be a whole number of hours',
  );
  expect(bridge.calls.map((c) => c.channel)).not.toContain('comms:set-regime');
});

function renderResources() {
  const bridge = createFakeBridge({
    'resources:list': () => ok([AUDIT]),
    'resources:save': () => ok([AUDIT]),
    'resources:remove': () => ok([]),
  });
  renderWithApp(<ResourcesSection />, bridge);
  return bridge;
}

const resourceSaves = (bridge: ReturnType<typeof renderResources>) =>
  bridge.calls
    .filter((c) => c.channel === 'resources:save')
    .map((c) => c.input);

it('adds a resource under a new id and edits one under its own', async () => {
  const bridge = renderResources();
  await userEvent.click(
    await screen.findByRole('button', { name: 'Add resource' }),
  );
  const add = screen.getByRole('form', { name: 'Add a resource' });
  await userEvent.type(within(add).getByLabelText('Name'), 'Audit Logs');
  await userEvent.type(
    within(add).getByLabelText('Address'),
    'https://status.example.com',
  );
  await userEvent.click(
    within(add).getByRole('button', { name: 'Add resource' }),
  );
  await waitFor(() => expect(resourceSaves(bridge)).toHaveLength(1));

  await userEvent.click(
    screen.getByRole('button', { name: 'Edit Audit Logs' }),
  );
  const edit = screen.getByRole('form', { name: 'Edit Audit Logs' });
  await userEvent.type(within(edit).getByLabelText('Notes'), 'Read-only');
  await userEvent.click(
    within(edit).getByRole('button', { name: 'Save resource' }),
  );
  await waitFor(() => expect(resourceSaves(bridge)).toHaveLength(2));

  expect(resourceSaves(bridge)).toEqual([
    // The name's slug is taken, so the new resource does not overwrite it.
    {
      id: 'audit-logs-2',
      label: 'Audit Logs',
      target: 'https://status.example.com',
      group: '',
      notes: '',
    },
    { ...AUDIT, notes: 'Read-only' },
  ]);
}, 15_000);

it('removes a resource by its id', async () => {
  const bridge = renderResources();
  await userEvent.click(
    await screen.findByRole('button', { name: `Remove ${AUDIT.label}` }),
  );
  await waitFor(() =>
    expect(
      bridge.calls.filter((c) => c.channel === 'resources:remove'),
    ).toEqual([{ channel: 'resources:remove', input: { id: AUDIT.id } }]),
  );
});

it('makes a slug id from any name', () => {
  expect(resourceIdFor('Café Status Page!', [])).toBe('cafe-status-page');
  expect(resourceIdFor('日本', [])).toBe('resource');
  expect(resourceIdFor('x', ['x', 'x-2'])).toBe('x-3');
});
