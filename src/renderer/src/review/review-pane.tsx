import type { ReviewState } from '../../../shared/review-types';
import { CardSection } from '../incident-card/card-section';
import { useCommandState } from '../data/command-queries';
import { errorMessage } from '../transport/call';
import { FollowUpsSection } from './follow-ups-section';
import { MeetingForm } from './meeting-form';
import { ReportPanel } from './report-panel';
import { useReview } from './review-queries';
import { SectionEditor } from './section-editor';
import './review.css';

function ReviewBody(props: { review: ReviewState }) {
  const { review } = props;
  return (
    <div className="pane-body review-pane">
      <div className="card-grid">
        <div className="card-column">
          <CardSection title="Review" testId="review-sections">
            <p className="muted hint">
              Each save is a journal entry; earlier versions are kept.
            </p>
            {review.sections.map((state) => (
              <SectionEditor
                // A new version starts a fresh editor holding it.
                key={`${state.section}:${state.versions.at(-1)?.entryId ?? ''}`}
                incidentId={review.incidentId}
                state={state}
              />
            ))}
          </CardSection>
        </div>
        <div className="card-column">
          <CardSection title="Review meeting">
            <MeetingForm
              key={review.meeting?.entryId ?? 'none'}
              incidentId={review.incidentId}
              meeting={review.meeting}
            />
          </CardSection>
          <CardSection title="Follow-up actions">
            <FollowUpsSection
              incidentId={review.incidentId}
              followUps={review.followUps}
            />
          </CardSection>
          <CardSection title="Incident report">
            <ReportPanel incidentId={review.incidentId} />
          </CardSection>
        </div>
      </div>
    </div>
  );
}

/** The post-incident review: what happened, what was learned, what next. */
export function ReviewPane(props: { incidentId: string }) {
  const review = useReview(props.incidentId);
  const command = useCommandState(props.incidentId);

  return (
    <section className="pane" aria-labelledby="review-heading">
      <div className="pane-header">
        <h1 id="review-heading">
          Post-incident review
          {command.data && (
            <span className="muted">: {command.data.title}</span>
          )}
        </h1>
        {review.error && (
          <span className="error-message" role="alert">
            Could not load the review: {errorMessage(review.error)}
          </span>
        )}
      </div>
      {review.data ? (
        <ReviewBody review={review.data} />
      ) : (
        !review.error && <p className="muted pane-loading">Loading…</p>
      )}
    </section>
  );
}
