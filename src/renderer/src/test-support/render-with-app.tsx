import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProviders } from '../app/app-providers';
import type { FakeBridge } from './fake-bridge';

/** Renders inside the app's providers with a fresh, non-retrying cache. */
export function renderWithApp(ui: ReactElement, bridge: FakeBridge) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const view = render(
    <AppProviders bridge={bridge} queryClient={queryClient}>
      {ui}
    </AppProviders>,
  );
  return { ...view, queryClient };
}
