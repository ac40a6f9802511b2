import { useState, type FormEvent } from 'react';
import {
  MILESTONE_LABELS,
  type MilestoneKind,
} from '../../../shared/incident-lifecycle';
import { useCommandChange } from '../data/command-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import {
  ZonedTimeFields,
  zonedTimeNow,
  zonedTimeText,
} from './zoned-time-fields';

/**
 * Sets a milestone at the time it really happened, now by default; a
 * milestone set again is corrected, the journal keeps both.
 */
export function MilestoneForm(props: {
  incidentId: string;
  milestone: MilestoneKind;
  onDone: () => void;
}) {
  const set = useCommandChange('command:set-milestone');
  const [when, setWhen] = useState(() => zonedTimeNow());
  const [note, setNote] = useState('');
  const label = MILESTONE_LABELS[props.milestone];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!when.local || set.isPending) return;
    const text = note.trim();
    set.mutate(
      {
        incidentId: props.incidentId,
        milestone: props.milestone,
        at: zonedTimeText(when),
        ...(text && { note: text }),
      },
      { onSuccess: props.onDone },
    );
  }

  return (
    <form
      className="inline-form"
      aria-label={`Set ${label}`}
      noValidate
      onSubmit={submit}
    >
      <ZonedTimeFields
        label={`${label} at`}
        value={when}
        onChange={setWhen}
        autoFocus
      />
      <Field label="Note (optional)" className="field-grow">
        {(id) => (
          <input
            id={id}
            value={note}
            maxLength={2000}
            autoComplete="off"
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button-primary" disabled={set.isPending}>
        Save {label.toLowerCase()}
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
      {set.error && (
        <p className="form-error field-wide" role="alert">
          Not saved: {errorMessage(set.error)}
        </p>
      )}
    </form>
  );
}
