import { ChecklistPane } from '../checklist/checklist-pane';
import { ControlsPane } from '../controls/controls-pane';
import { ContactsPane } from '../contacts/contacts-pane';
import { DashboardPane } from '../dashboard/dashboard-pane';
import { EvidencePane } from '../evidence/evidence-pane';
import { useVerifyEvidenceOnOpen } from '../evidence/use-verify-on-open';
import { IncidentCardPane } from '../incident-card/incident-card-pane';
import { IncidentListPane } from '../incidents/incident-list-pane';
import { MetricsPane } from '../metrics/metrics-pane';
import { ReviewPane } from '../review/review-pane';
import { NewIncidentDialog } from '../incidents/new-incident-dialog';
import { useUiStore } from '../state/ui-store';
import { TimelinePane } from '../timeline/timeline-pane';
import { AppHeader } from './app-header';
import { SideNav } from './side-nav';
import { StatusBar } from './status-bar';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useAppliedTheme } from './use-theme';

function CurrentPane() {
  const pane = useUiStore((state) => state.pane);
  const incidentId = useUiStore((state) => state.selectedIncidentId);

  // The platform's dashboard belongs to no incident.
  if (pane === 'dashboard') return <DashboardPane />;
  if (pane === 'metrics') return <MetricsPane />;
  if (!incidentId || pane === 'incidents') return <IncidentListPane />;
  // Keyed, so switching incidents starts from a fresh scroll position,
  // focus and forms.
  if (pane === 'checklist') {
    return <ChecklistPane key={incidentId} incidentId={incidentId} />;
  }
  if (pane === 'card') {
    return <IncidentCardPane key={incidentId} incidentId={incidentId} />;
  }
  if (pane === 'evidence') {
    return <EvidencePane key={incidentId} incidentId={incidentId} />;
  }
  if (pane === 'controls') {
    return <ControlsPane key={incidentId} incidentId={incidentId} />;
  }
  if (pane === 'contacts') {
    return <ContactsPane key={incidentId} incidentId={incidentId} />;
  }
  if (pane === 'review') {
    return <ReviewPane key={incidentId} incidentId={incidentId} />;
  }
  return <TimelinePane key={incidentId} incidentId={incidentId} />;
}

export function App() {
  useAppliedTheme();
  useGlobalShortcuts();
  useVerifyEvidenceOnOpen(
    useUiStore((state) => state.selectedIncidentId),
    useUiStore((state) => state.incidentOpenCount),
  );

  return (
    <div className="app-shell">
      <AppHeader />
      <SideNav />
      <main className="app-main">
        <CurrentPane />
      </main>
      <StatusBar />
      <NewIncidentDialog />
    </div>
  );
}
