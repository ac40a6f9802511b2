import { errorMessage } from '../transport/call';
import { CommsSection } from './comms-section';
import { DirectorySection } from './directory-section';
import { EscalationSection } from './escalation-section';
import { useEscalation } from './contacts-queries';
import './contacts.css';

/**
 * Who to call, by when, and what to tell them: the escalation for the
 * current incident first, then the drafts, then the directory.
 */
export function ContactsPane(props: { incidentId: string }) {
  const overview = useEscalation(props.incidentId);
  return (
    <div className="contacts-pane">
      {overview.isError && <p role="alert">{errorMessage(overview.error)}</p>}
      {overview.data && (
        <>
          <EscalationSection
            incidentId={props.incidentId}
            overview={overview.data}
          />
          <CommsSection
            incidentId={props.incidentId}
            overview={overview.data}
          />
        </>
      )}
      <DirectorySection />
    </div>
  );
}

/** In the header: notifications past due for this incident. */
export function OverdueNotificationsBadge(props: { incidentId: string }) {
  const overview = useEscalation(props.incidentId);
  const count = overview.data?.escalation.overdueCount ?? 0;
  if (count === 0) return null;
  return (
    <span
      className="overdue-badge"
      data-testid="overdue-notifications"
      role="status"
    >
      {count} {count === 1 ? 'notification' : 'notifications'} overdue
    </span>
  );
}
