import { useShallow } from 'zustand/react/shallow';
import { useIncident, useIncidents } from '../data/incident-queries';
import type { TimelineFilter } from '../data/query-keys';
import { categoryLabel } from '../incidents/incident-labels';
import { SeverityBadge } from '../incidents/severity-badge';
import { useUiStore } from '../state/ui-store';
import { NoteComposer } from './note-composer';
import { TamperBanner } from './tamper-banner';
import { TimelineExchange } from './timeline-exchange';
import { TimelineList } from './timeline-list';
import { TimelineToolbar } from './timeline-toolbar';

function useTimelineFilter(): TimelineFilter {
  return useUiStore(
    useShallow((state) => ({
      order: state.order,
      kinds: state.kindFilter,
      actors: state.actorFilter,
      search: state.search,
    })),
  );
}

function MissingIncident() {
  const showPane = useUiStore((state) => state.showPane);
  return (
    <section className="pane" aria-label="Timeline">
      <div className="empty-state">
        <p>This incident is not in this data directory.</p>
        <button type="button" onClick={() => showPane('incidents')}>
          Back to incidents
        </button>
      </div>
    </section>
  );
}

/** The incident's journal, newest evidence of what happened and when. */
export function TimelinePane(props: { incidentId: string }) {
  const { incidentId } = props;
  const incident = useIncident(incidentId);
  const listLoaded = useIncidents().isSuccess;
  const filter = useTimelineFilter();

  if (listLoaded && !incident) return <MissingIncident />;

  return (
    <section className="pane timeline-pane" aria-labelledby="timeline-heading">
      <div className="pane-header">
        <h1 id="timeline-heading">
          Timeline
          {incident && <span className="muted">: {incident.title}</span>}
        </h1>
        {incident && <SeverityBadge severity={incident.severity} />}
        {incident && (
          <span className="muted">{categoryLabel(incident.category)}</span>
        )}
        <TimelineExchange incidentId={incidentId} />
      </div>
      <TimelineToolbar incidentId={incidentId} />
      <TamperBanner incidentId={incidentId} />
      <TimelineList incidentId={incidentId} filter={filter} />
      <NoteComposer incidentId={incidentId} />
    </section>
  );
}
