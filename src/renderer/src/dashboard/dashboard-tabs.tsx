import type { KeyboardEvent } from 'react';
import type { DashboardTab } from '../state/ui-store';

export const DASHBOARD_TABS: { tab: DashboardTab; label: string }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'events', label: 'Events' },
  { tab: 'failed-logins', label: 'Failed logins' },
  { tab: 'connection', label: 'Connection' },
];

export function tabId(tab: DashboardTab) {
  return `dashboard-tab-${tab}`;
}

export const PANEL_ID = 'dashboard-panel';

/** ←/→ move between tabs, Home/End to the ends, as a tab list does. */
function nextTab(key: string, current: DashboardTab): DashboardTab | null {
  const index = DASHBOARD_TABS.findIndex((item) => item.tab === current);
  const last = DASHBOARD_TABS.length - 1;
  const moves: Record<string, number> = {
    ArrowRight: index === last ? 0 : index + 1,
    ArrowLeft: index === 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  const target = moves[key];
  return target === undefined ? null : DASHBOARD_TABS[target].tab;
}

export function DashboardTabs(props: {
  current: DashboardTab;
  onSelect: (tab: DashboardTab) => void;
}) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = nextTab(event.key, props.current);
    if (!next) return;
    event.preventDefault();
    props.onSelect(next);
    document.getElementById(tabId(next))?.focus();
  }

  return (
    <div
      className="dashboard-tabs"
      role="tablist"
      aria-label="Dashboard views"
      onKeyDown={onKeyDown}
    >
      {DASHBOARD_TABS.map((item) => {
        const selected = item.tab === props.current;
        return (
          <button
            key={item.tab}
            id={tabId(item.tab)}
            type="button"
            role="tab"
            className="dashboard-tab"
            aria-selected={selected}
            aria-controls={PANEL_ID}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onSelect(item.tab)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
