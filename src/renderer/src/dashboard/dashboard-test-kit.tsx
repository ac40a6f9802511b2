import type { ReactElement } from 'react';
import type {
  AdminStatus,
  DashboardSnapshot,
  EventPage,
} from '../../../shared/admin-api-types';
import type { Result } from '../../../shared/result';
import { useUiStore } from '../state/ui-store';
import {
  createFakeBridge,
  type FakeBridge,
  type FakeHandlers,
} from '../test-support/fake-bridge';
import { renderWithApp } from '../test-support/render-with-app';
import {
  MINUTE,
  msAgo,
  sampleAnalysis,
  sampleEvent,
  sampleSnapshot,
  sampleStatus,
} from '../test-support/sample-admin';
import { INCIDENT_ID, sampleIncident } from '../test-support/sample-data';
import { DashboardPane } from './dashboard-pane';

export const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

export type DashboardSetup = {
  status?: AdminStatus;
  snapshot?: DashboardSnapshot;
  events?: EventPage;
  /** Select an open incident, so pins have somewhere to go. */
  withIncident?: boolean;
  handlers?: FakeHandlers;
};

/** The answers a configured, reachable platform gives, as main caches them. */
export function dashboardBridge(setup: DashboardSetup = {}): FakeBridge {
  const events = setup.events ?? {
    total: 2,
    rows: [
      sampleEvent(),
      sampleEvent({
        id: 'e2',
        eventType: 'failed_login_attempt',
        severity: 'medium',
        userId: 'ops@example.com',
        ipAddress: '203.0.113.7',
        description: 'Wrong password',
      }),
    ],
  };
  return createFakeBridge({
    'incident:list': () => ok([sampleIncident()]),
    'admin:status': () => ok(setup.status ?? sampleStatus()),
    'dashboard:snapshot': () =>
      ok(setup.snapshot ?? sampleSnapshot(msAgo(3 * MINUTE))),
    'dashboard:events': () => ok(events),
    'dashboard:failed-logins': () => ok(sampleAnalysis()),
    ...setup.handlers,
  });
}

export function renderDashboard(
  setup: DashboardSetup = {},
  ui: ReactElement = <DashboardPane />,
) {
  if (setup.withIncident) {
    useUiStore.setState({ selectedIncidentId: INCIDENT_ID });
  }
  const bridge = dashboardBridge(setup);
  return { bridge, ...renderWithApp(ui, bridge) };
}

export function inputsOf(bridge: FakeBridge, channel: string) {
  return bridge.calls
    .filter((call) => call.channel === channel)
    .map((call) => call.input);
}
