import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AdminStatus } from '../../../shared/admin-api-types';
import { useDashboardSnapshot, useEventTotal } from '../data/admin-queries';
import type { SecurityEventFilter } from '../data/query-keys';
import { useDebouncedValue } from '../data/use-throttled-value';
import { useUiStore } from '../state/ui-store';
import { formatCount } from '../timeline/format-count';
import { errorMessage } from '../transport/call';
import { AuditPullForm } from './audit-pull-form';
import { capabilityOf } from './capabilities';
import { isLive } from './dashboard-labels';
import { EventFilters, isFiltered } from './event-filters';
import { EventsTable } from './events-table';
import { FetchedAge } from './fetched-age';
import { GapNotice } from './gap-notice';

/** Typing in a filter asks for a page once the typing pauses. */
const FILTER_DEBOUNCE_MS = 250;

function useEventFilter(): SecurityEventFilter {
  const filter = useUiStore(useShallow((state) => state.eventFilter));
  return useDebouncedValue(filter, FILTER_DEBOUNCE_MS);
}

function EventCount(props: { filter: SecurityEventFilter }) {
  const { total, error } = useEventTotal(props.filter);
  if (error) {
    return (
      <span className="error-message" role="alert">
        Could not read the events: {errorMessage(error)}
      </span>
    );
  }
  if (total === null) return <span className="muted">Loading events…</span>;
  const noun = total === 1 ? 'event' : 'events';
  return (
    <span data-testid="event-count" aria-live="polite">
      {formatCount(total)} {noun}
      {isFiltered(props.filter) ? ' match' : ' cached'}
    </span>
  );
}

/**
 * The security events War Room has cached from the platform, filtered and
 * pinnable, with a plain warning when some may be missing.
 */
export function EventsTab(props: { status: AdminStatus }) {
  const { status } = props;
  const snapshot = useDashboardSnapshot().data;
  const filter = useEventFilter();
  const [auditOpen, setAuditOpen] = useState(false);
  const events = snapshot?.events;
  const audit = capabilityOf(status, 'audit-logs');
  const gap = events?.lastGap ?? null;

  return (
    <div className="events-tab">
      <div className="events-toolbar">
        <EventFilters />
        <span className="header-spacer" />
        <EventCount filter={filter} />
        {events && (
          <FetchedAge
            fetchedAt={events.lastPullAt}
            live={isLive(status.connection)}
            verb="pulled"
          />
        )}
        {!auditOpen && (
          <button type="button" onClick={() => setAuditOpen(true)}>
            Pull audit log…
          </button>
        )}
      </div>
      {events?.possibleGap && (
        <GapNotice events={events} onPullAudit={() => setAuditOpen(true)} />
      )}
      {auditOpen && (
        <AuditPullForm
          gap={gap && { start: gap.start, end: gap.end }}
          capability={audit}
          onClose={() => setAuditOpen(false)}
        />
      )}
      <EventsTable filter={filter} />
    </div>
  );
}
