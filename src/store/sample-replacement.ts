import type { Engine } from '../engine/engine';
import type { FileReport } from '../ingest/load';
import { clearDataset, freshDataId, setDataIdSql } from '../ingest/tables';
import { setSampleWanted } from './browser-storage';
import { SAMPLE_DATA_ID } from './figure-snapshot';
import { loadInputs } from './load-inputs';
import { fetchSampleFiles } from './sample-files';

const loadedSomething = (r: FileReport) => r.rowsLoaded > 0 || (r.kind === 'contribution' && r.error === null);

/**
 * Loads the user's own files in place of the synthetic sample, which never mixes with them: the sample
 * steps aside first, and comes back when nothing of the files loaded (all unreadable, or the load cancelled).
 */
export async function loadInPlaceOfSample(engine: Engine, load: () => Promise<FileReport[]>): Promise<FileReport[]> {
  await clearDataset(engine);
  const reports = await load();
  const replaced = reports.some(loadedSomething);
  if (replaced) setSampleWanted(false);
  else await loadInputs(engine, await fetchSampleFiles(), {});
  await engine.exec(setDataIdSql(replaced ? freshDataId() : SAMPLE_DATA_ID));
  return reports;
}

/** What the Data page says after such a load. */
export const sampleReplacementMessage = (reports: readonly FileReport[]) =>
  reports.some(loadedSomething)
    ? 'Your files replaced the sample data, which never mixes with your own.'
    : 'Nothing of your files was loaded, so the sample data is still what is loaded.';
