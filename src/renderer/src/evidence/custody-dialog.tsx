import { useState, type FormEvent } from 'react';
import {
  CUSTODY_ACTION_LABELS,
  RECORDABLE_CUSTODY_ACTIONS,
} from '../../../shared/evidence-types';
import type { ChannelInput } from '../../../shared/ipc-contract';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { useRecordCustody } from '../data/evidence-queries';
import {
  ZonedTimeFields,
  zonedTimeNow,
  zonedTimeText,
  type ZonedTimeDraft,
} from '../incident-card/zoned-time-fields';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';

export type RecordableAction = (typeof RECORDABLE_CUSTODY_ACTIONS)[number];

const ACTION_HINTS: Record<RecordableAction, string> = {
  transferred: 'handed to someone else, who holds it from now on',
  accessed: 'opened or viewed',
  copied: 'a working copy was made',
  analysed: 'examined with a tool',
  sealed: 'put in a sealed bag or container',
  released: 'returned or disposed of; no custody is recorded after this',
};

type PersonDraft = { name: string; role: string; contact: string };

type CustodyDraft = {
  action: RecordableAction;
  handler: PersonDraft;
  recipient: PersonDraft;
  time: ZonedTimeDraft;
  /** The time is sent only if the person changed it from "now". */
  timeEdited: boolean;
  location: string;
  storageLocation: string;
  tool: string;
  purpose: string;
  notes: string;
};

type CustodyInput = ChannelInput<'evidence:record-custody'>;

function emptyPerson(name = ''): PersonDraft {
  return { name, role: '', contact: '' };
}

function personInput(person: PersonDraft) {
  const role = person.role.trim();
  const contact = person.contact.trim();
  return {
    name: person.name.trim(),
    ...(role && { role }),
    ...(contact && { contact }),
  };
}

function optionalText(fields: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(fields)
      .map(([key, value]) => [key, value.trim()])
      .filter(([, value]) => value !== ''),
  );
}

/** The draft as channel input, or what is missing from it. */
export function custodyInput(
  evidenceId: string,
  draft: CustodyDraft,
): CustodyInput | string {
  if (!draft.handler.name.trim()) return 'Name who handled it.';
  const transfer = draft.action === 'transferred';
  if (transfer && !draft.recipient.name.trim()) {
    return 'Name who received it.';
  }
  return {
    evidenceId,
    action: draft.action,
    handler: personInput(draft.handler),
    ...(transfer && { recipient: personInput(draft.recipient) }),
    ...(draft.timeEdited && { occurredAt: zonedTimeText(draft.time) }),
    ...optionalText({
      location: draft.location,
      storageLocation: draft.storageLocation,
      tool: draft.tool,
      purpose: draft.purpose,
      notes: draft.notes,
    }),
  };
}

function PersonFields(props: {
  legend: string;
  person: PersonDraft;
  autoFocus?: boolean;
  onChange: (person: PersonDraft) => void;
}) {
  const { person, onChange } = props;
  const field = (key: keyof PersonDraft, label: string, max: number) => (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          value={person[key]}
          maxLength={max}
          autoComplete="off"
          data-autofocus={props.autoFocus && key === 'name' ? true : undefined}
          onChange={(event) =>
            onChange({ ...person, [key]: event.target.value })
          }
        />
      )}
    </Field>
  );
  return (
    <fieldset className="person-fieldset">
      <legend>{props.legend}</legend>
      {field('name', 'Name', 120)}
      {field('role', 'Role (optional)', 120)}
      {field('contact', 'Contact (optional)', 200)}
    </fieldset>
  );
}

function TextField(props: {
  label: string;
  value: string;
  max: number;
  className?: string;
  placeholder?: string;
  autoFocus?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} className={props.className}>
      {(id) => (
        <input
          id={id}
          data-autofocus={props.autoFocus ? true : undefined}
          value={props.value}
          maxLength={props.max}
          autoComplete="off"
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function ActionField(props: {
  action: RecordableAction;
  onChange: (action: RecordableAction) => void;
}) {
  return (
    <Field label="Action">
      {(id) => (
        <select
          id={id}
          value={props.action}
          title={ACTION_HINTS[props.action]}
          onChange={(event) =>
            props.onChange(event.target.value as RecordableAction)
          }
        >
          {RECORDABLE_CUSTODY_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {CUSTODY_ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function WhereFields(props: {
  draft: CustodyDraft;
  update: (changes: Partial<CustodyDraft>) => void;
}) {
  const { draft, update } = props;
  const sealing = draft.action === 'sealed';
  return (
    <>
      <TextField
        label="Location"
        value={draft.location}
        max={300}
        placeholder="Where it happened"
        onChange={(location) => update({ location })}
      />
      <TextField
        label={sealing ? 'Seal / storage location' : 'Storage location'}
        value={draft.storageLocation}
        max={300}
        placeholder={sealing ? 'Bag or seal number, safe' : 'Where it is kept'}
        autoFocus={sealing}
        onChange={(storageLocation) => update({ storageLocation })}
      />
      <TextField
        label="Tool"
        value={draft.tool}
        max={200}
        onChange={(tool) => update({ tool })}
      />
      <TextField
        label="Purpose"
        className="field-wide"
        value={draft.purpose}
        max={500}
        onChange={(purpose) => update({ purpose })}
      />
    </>
  );
}

function CustodyFields(props: {
  draft: CustodyDraft;
  update: (changes: Partial<CustodyDraft>) => void;
}) {
  const { draft, update } = props;
  return (
    <>
      <ActionField
        action={draft.action}
        onChange={(action) => update({ action })}
      />
      <ZonedTimeFields
        label="When"
        value={draft.time}
        onChange={(time) => update({ time, timeEdited: true })}
      />
      <p className="muted hint field-wide">{ACTION_HINTS[draft.action]}</p>
      <PersonFields
        legend="Handled by"
        person={draft.handler}
        onChange={(handler) => update({ handler })}
      />
      {draft.action === 'transferred' && (
        <PersonFields
          legend="Received by"
          person={draft.recipient}
          autoFocus
          onChange={(recipient) => update({ recipient })}
        />
      )}
      <WhereFields draft={draft} update={update} />
      <Field label="Notes" className="field-wide">
        {(id) => (
          <textarea
            id={id}
            rows={2}
            value={draft.notes}
            maxLength={2_000}
            onChange={(event) => update({ notes: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

function CustodyForm(props: {
  incidentId: string;
  evidenceId: string;
  action: RecordableAction;
  handler: string;
  onDone: () => void;
}) {
  const record = useRecordCustody(props.incidentId);
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<CustodyDraft>(() => ({
    action: props.action,
    handler: emptyPerson(props.handler),
    recipient: emptyPerson(),
    time: zonedTimeNow(),
    timeEdited: false,
    location: '',
    storageLocation: '',
    tool: '',
    purpose: '',
    notes: '',
  }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (record.isPending) return;
    const input = custodyInput(props.evidenceId, draft);
    setProblem(typeof input === 'string' ? input : null);
    if (typeof input !== 'string') {
      record.mutate(input, { onSuccess: props.onDone });
    }
  }

  const error =
    problem ??
    (record.error ? `Not saved: ${errorMessage(record.error)}` : null);
  return (
    <form className="dialog-form form-grid" noValidate onSubmit={submit}>
      <CustodyFields
        draft={draft}
        update={(changes) =>
          setDraft((current) => ({ ...current, ...changes }))
        }
      />
      <FormFooter
        error={error}
        hint="Kept in the journal with the item’s custody history."
        onCancel={props.onDone}
        submitLabel={`Record ${CUSTODY_ACTION_LABELS[draft.action].toLowerCase()}`}
        pendingLabel="Saving…"
        pending={record.isPending}
      />
    </form>
  );
}

export type CustodyRequest = {
  evidenceId: string;
  name: string;
  action: RecordableAction;
};

/** A custody event: who did what with the item, when, where and why. */
export function CustodyDialog(props: {
  incidentId: string;
  request: CustodyRequest | null;
  handler: string;
  onDone: () => void;
}) {
  const { request } = props;
  const sealing = request?.action === 'sealed';
  return (
    <ModalDialog
      open={request !== null}
      title={
        sealing
          ? `Seal ${request?.name ?? ''}`
          : `Record custody of ${request?.name ?? ''}`
      }
      testId="custody-dialog"
      onClose={props.onDone}
    >
      {request && (
        <CustodyForm
          incidentId={props.incidentId}
          evidenceId={request.evidenceId}
          action={request.action}
          handler={props.handler}
          onDone={props.onDone}
        />
      )}
    </ModalDialog>
  );
}
