import { useState } from 'react';
import {
  FOLLOW_UP_STATUSES,
  FOLLOW_UP_STATUS_LABELS,
  type FollowUp,
  type FollowUpStatus,
} from '../../../shared/review-types';
import { Field } from '../incidents/select-field';
import { errorMessage } from '../transport/call';
import { useReviewEdit } from './review-queries';

function StatusSelect(props: { incidentId: string; followUp: FollowUp }) {
  const update = useReviewEdit('review:update-follow-up');
  const { followUp } = props;
  return (
    <>
      <select
        aria-label={`Status of ${followUp.title}`}
        value={followUp.status}
        disabled={update.isPending}
        onChange={(event) =>
          update.mutate({
            incidentId: props.incidentId,
            followUpId: followUp.id,
            status: event.target.value as FollowUpStatus,
          })
        }
      >
        {FOLLOW_UP_STATUSES.map((status) => (
          <option key={status} value={status}>
            {FOLLOW_UP_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      {update.error && (
        <span className="form-error" role="alert">
          {errorMessage(update.error)}
        </span>
      )}
    </>
  );
}

export function OverdueBadge(props: { overdue: boolean }) {
  if (!props.overdue) return null;
  return <span className="overdue-badge">Overdue</span>;
}

function FollowUpTable(props: { incidentId: string; followUps: FollowUp[] }) {
  if (props.followUps.length === 0) {
    return <p className="muted">No follow-up actions yet.</p>;
  }
  return (
    <table className="card-table" data-testid="follow-ups">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.followUps.map((followUp) => (
          <tr key={followUp.id} className={followUp.overdue ? 'overdue' : ''}>
            <td>{followUp.title}</td>
            <td>{followUp.owner}</td>
            <td className="mono">
              {followUp.dueDate} <OverdueBadge overdue={followUp.overdue} />
            </td>
            <td>
              <StatusSelect incidentId={props.incidentId} followUp={followUp} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type FollowUpDraft = { title: string; owner: string; dueDate: string };

const EMPTY_DRAFT: FollowUpDraft = { title: '', owner: '', dueDate: '' };

function DraftFields(props: {
  draft: FollowUpDraft;
  onChange: (draft: FollowUpDraft) => void;
}) {
  const { draft } = props;
  const set = (key: keyof FollowUpDraft) => (value: string) =>
    props.onChange({ ...draft, [key]: value });
  return (
    <>
      <Field label="Follow-up action" className="field-wide">
        {(id) => (
          <input
            id={id}
            value={draft.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        )}
      </Field>
      <Field label="Owner">
        {(id) => (
          <input
            id={id}
            value={draft.owner}
            onChange={(e) => set('owner')(e.target.value)}
          />
        )}
      </Field>
      <Field label="Due date">
        {(id) => (
          <input
            id={id}
            type="date"
            value={draft.dueDate}
            onChange={(e) => set('dueDate')(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

function AddFollowUp(props: { incidentId: string }) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const add = useReviewEdit('review:add-follow-up');
  const ready = draft.title.trim() && draft.owner.trim() && draft.dueDate;
  const submit = () =>
    add.mutate(
      { incidentId: props.incidentId, ...draft },
      { onSuccess: () => setDraft(EMPTY_DRAFT) },
    );

  return (
    <div className="form-grid review-add-follow-up">
      <DraftFields draft={draft} onChange={setDraft} />
      <button type="button" disabled={!ready || add.isPending} onClick={submit}>
        Add follow-up
      </button>
      {add.error && (
        <p className="form-error field-wide" role="alert">
          Not added: {errorMessage(add.error)}
        </p>
      )}
    </div>
  );
}

/** The actions the review agreed, with owner, due date and status. */
export function FollowUpsSection(props: {
  incidentId: string;
  followUps: FollowUp[];
}) {
  return (
    <>
      <FollowUpTable
        incidentId={props.incidentId}
        followUps={props.followUps}
      />
      <AddFollowUp incidentId={props.incidentId} />
    </>
  );
}
