import { useState } from 'react';
import {
  REVIEW_SECTION_LABELS,
  type ReviewSectionState,
} from '../../../shared/review-types';
import { Field } from '../incidents/select-field';
import { formatTimestamp } from '../timeline/time-format';
import { errorMessage } from '../transport/call';
import { useUiStore } from '../state/ui-store';
import { useReviewEdit } from './review-queries';

function EarlierVersions(props: { state: ReviewSectionState }) {
  const zoneMode = useUiStore((store) => store.zoneMode);
  const earlier = props.state.versions.slice(0, -1).toReversed();
  if (earlier.length === 0) return null;
  return (
    <details className="review-versions">
      <summary>
        {earlier.length} earlier version{earlier.length === 1 ? '' : 's'}
      </summary>
      <ol>
        {earlier.map((version) => (
          <li key={version.entryId}>
            <span className="muted">
              {formatTimestamp(version.recordedAt, zoneMode, {
                precision: 'seconds',
              })}{' '}
              by {version.actor}
            </span>
            <p className="review-version-text">{version.text}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}

function ReasonField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={`Why ${props.label.toLowerCase()} changed`}>
      {(id) => (
        <input
          id={id}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function VersionCount(props: { count: number }) {
  if (props.count === 0) return null;
  return (
    <span className="muted">
      {props.count} version{props.count === 1 ? '' : 's'}
    </span>
  );
}

/**
 * One section of the review. Saving writes a new version; once a section
 * has text, a change is an amendment and may say why.
 */
export function SectionEditor(props: {
  incidentId: string;
  state: ReviewSectionState;
}) {
  const { state } = props;
  const label = REVIEW_SECTION_LABELS[state.section];
  const [draft, setDraft] = useState(state.text);
  const [reason, setReason] = useState('');
  const save = useReviewEdit('review:write-section');
  const amending = state.versions.length > 0;
  const changed = draft !== state.text;
  const submit = () =>
    save.mutate({
      incidentId: props.incidentId,
      section: state.section,
      text: draft,
      reason: amending && reason ? reason : undefined,
    });

  return (
    <div className="review-section" data-testid={`review-${state.section}`}>
      <Field label={label} className="field-wide">
        {(id) => (
          <textarea
            id={id}
            rows={3}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        )}
      </Field>
      <div className="review-section-actions">
        {amending && changed && (
          <ReasonField label={label} value={reason} onChange={setReason} />
        )}
        <button
          type="button"
          disabled={!changed || save.isPending}
          onClick={submit}
        >
          {`${amending ? 'Amend' : 'Save'} ${label.toLowerCase()}`}
        </button>
        <VersionCount count={state.versions.length} />
      </div>
      {save.error && (
        <p className="form-error" role="alert">
          Not saved: {errorMessage(save.error)}
        </p>
      )}
      <EarlierVersions state={state} />
    </div>
  );
}
