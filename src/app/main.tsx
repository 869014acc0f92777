import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { useAppStore } from '../store/app-store';
import { queryClient } from '../store/query-client';
import { App } from './app';
import { bootEngine } from './boot';
import { keepSnapshotSaved } from './snapshot-saving';
import { startUrlSync } from './url-sync';
import './app.css';

startUrlSync();
keepSnapshotSaved();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

// The shell paints first; the engine and the data follow.
useAppStore.getState().setRestartEngine(bootEngine);
void bootEngine();

// The offline cache; only in the build, where sw.js exists. Failing to register costs only offline use.
if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
