import { useState } from 'react';
import type { ReviewMeeting } from '../../../shared/review-types';
import { Field } from '../incidents/select-field';
import {
  ZonedTimeFields,
  zonedTimeNow,
  zonedTimeText,
  type ZonedTimeDraft,
} from '../incident-card/zoned-time-fields';
import { formatTimestamp } from '../timeline/time-format';
import { useUiStore } from '../state/ui-store';
import { errorMessage } from '../transport/call';
import { useReviewEdit } from './review-queries';

/** `Ana, Priya ,, Li` → `['Ana', 'Priya', 'Li']`. */
export function attendeeNames(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

function MeetingFacts(props: { meeting: ReviewMeeting }) {
  const zoneMode = useUiStore((store) => store.zoneMode);
  const { meeting } = props;
  return (
    <dl className="facts" data-testid="review-meeting">
      <dt>Held</dt>
      <dd>
        {formatTimestamp(meeting.heldAt, zoneMode, { precision: 'seconds' })}
      </dd>
      <dt>Attendees</dt>
      <dd>{meeting.attendees.join(', ')}</dd>
      {meeting.amendments > 0 && (
        <>
          <dt>Amended</dt>
          <dd>{meeting.amendments} time(s)</dd>
        </>
      )}
    </dl>
  );
}

/** When the review meeting was held and who was there. */
export function MeetingForm(props: {
  incidentId: string;
  meeting: ReviewMeeting | null;
}) {
  const [time, setTime] = useState<ZonedTimeDraft>(() => zonedTimeNow());
  const [attendees, setAttendees] = useState(
    props.meeting?.attendees.join(', ') ?? '',
  );
  const record = useReviewEdit('review:record-meeting');
  const names = attendeeNames(attendees);

  return (
    <div className="review-meeting">
      {props.meeting && <MeetingFacts meeting={props.meeting} />}
      <div className="form-grid">
        <ZonedTimeFields label="Meeting held" value={time} onChange={setTime} />
        <Field label="Attendees" className="field-wide">
          {(id) => (
            <input
              id={id}
              value={attendees}
              placeholder="Names, separated by commas"
              onChange={(event) => setAttendees(event.target.value)}
            />
          )}
        </Field>
      </div>
      <button
        type="button"
        disabled={names.length === 0 || record.isPending}
        onClick={() =>
          record.mutate({
            incidentId: props.incidentId,
            heldAt: zonedTimeText(time),
            attendees: names,
          })
        }
      >
        {props.meeting ? 'Amend meeting' : 'Record meeting'}
      </button>
      {record.error && (
        <p className="form-error" role="alert">
          Not recorded: {errorMessage(record.error)}
        </p>
      )}
    </div>
  );
}
