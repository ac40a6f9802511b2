import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProviders } from './app/app-providers';
import {
  createQueryClient,
  refetchAfterMissedPushes,
} from './data/query-client';
import { resolveBridge } from './transport/resolve-bridge';
import './app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
// Whatever was fetched before the event stream connected may have missed
// a push; refetching it then closes that gap.
const bridge = resolveBridge(() => void refetchAfterMissedPushes(queryClient));

createRoot(container).render(
  <StrictMode>
    <AppProviders bridge={bridge} queryClient={queryClient}>
      <App />
    </AppProviders>
  </StrictMode>,
);
