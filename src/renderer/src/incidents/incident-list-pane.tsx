import type { Incident } from '../../../shared/ipc-contract';
import { SHORTCUTS } from '../app/use-global-shortcuts';
import { useIncidents } from '../data/incident-queries';
import { useUiStore } from '../state/ui-store';
import { formatCount } from '../timeline/format-count';
import { formatTimestamp, type ZoneMode } from '../timeline/time-format';
import { errorMessage } from '../transport/call';
import { categoryLabel, subtypeLabel } from './incident-labels';
import { SeverityBadge } from './severity-badge';

function IncidentRow(props: {
  incident: Incident;
  selected: boolean;
  zoneMode: ZoneMode;
  onOpen: (incidentId: string) => void;
}) {
  const { incident } = props;
  const subtype = subtypeLabel(incident.category, incident.subtype);
  const open = () => props.onOpen(incident.id);

  return (
    <tr
      className="incident-row"
      data-testid="incident-row"
      aria-current={props.selected ? 'true' : undefined}
      onClick={open}
    >
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td className="incident-title">
        <button
          type="button"
          className="link-button"
          onClick={(event) => {
            event.stopPropagation();
            open();
          }}
        >
          {incident.title}
        </button>
      </td>
      <td>
        {categoryLabel(incident.category)}
        {subtype && <span className="muted"> › {subtype}</span>}
      </td>
      <td className="mono">
        {formatTimestamp(incident.openedAt, props.zoneMode, {
          precision: 'seconds',
        })}
      </td>
      <td className="numeric">{formatCount(incident.entryCount)}</td>
      <td>{incident.status === 'open' ? 'Open' : 'Closed'}</td>
    </tr>
  );
}

function IncidentTable(props: { incidents: Incident[] }) {
  const selectedId = useUiStore((state) => state.selectedIncidentId);
  const zoneMode = useUiStore((state) => state.zoneMode);
  const openIncident = useUiStore((state) => state.openIncident);

  return (
    <table className="incident-table" data-testid="incident-list">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Title</th>
          <th scope="col">Category</th>
          <th scope="col">Opened ({zoneMode === 'utc' ? 'UTC' : 'local'})</th>
          <th scope="col" className="numeric">
            Entries
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.incidents.map((incident) => (
          <IncidentRow
            key={incident.id}
            incident={incident}
            selected={incident.id === selectedId}
            zoneMode={zoneMode}
            onOpen={openIncident}
          />
        ))}
      </tbody>
    </table>
  );
}

function EmptyState() {
  return (
    <div className="empty-state">
      <p>No incidents yet.</p>
      <p className="muted">
        Open one with <strong>New incident</strong> or press{' '}
        <kbd>{SHORTCUTS.newIncident}</kbd>.
      </p>
    </div>
  );
}

export function IncidentListPane() {
  const incidents = useIncidents();
  const openDialog = useUiStore((state) => state.setNewIncidentOpen);

  return (
    <section className="pane" aria-labelledby="incidents-heading">
      <div className="pane-header">
        <h1 id="incidents-heading">Incidents</h1>
        {incidents.data && (
          <span className="muted">{incidents.data.length} in total</span>
        )}
        <span className="header-spacer" />
        <button type="button" onClick={() => openDialog(true)}>
          New incident…
        </button>
      </div>
      <div className="pane-body">
        {incidents.isPending && <p className="muted">Loading incidents…</p>}
        {incidents.error && (
          <p className="error-message" role="alert">
            Could not load incidents: {errorMessage(incidents.error)}
          </p>
        )}
        {incidents.data?.length === 0 && <EmptyState />}
        {incidents.data && incidents.data.length > 0 && (
          <IncidentTable incidents={incidents.data} />
        )}
      </div>
    </section>
  );
}
