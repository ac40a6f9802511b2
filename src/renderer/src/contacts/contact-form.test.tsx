import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import type { Contact, ContactFields } from '../../../shared/contacts-types';
import type { Result } from '../../../shared/result';
import { resetUiStore } from '../state/ui-store';
import { createFakeBridge, type FakeBridge } from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import { DirectorySection } from './directory-section';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

beforeEach(() => resetUiStore());

const ERIN: Contact = {
  id: 'c2',
  name: 'Erin',
  organisation: 'Acme',
  roles: ['security-lead'],
  channels: [
    { kind: 'email', value: 'erin@example.com', label: '' },
    { kind: 'phone', value: '+1 555 0100', label: 'mobile' },
  ],
  onCall: false,
  timeZone: 'Europe/Berlin',
  notes: 'Prefers phone',
  updatedAt: '',
  updatedBy: '',
};

type SaveInput = { id?: string; contact: ContactFields };

function renderDirectory(
  answer: (input: SaveInput) => Result<Contact> = (input) =>
    ok({ ...ERIN, ...input.contact, id: input.id ?? 'new' }),
) {
  const bridge = createFakeBridge({
    'contacts:list': () => ok([ERIN]),
    'contacts:save': (input) => answer(input as SaveInput),
    'resources:list': () => ok([]),
    'comms:regimes': () => ok([]),
  });
  renderWithApp(<DirectorySection />, bridge);
  return bridge;
}

const saves = (bridge: FakeBridge) =>
  bridge.calls
    .filter((c) => c.channel === 'contacts:save')
    .map((c) => c.input as SaveInput);

it('adds a contact with roles, two channels, on call and a time zone', async () => {
  const bridge = renderDirectory();
  await userEvent.click(
    await screen.findByRole('button', { name: 'Add a contact' }),
  );
  const form = screen.getByRole('form', { name: 'Add a contact' });
  const field = (name: string) => within(form).getByLabelText(name);
  await userEvent.type(field('Name'), 'Frank');
  await userEvent.type(field('Organisation'), 'Outside Counsel LLP');
  await userEvent.type(field('Add a role'), 'legal-counsel{Enter}');
  await userEvent.type(field('Add a role'), 'regulator-liaison');
  await userEvent.click(
    within(form).getByRole('button', { name: 'Add channel' }),
  );
  await userEvent.type(field('Channel 1 value'), 'frank@example.com');
  await userEvent.click(
    within(form).getByRole('button', { name: 'Add channel' }),
  );
  await userEvent.selectOptions(field('Channel 2 kind'), 'phone');
  await userEvent.type(field('Channel 2 value'), '+44 20 7946 0000');
  await userEvent.click(field('On call'));
  await userEvent.type(field('Time zone'), 'Europe/London');
  await userEvent.type(field('Notes'), 'Weekdays only');
  await userEvent.click(
    within(form).getByRole('button', { name: 'Add contact' }),
  );

  await waitFor(() => expect(saves(bridge)).toHaveLength(1));
  expect(saves(bridge)[0]).toEqual({
    contact: {
      name: 'Frank',
      organisation: 'Outside Counsel LLP',
      // A role still in the box when saving is kept, not dropped.
      roles: ['legal-counsel', 'regulator-liaison'],
      channels: [
        { kind: 'email', value: 'frank@example.com', label: '' },
        { kind: 'phone', value: '+44 20 7946 0000', label: '' },
      ],
      onCall: true,
      timeZone: 'Europe/London',
      notes: 'Weekdays only',
    },
  });
  await waitFor(() =>
    expect(screen.queryByRole('form', { name: 'Add a contact' })).toBeNull(),
  );
  // Typing character by character through a dozen fields takes a while.
}, 20_000);

it('edits a contact in place, filled with what it holds', async () => {
  const bridge = renderDirectory();
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit Erin' }),
  );
  const form = screen.getByRole('form', { name: 'Edit Erin' });
  const field = (name: string) => within(form).getByLabelText(name);
  expect(field('Name')).toHaveValue('Erin');
  expect(field('Channel 2 value')).toHaveValue('+1 555 0100');
  expect(field('Channel 2 label')).toHaveValue('mobile');

  await userEvent.clear(field('Channel 2 value'));
  await userEvent.type(field('Channel 2 value'), '+1 555 0199');
  await userEvent.click(
    within(form).getByRole('button', { name: 'Remove channel 1' }),
  );
  await userEvent.click(
    within(form).getByRole('button', { name: 'Remove role security-lead' }),
  );
  await userEvent.click(field('On call'));
  await userEvent.click(
    within(form).getByRole('button', { name: 'Save changes' }),
  );

  await waitFor(() => expect(saves(bridge)).toHaveLength(1));
  expect(saves(bridge)[0]).toEqual({
    id: 'c2',
    contact: {
      name: 'Erin',
      organisation: 'Acme',
      roles: [],
      channels: [{ kind: 'phone', value: '+1 555 0199', label: 'mobile' }],
      onCall: true,
      timeZone: 'Europe/Berlin',
      notes: 'Prefers phone',
    },
  });
});

it('cancels with the button or Escape, saving nothing', async () => {
  const bridge = renderDirectory();
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit Erin' }),
  );
  const form = screen.getByRole('form', { name: 'Edit Erin' });
  await userEvent.type(within(form).getByLabelText('Name'), ' Changed');
  await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('form', { name: 'Edit Erin' })).toBeNull();

  await userEvent.click(screen.getByRole('button', { name: 'Edit Erin' }));
  const reopened = screen.getByRole('form', { name: 'Edit Erin' });
  // The draft was dropped: the form starts again from the stored contact.
  expect(within(reopened).getByLabelText('Name')).toHaveValue('Erin');
  await userEvent.type(within(reopened).getByLabelText('Notes'), '!{Escape}');
  expect(screen.queryByRole('form', { name: 'Edit Erin' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Edit Erin' })).toHaveFocus();
  expect(saves(bridge)).toEqual([]);
  expect(screen.getByTestId('contact-row')).toHaveTextContent('Erin');
});

it('shows main’s refusal by field and keeps the form open', async () => {
  renderDirectory(() => ({
    ok: false,
    error: {
      kind: 'invalid-input',
      message:
        'contact.name: must not be empty; contact.channels.1.value: must not be empty',
    },
  }));
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit Erin' }),
  );
  const form = screen.getByRole('form', { name: 'Edit Erin' });
  await userEvent.clear(within(form).getByLabelText('Name'));
  await userEvent.click(
    within(form).getByRole('button', { name: 'Save changes' }),
  );

  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent('Name: must not be empty');
  expect(alert).toHaveTextContent('Channel 2 value: must not be empty');
  expect(within(form).getByLabelText('Name')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(within(form).getByLabelText('Channel 2 value')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
});

it('suggests the plan’s team roles', async () => {
  renderDirectory();
  await userEvent.click(
    await screen.findByRole('button', { name: 'Add a contact' }),
  );
  const input = screen.getByLabelText('Add a role');
  const list = document.getElementById(input.getAttribute('list') ?? '');
  const offered = [...(list?.querySelectorAll('option') ?? [])].map(
    (o) => o.value,
  );
  expect(offered).toContain('incident-commander');
  expect(offered).toContain('legal-counsel');
});
