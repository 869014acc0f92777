import { useAppStore } from '../store/app-store';
import { sampleWanted } from '../store/browser-storage';
import { isEmptyCatalogue } from '../store/catalogue';
import { startupSnapshot } from '../store/figure-snapshot';
import { forgetEngine, startEngine } from '../store/engine-slice';
import { markStartup } from './startup-marks';

/**
 * Starts the engine and opens the data it holds: what this browser stored on an earlier visit, else the
 * sample data (unless the user cleared or deleted data before). Also the Retry after a failure or crash.
 */
export async function bootEngine(): Promise<void> {
  const store = useAppStore.getState();
  // The last visit's figures (or the sample's) show while the engine starts; only on a first start, with nothing shown yet.
  void startupSnapshot(sampleWanted()).then((snapshot) => {
    const { dataVersion, engine, showSnapshot } = useAppStore.getState();
    if (snapshot && dataVersion === 0 && engine.state === 'loading') showSnapshot(snapshot);
  });
  const onCrash = (reason: string) => {
    forgetEngine();
    store.setEngineStatus({ state: 'failed', reason });
  };
  try {
    // The engine's code (DuckDB-WASM's API and Apache Arrow) loads as its own chunk, so the shell paints without it.
    const factory = () =>
      import('../engine/browser-engine').then(({ createBrowserEngine }) => {
        markStartup('engine-code');
        return createBrowserEngine({ onCrash, onStep: markStartup });
      });
    await startEngine(factory, store.setEngineStatus);
    markStartup('engine-ready');
  } catch {
    useAppStore.getState().forgetSnapshot();
    return; // The failure and its reason are in the store; the header offers Retry.
  }
  const stored = await store.openStoredData({ sampleFollows: sampleWanted() });
  markStartup('stored-data-opened');
  if (stored && isEmptyCatalogue(stored) && sampleWanted()) {
    await store.loadSample();
    markStartup('sample-loaded');
  }
  await useAppStore.getState().whenAggregated();
  markStartup('aggregates-built');
}
