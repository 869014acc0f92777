import { isEmptyCatalogue } from '../store/catalogue';
import { captureSnapshot, saveSnapshot } from '../store/figure-snapshot';
import { useAppStore } from '../store/app-store';
import { queryClient } from '../store/query-client';

/** How long the page's queries must be quiet before their figures are saved for the next visit. */
const QUIET_MS = 1000;

/** Saves the figures on screen for the next visit (figure-snapshot.ts) once the queries settle, and as the page is left. */
export function keepSnapshotSaved(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    clearTimeout(timer);
    timer = setTimeout(saveFigures, QUIET_MS);
  });
  addEventListener('pagehide', saveFigures);
}

function saveFigures(): void {
  const { engine, activity, dataId, dataVersion, counts, contributions, latestDate, aggregatesAsOf } = useAppStore.getState();
  if (engine.state !== 'ready' || activity.state === 'loading') return;
  if (dataId === null || isEmptyCatalogue({ counts, contributions })) return saveSnapshot(null);
  const snapshot = captureSnapshot(dataVersion, { dataId, catalogue: { counts, contributions, latestDate, dataId }, aggregatesAsOf });
  // A page without figures (the SQL workbench, say) leaves the last snapshot of this data as it was.
  if (snapshot) saveSnapshot(snapshot);
}
