import { useState, type FormEvent } from 'react';
import type { IncidentCommandState } from '../../../shared/incident-command-types';
import {
  DETECTION_METHODS,
  DETECTION_METHOD_LABELS,
  type DetectionMethod,
} from '../../../shared/incident-taxonomy';
import { useCommandChange } from '../data/command-queries';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import type { ZoneMode } from '../timeline/time-format';
import { cardTime } from './card-format';
import { CardSection } from './card-section';
import {
  ZonedTimeFields,
  zonedTimeNow,
  zonedTimeText,
} from './zoned-time-fields';

function DetectionForm(props: {
  state: IncidentCommandState;
  onDone: () => void;
}) {
  const record = useCommandChange('command:record-detection');
  const [when, setWhen] = useState(() => zonedTimeNow());
  const [method, setMethod] = useState<DetectionMethod>(
    props.state.detectionMethod ?? 'alert',
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!when.local || record.isPending) return;
    record.mutate(
      {
        incidentId: props.state.incidentId,
        detectedAt: zonedTimeText(when),
        detectionMethod: method,
      },
      { onSuccess: props.onDone },
    );
  }

  return (
    <form
      className="inline-form"
      aria-label="Record detection"
      noValidate
      onSubmit={submit}
    >
      <ZonedTimeFields
        label="Detected at"
        value={when}
        onChange={setWhen}
        autoFocus
      />
      <Field label="Detection method">
        {(id) => (
          <select
            id={id}
            value={method}
            onChange={(event) =>
              setMethod(event.target.value as DetectionMethod)
            }
          >
            {DETECTION_METHODS.map((value) => (
              <option key={value} value={value}>
                {DETECTION_METHOD_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="submit"
        className="button-primary"
        disabled={record.isPending}
      >
        Save
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
      {record.error && (
        <p className="form-error field-wide" role="alert">
          Not saved: {errorMessage(record.error)}
        </p>
      )}
    </form>
  );
}

/** When and how the incident was first noticed: the clocks start here. */
export function DetectionSection(props: {
  state: IncidentCommandState;
  zoneMode: ZoneMode;
}) {
  const { state } = props;
  const [editing, setEditing] = useState(false);

  return (
    <CardSection
      title="Detection"
      testId="detection-section"
      actions={
        state.status === 'open' &&
        !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {state.detectedAt ? 'Correct…' : 'Record…'}
          </button>
        )
      }
    >
      <dl className="facts">
        <dt>Detected at</dt>
        <dd className="mono" data-testid="detected-at">
          {state.detectedAt ? (
            cardTime(state.detectedAt, props.zoneMode)
          ) : (
            <span className="warning-text">
              Not recorded: the clocks run from the opening,{' '}
              {cardTime(state.openedAt, props.zoneMode)}
            </span>
          )}
        </dd>
        <dt>Method</dt>
        <dd>
          {state.detectionMethod
            ? DETECTION_METHOD_LABELS[state.detectionMethod]
            : 'Not recorded'}
        </dd>
      </dl>
      {editing && (
        <DetectionForm state={state} onDone={() => setEditing(false)} />
      )}
    </CardSection>
  );
}
