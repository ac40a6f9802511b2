import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProviders } from './app/app-providers';
import { createQueryClient } from './data/query-client';
import { resolveBridge } from './transport/resolve-bridge';
import './app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AppProviders bridge={resolveBridge()} queryClient={createQueryClient()}>
      <App />
    </AppProviders>
  </StrictMode>,
);
