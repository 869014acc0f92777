import { fetchSampleFiles } from '../features/data/sample-files';
import { useAppStore } from '../store/app-store';
import { sampleWanted } from '../store/browser-storage';
import { forgetEngine, startEngine } from '../store/engine-slice';

/**
 * Starts the engine and opens the data it holds: what this browser stored on an earlier visit, else the
 * sample data (unless the user cleared or deleted data before). Also the Retry after a failure or crash.
 */
export async function bootEngine(): Promise<void> {
  const store = useAppStore.getState();
  const onCrash = (reason: string) => {
    forgetEngine();
    store.setEngineStatus({ state: 'failed', reason });
  };
  try {
    // The engine's code (DuckDB-WASM's API and Apache Arrow) loads as its own chunk, so the shell paints without it.
    const factory = () => import('../engine/browser-engine').then(({ createBrowserEngine }) => createBrowserEngine({ onCrash }));
    await startEngine(factory, store.setEngineStatus);
  } catch {
    return; // The failure and its reason are in the store; the header offers Retry.
  }
  await store.openStoredData();
  const { counts, contributions } = useAppStore.getState();
  if (counts.employers + counts.hires + counts.training + contributions.length === 0 && sampleWanted())
    await store.loadFiles(await fetchSampleFiles(), 'Loading sample data');
}
