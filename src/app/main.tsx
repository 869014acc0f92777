import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserEngine } from '../engine/browser-engine';
import { fetchSampleFiles } from '../features/data/sample-files';
import { useAppStore } from '../store/app-store';
import { startEngine } from '../store/engine-slice';
import { App } from './app';
import { startUrlSync } from './url-sync';
import './app.css';

startUrlSync();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The shell paints first; the engine and the sample data follow.
const store = useAppStore.getState();
startEngine(createBrowserEngine, store.setEngineStatus).then(
  async () => store.loadFiles(await fetchSampleFiles(), 'Loading sample data'),
  () => undefined,
);
