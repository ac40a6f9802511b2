import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TimelineOrder } from '../../../shared/ipc-contract';
import type { SecurityEventFilter } from '../data/query-keys';
import type { ZoneMode } from '../timeline/time-format';

export type Pane =
  | 'incidents'
  | 'timeline'
  | 'checklist'
  | 'card'
  | 'evidence'
  | 'dashboard'
  | 'review'
  | 'metrics'
  | 'controls'
  | 'contacts';
export type DashboardTab =
  'overview' | 'events' | 'failed-logins' | 'connection';
export type Theme = 'dark' | 'light';
export type TimeBasis = 'occurred' | 'recorded';

export type AmendDraft = { entryId: string; text: string; reason: string };

/** UI state only: anything that lives in the database belongs to queries. */
type UiState = {
  selectedIncidentId: string | null;
  pane: Pane;
  theme: Theme;
  timeBasis: TimeBasis;
  zoneMode: ZoneMode;
  order: TimelineOrder;
  kindFilter: string[];
  actorFilter: string[];
  search: string;
  noteDrafts: Record<string, string>;
  amendDraft: AmendDraft | null;
  expandedEntries: Record<string, true>;
  /** Checklist phases and items folded away, by row key. */
  collapsedChecklistRows: Record<string, true>;
  /** The evidence item whose detail is open. */
  selectedEvidenceId: string | null;
  /** Bumped each time an incident is opened, the same one again included. */
  incidentOpenCount: number;
  dashboardTab: DashboardTab;
  eventFilter: SecurityEventFilter;
  failedLoginWindowHours: number;
  /**
   * Alerts, events and connection transitions already put on a timeline
   * from this window, by `incidentId:source:id`, so a button says so and
   * is not pressed twice.
   */
  pinnedToTimeline: Record<string, true>;
  /** Transitions not to offer again, by `incidentId:transitionId`. */
  dismissedTransitions: Record<string, true>;
  newIncidentOpen: boolean;
  /** Bumped to ask the note box to take focus (it may not be mounted yet). */
  noteFocusRequest: number;
  searchFocusRequest: number;
  /** Bumped after a note is saved, so the timeline shows it. */
  revealLatestRequest: number;
};

type UiActions = {
  openIncident(incidentId: string): void;
  showPane(pane: Pane): void;
  toggleTheme(): void;
  setTimeBasis(basis: TimeBasis): void;
  setZoneMode(mode: ZoneMode): void;
  setOrder(order: TimelineOrder): void;
  setKindFilter(kinds: string[]): void;
  setActorFilter(actors: string[]): void;
  setSearch(search: string): void;
  setNoteDraft(incidentId: string, text: string): void;
  setAmendDraft(draft: AmendDraft | null): void;
  setExpanded(entryId: string, expanded: boolean): void;
  setChecklistCollapsed(rowKey: string, collapsed: boolean): void;
  selectEvidence(evidenceId: string | null): void;
  setDashboardTab(tab: DashboardTab): void;
  setEventFilter(filter: Partial<SecurityEventFilter>): void;
  setFailedLoginWindowHours(hours: number): void;
  markPinned(key: string): void;
  dismissTransition(key: string): void;
  setNewIncidentOpen(open: boolean): void;
  requestNoteFocus(): void;
  requestSearchFocus(): void;
  requestRevealLatest(): void;
};

export type UiStore = UiState & UiActions;

function prefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? true;
}

function initialState(): UiState {
  return {
    selectedIncidentId: null,
    pane: 'incidents',
    theme: prefersDark() ? 'dark' : 'light',
    timeBasis: 'occurred',
    zoneMode: 'utc',
    order: 'oldest-first',
    kindFilter: [],
    actorFilter: [],
    search: '',
    noteDrafts: {},
    amendDraft: null,
    expandedEntries: {},
    collapsedChecklistRows: {},
    selectedEvidenceId: null,
    incidentOpenCount: 0,
    dashboardTab: 'overview',
    eventFilter: { eventType: '', severity: '', user: '', ip: '' },
    failedLoginWindowHours: 24,
    pinnedToTimeline: {},
    dismissedTransitions: {},
    newIncidentOpen: false,
    noteFocusRequest: 0,
    searchFocusRequest: 0,
    revealLatestRequest: 0,
  };
}

const PERSISTED_KEYS = [
  'selectedIncidentId',
  'pane',
  'theme',
  'timeBasis',
  'zoneMode',
  'order',
  'noteDrafts',
  'dashboardTab',
  'failedLoginWindowHours',
] as const satisfies (keyof UiState)[];

export const useUiStore = create<UiStore>()(
  persist(
    (set) => ({
      ...initialState(),
      openIncident: (incidentId) =>
        set((state) => ({
          selectedIncidentId: incidentId,
          pane: 'timeline',
          incidentOpenCount: state.incidentOpenCount + 1,
          // Filters and open rows belong to the incident being read.
          ...(state.selectedIncidentId !== incidentId && {
            kindFilter: [],
            actorFilter: [],
            search: '',
            amendDraft: null,
            expandedEntries: {},
            collapsedChecklistRows: {},
            selectedEvidenceId: null,
          }),
        })),
      showPane: (pane) => set({ pane }),
      toggleTheme: () =>
        set((state) => ({ theme: state.theme === 'dark' ? 'light' : 'dark' })),
      setTimeBasis: (timeBasis) => set({ timeBasis }),
      setZoneMode: (zoneMode) => set({ zoneMode }),
      setOrder: (order) => set({ order }),
      setKindFilter: (kindFilter) => set({ kindFilter }),
      setActorFilter: (actorFilter) => set({ actorFilter }),
      setSearch: (search) => set({ search }),
      setNoteDraft: (incidentId, text) =>
        set((state) => ({
          noteDrafts: withDraft(state.noteDrafts, incidentId, text),
        })),
      setAmendDraft: (amendDraft) => set({ amendDraft }),
      setExpanded: (entryId, expanded) =>
        set((state) => ({
          expandedEntries: withFlag(state.expandedEntries, entryId, expanded),
        })),
      setChecklistCollapsed: (rowKey, collapsed) =>
        set((state) => ({
          collapsedChecklistRows: withFlag(
            state.collapsedChecklistRows,
            rowKey,
            collapsed,
          ),
        })),
      selectEvidence: (selectedEvidenceId) => set({ selectedEvidenceId }),
      setDashboardTab: (dashboardTab) => set({ dashboardTab }),
      setEventFilter: (filter) =>
        set((state) => ({ eventFilter: { ...state.eventFilter, ...filter } })),
      setFailedLoginWindowHours: (failedLoginWindowHours) =>
        set({ failedLoginWindowHours }),
      markPinned: (key) =>
        set((state) => ({
          pinnedToTimeline: withFlag(state.pinnedToTimeline, key, true),
        })),
      dismissTransition: (key) =>
        set((state) => ({
          dismissedTransitions: withFlag(state.dismissedTransitions, key, true),
        })),
      setNewIncidentOpen: (newIncidentOpen) => set({ newIncidentOpen }),
      requestNoteFocus: () =>
        set((state) => ({ noteFocusRequest: state.noteFocusRequest + 1 })),
      requestSearchFocus: () =>
        set((state) => ({ searchFocusRequest: state.searchFocusRequest + 1 })),
      requestRevealLatest: () =>
        set((state) => ({
          revealLatestRequest: state.revealLatestRequest + 1,
        })),
    }),
    {
      name: 'war-room.ui',
      version: 1,
      storage: createJSONStorage(() => window.localStorage),
      // Unsaved notes survive a reload; transient UI (dialogs, open
      // editors, focus requests) does not.
      partialize: (state) =>
        Object.fromEntries(PERSISTED_KEYS.map((key) => [key, state[key]])),
    },
  ),
);

function withDraft(drafts: Record<string, string>, id: string, text: string) {
  const next = { ...drafts };
  if (text) next[id] = text;
  else delete next[id];
  return next;
}

function withFlag(flags: Record<string, true>, id: string, on: boolean) {
  const next = { ...flags };
  if (on) next[id] = true;
  else delete next[id];
  return next;
}

/** Back to first-start state; for tests, which share one store module. */
export function resetUiStore(): void {
  useUiStore.setState(initialState());
}
