import { CommandBar } from '../command/command-bar';
import { WaitingActionsBadge } from '../controls/waiting-badge';
import { OverdueNotificationsBadge } from '../contacts/contacts-pane';
import { ConnectionIndicator } from '../dashboard/connection-indicator';
import { TransitionOfferBar } from '../dashboard/transition-offer-bar';
import { useIncident, useIncidents } from '../data/incident-queries';
import { useUiStore } from '../state/ui-store';
import { ChainStatus } from '../timeline/chain-status';
import { SHORTCUTS } from './use-global-shortcuts';

function IncidentSwitcher() {
  const { data: incidents = [] } = useIncidents();
  const selectedId = useUiStore((state) => state.selectedIncidentId);
  const openIncident = useUiStore((state) => state.openIncident);
  const known = incidents.some((incident) => incident.id === selectedId);

  return (
    <div className="incident-switcher">
      <label className="field-label" htmlFor="incident-switcher">
        Incident
      </label>
      <select
        id="incident-switcher"
        value={known ? (selectedId ?? '') : ''}
        onChange={(event) => openIncident(event.target.value)}
        disabled={incidents.length === 0}
      >
        {!known && (
          <option value="" disabled>
            {incidents.length === 0 ? 'No incidents yet' : 'Choose an incident'}
          </option>
        )}
        {incidents.map((incident) => (
          <option key={incident.id} value={incident.id}>
            {incident.title}
          </option>
        ))}
      </select>
    </div>
  );
}

function HeaderControls(props: { incidentId: string | null }) {
  const theme = useUiStore((state) => state.theme);
  const toggleTheme = useUiStore((state) => state.toggleTheme);
  const openDialog = useUiStore((state) => state.setNewIncidentOpen);

  return (
    <>
      <span className="brand">War Room</span>
      <IncidentSwitcher />
      <span className="header-spacer" />
      {props.incidentId && <ChainStatus incidentId={props.incidentId} />}
      {props.incidentId && (
        <WaitingActionsBadge incidentId={props.incidentId} />
      )}
      {props.incidentId && (
        <OverdueNotificationsBadge incidentId={props.incidentId} />
      )}
      <ConnectionIndicator />
      <button
        type="button"
        data-testid="theme-toggle"
        title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
        onClick={toggleTheme}
      >
        Theme: {theme === 'dark' ? 'Dark' : 'Light'}
      </button>
      <button
        type="button"
        className="button-primary"
        aria-keyshortcuts={SHORTCUTS.newIncident}
        title={`New incident (${SHORTCUTS.newIncident})`}
        onClick={() => openDialog(true)}
      >
        New incident
      </button>
    </>
  );
}

export function AppHeader() {
  const selectedId = useUiStore((state) => state.selectedIncidentId);
  const incident = useIncident(selectedId);

  return (
    <header className="app-header">
      <div className="header-row">
        <HeaderControls incidentId={incident?.id ?? null} />
      </div>
      {incident && <TransitionOfferBar incidentId={incident.id} />}
      {incident && <CommandBar incidentId={incident.id} />}
    </header>
  );
}
