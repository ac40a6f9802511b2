import {
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  type Contact,
  type ContactFields,
} from '../../../shared/contacts-types';
import { errorMessage } from '../transport/call';
import { useContactsMutation } from './contacts-queries';
import { contactFieldLabel, fieldProblems } from './input-errors';
import { closeOnEscape, FormProblems } from './form-problems';

const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  email: 'E-mail',
  phone: 'Phone',
  chat: 'Chat',
  other: 'Other',
};

/** Each row keeps a key of its own so removing one keeps the others' focus. */
type ChannelDraft = {
  key: number;
  kind: ChannelKind;
  value: string;
  label: string;
};

type ContactDraft = Omit<ContactFields, 'channels'> & {
  channels: ChannelDraft[];
};

function draftOf(contact: Contact | undefined): ContactDraft {
  return {
    name: contact?.name ?? '',
    organisation: contact?.organisation ?? '',
    roles: [...(contact?.roles ?? [])],
    channels: (contact?.channels ?? []).map((channel, key) => ({
      ...channel,
      key,
    })),
    onCall: contact?.onCall ?? false,
    timeZone: contact?.timeZone ?? '',
    notes: contact?.notes ?? '',
  };
}

function fieldsOf(draft: ContactDraft, pendingRole: string): ContactFields {
  const role = pendingRole.trim();
  const roles =
    role && !draft.roles.includes(role) ? [...draft.roles, role] : draft.roles;
  return {
    ...draft,
    roles,
    channels: draft.channels.map(({ kind, value, label }) => ({
      kind,
      value,
      label,
    })),
  };
}

function timeZoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function RolesEditor(props: {
  roles: string[];
  suggestions: string[];
  pending: string;
  onPending: (text: string) => void;
  onChange: (roles: string[]) => void;
}) {
  const id = useId();
  const { roles, pending } = props;
  function addPending() {
    const role = pending.trim();
    if (role && !roles.includes(role)) props.onChange([...roles, role]);
    props.onPending('');
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addPending();
  }
  return (
    <fieldset className="contact-form-roles">
      <legend>Roles</legend>
      <ul className="role-chips" aria-label="Roles held">
        {roles.map((role) => (
          <li key={role} className="role-chip">
            {role}
            <button
              type="button"
              aria-label={`Remove role ${role}`}
              onClick={() => props.onChange(roles.filter((r) => r !== role))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label="Add a role"
        placeholder="Role, e.g. security-lead"
        list={`${id}-roles`}
        value={pending}
        onChange={(e) => props.onPending(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <datalist id={`${id}-roles`}>
        {props.suggestions
          .filter((role) => !roles.includes(role))
          .map((role) => (
            <option key={role} value={role} />
          ))}
      </datalist>
      <button type="button" disabled={!pending.trim()} onClick={addPending}>
        Add role
      </button>
    </fieldset>
  );
}

function ChannelsEditor(props: {
  channels: ChannelDraft[];
  invalid: (path: string) => boolean;
  onChange: (channels: ChannelDraft[]) => void;
}) {
  const { channels } = props;
  const nextKey = useRef(channels.length);
  const update = (key: number, change: Partial<ChannelDraft>) =>
    props.onChange(
      channels.map((c) => (c.key === key ? { ...c, ...change } : c)),
    );
  function add() {
    const key = nextKey.current++;
    props.onChange([...channels, { key, kind: 'email', value: '', label: '' }]);
  }
  return (
    <fieldset className="contact-form-channels">
      <legend>Channels</legend>
      {channels.map((channel, index) => {
        const name = `Channel ${index + 1}`;
        return (
          <div key={channel.key} className="channel-row">
            <select
              aria-label={`${name} kind`}
              value={channel.kind}
              onChange={(e) =>
                update(channel.key, { kind: e.target.value as ChannelKind })
              }
            >
              {CHANNEL_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {CHANNEL_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            <input
              aria-label={`${name} value`}
              placeholder={channel.kind === 'phone' ? '+1 555 0100' : 'Value'}
              aria-invalid={props.invalid(`contact.channels.${index}.value`)}
              value={channel.value}
              onChange={(e) => update(channel.key, { value: e.target.value })}
            />
            <input
              aria-label={`${name} label`}
              placeholder="Label (optional)"
              className="channel-label"
              value={channel.label}
              onChange={(e) => update(channel.key, { label: e.target.value })}
            />
            <button
              type="button"
              aria-label={`Remove channel ${index + 1}`}
              onClick={() =>
                props.onChange(channels.filter((c) => c.key !== channel.key))
              }
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" onClick={add}>
        Add channel
      </button>
    </fieldset>
  );
}

/**
 * Adds a contact, or edits one in place when given it. Nothing is saved
 * until Save; Cancel or Escape closes the form and leaves the data as it
 * was. Main checks the input and its refusals are listed by field.
 */
export function ContactForm(props: {
  contact?: Contact;
  roleSuggestions: string[];
  onClose: () => void;
}) {
  const save = useContactsMutation('contacts:save');
  const [draft, setDraft] = useState(() => draftOf(props.contact));
  const [pendingRole, setPendingRole] = useState('');
  const id = useId();
  const editing = props.contact !== undefined;
  const title = editing ? `Edit ${props.contact?.name}` : 'Add a contact';
  const problems = save.isError
    ? fieldProblems(errorMessage(save.error), contactFieldLabel)
    : [];
  const invalid = (path: string) => problems.some((p) => p.path === path);
  // A refusal answers the draft it was given; once that changes, it is stale.
  const set = (change: Partial<ContactDraft>) => {
    save.reset();
    setDraft((current) => ({ ...current, ...change }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const contact = fieldsOf(draft, pendingRole);
    const input = props.contact
      ? { id: props.contact.id, contact }
      : { contact };
    save.mutate(input, { onSuccess: props.onClose });
  }
  return (
    <form
      className="contact-form"
      aria-label={title}
      onSubmit={submit}
      onKeyDown={closeOnEscape(props.onClose)}
    >
      <h3>{title}</h3>
      <div className="contact-form-grid">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          autoFocus
          aria-required="true"
          aria-invalid={invalid('contact.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <label htmlFor={`${id}-organisation`}>Organisation</label>
        <input
          id={`${id}-organisation`}
          value={draft.organisation}
          onChange={(e) => set({ organisation: e.target.value })}
        />
        <label htmlFor={`${id}-time-zone`}>Time zone</label>
        <input
          id={`${id}-time-zone`}
          list={`${id}-time-zones`}
          placeholder="e.g. Europe/Berlin"
          value={draft.timeZone}
          onChange={(e) => set({ timeZone: e.target.value })}
        />
        <datalist id={`${id}-time-zones`}>
          {timeZoneNames().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <span />
        <label className="contact-form-check">
          <input
            type="checkbox"
            checked={draft.onCall}
            onChange={(e) => set({ onCall: e.target.checked })}
          />
          On call
        </label>
      </div>
      <RolesEditor
        roles={draft.roles}
        suggestions={props.roleSuggestions}
        pending={pendingRole}
        onPending={setPendingRole}
        onChange={(roles) => set({ roles })}
      />
      <ChannelsEditor
        channels={draft.channels}
        invalid={invalid}
        onChange={(channels) => set({ channels })}
      />
      <label className="contact-form-notes">
        Notes
        <textarea
          rows={3}
          value={draft.notes}
          onChange={(e) => set({ notes: e.target.value })}
        />
      </label>
      <FormProblems problems={problems} />
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {editing ? 'Save changes' : 'Add contact'}
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
