import { useId } from 'react';
import { EvidenceNavBadge } from '../evidence/evidence-nav-badge';
import { useUiStore, type Pane } from '../state/ui-store';

const PANES: { pane: Pane; label: string; needsIncident: boolean }[] = [
  { pane: 'incidents', label: 'Incidents', needsIncident: false },
  { pane: 'timeline', label: 'Timeline', needsIncident: true },
  { pane: 'checklist', label: 'Checklist', needsIncident: true },
  { pane: 'card', label: 'Incident card', needsIncident: true },
  { pane: 'evidence', label: 'Evidence', needsIncident: true },
  { pane: 'review', label: 'Review', needsIncident: true },
  { pane: 'controls', label: 'Controls', needsIncident: true },
  { pane: 'contacts', label: 'Contacts', needsIncident: true },
  { pane: 'dashboard', label: 'Security dashboard', needsIncident: false },
  { pane: 'metrics', label: 'Metrics', needsIncident: false },
];

function NavItem(props: {
  pane: Pane;
  label: string;
  unavailable: boolean;
  incidentId: string | null;
}) {
  const current = useUiStore((state) => state.pane);
  const showPane = useUiStore((state) => state.showPane);
  const badgeId = useId();
  const badged = props.pane === 'evidence' && props.incidentId !== null;

  return (
    <li className="nav-entry">
      <button
        type="button"
        className="nav-item"
        aria-current={current === props.pane ? 'page' : undefined}
        aria-describedby={badged ? badgeId : undefined}
        disabled={props.unavailable}
        title={props.unavailable ? 'Open an incident first' : undefined}
        onClick={() => showPane(props.pane)}
      >
        {props.label}
      </button>
      {badged && (
        <span id={badgeId} className="nav-badge-slot">
          <EvidenceNavBadge incidentId={props.incidentId!} />
        </span>
      )}
    </li>
  );
}

export function SideNav() {
  const incidentId = useUiStore((state) => state.selectedIncidentId);

  return (
    <nav className="side-nav" aria-label="Panes">
      <ul>
        {PANES.map((item) => (
          <NavItem
            key={item.pane}
            pane={item.pane}
            label={item.label}
            unavailable={item.needsIncident && incidentId === null}
            incidentId={incidentId}
          />
        ))}
      </ul>
    </nav>
  );
}
