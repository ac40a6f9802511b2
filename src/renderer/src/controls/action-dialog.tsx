import { Fragment, useId, useState, type FormEvent } from 'react';
import {
  isDestructiveRequest,
  type ControlsSettings,
} from '../../../shared/controls-types';
import type { ActionAvailability } from '../../../shared/outbox-types';
import { FormFooter } from '../app/dialog-actions';
import { ModalDialog } from '../command/modal-dialog';
import { useQueueAction, useRecordManual } from '../data/controls-queries';
import { errorMessage } from '../transport/call';
import {
  ACTION_FIELDS,
  buildRequest,
  reasonLimits,
  targetOf,
  type FieldValues,
} from './action-fields';
import {
  AddressFeedback,
  ConfirmationField,
  SecondPersonFields,
  SpecField,
  type SecondPersonInput,
} from './action-form-fields';

export type DialogMode = 'queue' | 'manual';

type DialogProps = {
  incidentId: string;
  availability: ActionAvailability;
  settings: ControlsSettings;
  mode: DialogMode;
  /** Fields filled in beforehand, e.g. the row picked from the platform. */
  initialValues?: FieldValues;
  onDone: (message: string) => void;
  onClose: () => void;
};

function ReasonField(props: {
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field field-wide">
      <label className="field-label" htmlFor={id}>
        Reason ({props.min}-{props.max} characters, kept in the journal)
      </label>
      <textarea
        id={id}
        data-autofocus
        rows={3}
        maxLength={props.max}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <span className="muted hint">{props.value.trim().length} characters</span>
    </div>
  );
}

/** The guard rails a request needs, checked here and again in main. */
function useGuardState(props: DialogProps, values: FieldValues) {
  const [confirmation, setConfirmation] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [second, setSecond] = useState<SecondPersonInput>({
    name: '',
    passphrase: '',
  });
  const sessionId =
    typeof values.sessionId === 'string' ? values.sessionId.trim() : '';
  const destructive =
    props.mode === 'queue' &&
    isDestructiveRequest(
      { kind: props.availability.kind, sessionId },
      props.availability,
    );
  const twoPeople = destructive && props.settings.twoPersonRule;
  return {
    destructive,
    twoPeople,
    confirmation,
    setConfirmation,
    accepted,
    setAccepted,
    second,
    setSecond,
  };
}

type GuardState = ReturnType<typeof useGuardState>;

/** Sends the form: to the outbox, or as a manual record. */
function useActionSubmit(
  props: DialogProps,
  values: FieldValues,
  reason: string,
  guard: GuardState,
) {
  const { availability } = props;
  const queue = useQueueAction(props.incidentId);
  const manual = useRecordManual(props.incidentId);
  const pending = queue.isPending || manual.isPending;

  function recordManual() {
    const done = `Recorded ${availability.label} as a manual action with a checklist item.`;
    manual.mutate(
      { kind: availability.kind, target: targetOf(values), reason },
      { onSuccess: () => props.onDone(done) },
    );
  }

  function queueAction() {
    queue.mutate(
      {
        request: buildRequest(availability.kind, reason, values),
        confirmation: guard.destructive ? guard.confirmation : undefined,
        secondPerson: guard.twoPeople ? guard.second : undefined,
        acceptWarnings: guard.accepted,
      },
      { onSuccess: () => props.onDone(`Queued ${availability.label}.`) },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (props.mode === 'manual') recordManual();
    else queueAction();
  }

  return { submit, pending, error: queue.error ?? manual.error };
}

/** The action's own fields, with main's reading of an address under it. */
function RequestFields(props: {
  dialog: DialogProps;
  values: FieldValues;
  onChange: (name: string, value: string | boolean) => void;
  guard: GuardState;
}) {
  const { kind } = props.dialog.availability;
  const address =
    typeof props.values.address === 'string' ? props.values.address : '';
  // Main checks the address of these two before queueing them.
  const checksAddress =
    props.dialog.mode === 'queue' &&
    (kind === 'allowlist-add' || kind === 'address-block');
  return ACTION_FIELDS[kind].map((spec) => (
    <Fragment key={spec.name}>
      <SpecField spec={spec} values={props.values} onChange={props.onChange} />
      {spec.name === 'address' && checksAddress && (
        <AddressFeedback
          address={address}
          accepted={props.guard.accepted}
          onAccept={props.guard.setAccepted}
        />
      )}
    </Fragment>
  ));
}

/** The typed name and the second person, when the action needs them. */
function GuardFields(props: { dialog: DialogProps; guard: GuardState }) {
  const { guard } = props;
  return (
    <>
      {guard.destructive && (
        <ConfirmationField
          label={props.dialog.availability.label}
          value={guard.confirmation}
          onChange={guard.setConfirmation}
        />
      )}
      {guard.twoPeople && (
        <SecondPersonFields
          people={props.dialog.settings.secondPeople}
          value={guard.second}
          onChange={guard.setSecond}
        />
      )}
    </>
  );
}

function ActionForm(props: DialogProps) {
  const { availability } = props;
  const [values, setValues] = useState<FieldValues>(
    () => props.initialValues ?? {},
  );
  const [reason, setReason] = useState('');
  const guard = useGuardState(props, values);
  const { submit, pending, error } = useActionSubmit(
    props,
    values,
    reason,
    guard,
  );

  return (
    <form className="dialog-form" noValidate onSubmit={submit}>
      {availability.kind === 'allowlist-add' && (
        <p className="controls-caution field-wide">
          The allowlist GRANTS an address access to the admin API. Never put an
          attacker&apos;s address here.
        </p>
      )}
      {props.mode === 'manual' && (
        <p className="field-wide">{availability.manualFallback}</p>
      )}
      <RequestFields
        dialog={props}
        values={values}
        guard={guard}
        onChange={(name, value) =>
          setValues((current) => ({ ...current, [name]: value }))
        }
      />
      <ReasonField
        {...reasonLimits(availability.kind)}
        value={reason}
        onChange={setReason}
      />
      <GuardFields dialog={props} guard={guard} />
      <FormFooter
        error={error ? errorMessage(error) : null}
        hint="Esc cancels."
        onCancel={props.onClose}
        submitLabel={
          props.mode === 'manual' ? 'Record manual action' : 'Queue action'
        }
        pendingLabel="Saving…"
        pending={pending}
        disabled={
          guard.destructive && guard.confirmation.trim() !== availability.label
        }
      />
    </form>
  );
}

/** One action's form: queued through the outbox, or recorded as manual. */
export function ActionDialog(props: DialogProps & { open: boolean }) {
  const title =
    props.mode === 'manual'
      ? `Record manual action: ${props.availability.label}`
      : `Action: ${props.availability.label}`;
  return (
    <ModalDialog
      open={props.open}
      title={title}
      testId="action-dialog"
      onClose={props.onClose}
    >
      <ActionForm {...props} />
    </ModalDialog>
  );
}
