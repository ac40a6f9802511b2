import { useUiStore, type Pane } from '../state/ui-store';

const PANES: { pane: Pane; label: string; needsIncident: boolean }[] = [
  { pane: 'incidents', label: 'Incidents', needsIncident: false },
  { pane: 'timeline', label: 'Timeline', needsIncident: true },
  { pane: 'checklist', label: 'Checklist', needsIncident: true },
  { pane: 'card', label: 'Incident card', needsIncident: true },
];

export function SideNav() {
  const pane = useUiStore((state) => state.pane);
  const hasIncident = useUiStore((state) => state.selectedIncidentId !== null);
  const showPane = useUiStore((state) => state.showPane);

  return (
    <nav className="side-nav" aria-label="Panes">
      <ul>
        {PANES.map((item) => {
          const unavailable = item.needsIncident && !hasIncident;
          return (
            <li key={item.pane}>
              <button
                type="button"
                className="nav-item"
                aria-current={pane === item.pane ? 'page' : undefined}
                disabled={unavailable}
                title={unavailable ? 'Open an incident first' : undefined}
                onClick={() => showPane(item.pane)}
              >
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
