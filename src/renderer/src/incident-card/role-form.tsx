import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/incident-lifecycle';
import { ROLE_DEFINITIONS } from '../../../shared/incident-lifecycle';
import { useCommandChange } from '../data/command-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';

/** Gives a role to a person; given to someone else, it is handed over. */
export function RoleForm(props: {
  incidentId: string;
  role: Role;
  handover: boolean;
  onDone: () => void;
}) {
  const assign = useCommandChange('command:assign-role');
  const [person, setPerson] = useState('');
  const [contact, setContact] = useState('');
  const label = ROLE_DEFINITIONS[props.role].label;
  const verb = props.handover ? 'Hand over' : 'Assign';

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = person.trim();
    const reach = contact.trim();
    if (!name || assign.isPending) return;
    assign.mutate(
      {
        incidentId: props.incidentId,
        role: props.role,
        person: name,
        ...(reach && { contact: reach }),
      },
      { onSuccess: props.onDone },
    );
  }

  return (
    <form
      className="inline-form"
      aria-label={`${verb} ${label}`}
      noValidate
      onSubmit={submit}
    >
      <Field label={props.handover ? 'New holder' : 'Person'}>
        {(id) => (
          <input
            id={id}
            value={person}
            maxLength={120}
            autoComplete="off"
            autoFocus
            onChange={(event) => setPerson(event.target.value)}
          />
        )}
      </Field>
      <Field label="Contact (optional)" className="field-grow">
        {(id) => (
          <input
            id={id}
            value={contact}
            maxLength={200}
            autoComplete="off"
            placeholder="Phone, chat handle or e-mail"
            onChange={(event) => setContact(event.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className="button-primary"
        disabled={!person.trim() || assign.isPending}
      >
        {verb}
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
      {assign.error && (
        <p className="form-error field-wide" role="alert">
          Not saved: {errorMessage(assign.error)}
        </p>
      )}
    </form>
  );
}
