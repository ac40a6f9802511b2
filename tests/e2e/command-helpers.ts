import type { Page } from '@playwright/test';
import type { ChannelInput } from '../../src/shared/ipc-contract';
import { invoke } from './api';
import { expect } from './fixtures';
import type { ServeProcess } from './serve-process';

type IncidentSetup = Omit<
  ChannelInput<'incident:create'>,
  'detectedAt' | 'detectionMethod'
> & {
  /** Epoch milliseconds; sent as UTC text. */
  detectedAtMs: number;
};

/** Opens an incident through the API, detected at the given time. */
export function openIncidentAt(server: ServeProcess, setup: IncidentSetup) {
  const { detectedAtMs, ...rest } = setup;
  return invoke(server, 'incident:create', {
    ...rest,
    detectedAt: new Date(detectedAtMs).toISOString(),
    detectionMethod: 'alert',
  });
}

/**
 * Picks the incident from the list, which follows the server's pushes, so
 * no reload is needed (a reload would restart a faked clock's timers).
 */
export async function chooseIncident(app: Page, title: string) {
  await app.getByTestId('incident-row').filter({ hasText: title }).click();
  await expect(app.getByTestId('command-bar')).toContainText('Severity');
}

export async function showPane(
  app: Page,
  name: 'Incidents' | 'Timeline' | 'Checklist' | 'Incident card',
) {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', {
      name,
      exact: true,
    })
    .click();
}

export function responseClock(app: Page) {
  return app.getByTestId('response-clock');
}

export function clockFigure(app: Page) {
  return responseClock(app).getByRole('timer');
}

export function treeItem(app: Page, name: string) {
  return app.getByRole('treeitem', { name, exact: true });
}

/** Opens the Controls pane from the side navigation and waits for it. */
export async function openControls(app: Page) {
  await app
    .getByRole('navigation', { name: 'Panes' })
    .getByRole('button', { name: 'Controls', exact: true })
    .click();
  await expect(app.getByRole('heading', { name: /^Controls/ })).toBeVisible();
}
