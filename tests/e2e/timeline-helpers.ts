import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** From a freshly loaded console, opens the incident's timeline by click. */
export async function openTimeline(app: Page, title: string) {
  await app.reload();
  await app.getByTestId('incident-row').filter({ hasText: title }).click();
  await expect(
    app.getByRole('heading', { name: `Timeline: ${title}` }),
  ).toBeVisible();
  await expect(app.getByTestId('timeline-count')).not.toHaveText(/Loading/);
}

export function timelineRow(app: Page, text: string | RegExp) {
  return app.getByTestId('timeline-row').filter({ hasText: text });
}
