import type { StateCreator } from 'zustand';
import type { Engine } from '../engine/engine';
import type { FileReport, IngestInput, IngestOptions, IngestProgress } from '../ingest/load';
import { ingestFiles } from '../ingest/load';
import { clearDataset, createDatasetTables } from '../ingest/tables';
import { removeContributionSql } from '../metrics/sources/pool';
import { eraseBrowserEntries, setSampleWanted } from './browser-storage';
import { buildAggregates, EMPTY_COUNTS, readCatalogue, type PooledContribution, type TableCounts } from './catalogue';
import { engineReady, stopEngine } from './engine-slice';
import { runEngineWork } from './query-client';

export type DatasetActivity =
  | { state: 'idle' }
  | { state: 'loading'; what: string; progress?: IngestProgress; cancel?: () => void }
  | { state: 'done'; message: string }
  | { state: 'failed'; reason: string };

export interface DatasetSlice {
  /** Bumped on every change to the loaded data, so cached query results are keyed to it. */
  dataVersion: number;
  counts: TableCounts;
  /** Contribution files pooled with (or instead of) the rows. */
  contributions: PooledContribution[];
  /** The latest date in the rows, or without rows the latest as-of date of the contributions. */
  latestDate: string | null;
  /**
   * The as-of date the pre-aggregated hires were built for (the latest date), or null when there are none:
   * they are built in the background after each change, and the metrics read the rows until then.
   */
  aggregatesAsOf: string | null;
  /** Settles when the latest background build of the pre-aggregates has finished, failed or been overtaken. */
  whenAggregated: () => Promise<void>;
  reports: FileReport[];
  activity: DatasetActivity;
  /**
   * Appends CSV or Parquet files (with the user's column mappings, and a way to ask about ambiguous dates)
   * to the loaded data, and pools contribution files; `what` names the activity for the progress indicator.
   */
  loadFiles: (files: readonly IngestInput[], what: string, options?: IngestOptions) => Promise<void>;
  /** Removes all loaded data. */
  clearData: () => Promise<void>;
  /** Removes one pooled contribution. */
  removeContribution: (id: string) => Promise<void>;
  /** Reads what the engine already holds (data stored in this browser on an earlier visit). */
  openStoredData: () => Promise<void>;
  /**
   * Stops the engine and deletes everything this app keeps in the browser: the stored database, column
   * mappings, saved queries and scenarios. `restart` then starts an empty engine.
   */
  deleteAllData: (restart: () => Promise<void>) => Promise<void>;
  /** Re-reads counts after the data changed outside ingest (an unlocked SQL statement). */
  refreshCatalogue: () => Promise<void>;
}

export const createDatasetSlice: StateCreator<DatasetSlice, [], [], DatasetSlice> = (set, get) => {
  // Each change to the data starts a generation; a background build of an older one stops and is not used.
  let generation = 0;
  let aggregation: Promise<void> = Promise.resolve();
  async function change(what: string, task: (engine: Engine) => Promise<FileReport[]>, keepReports: boolean, cancel?: () => void) {
    const current = ++generation;
    set({ activity: { state: 'loading', what, cancel } });
    try {
      const engine = await engineReady();
      const reports = await task(engine);
      const catalogue = await readCatalogue(engine);
      // The data is usable now, before the browser storage has it (saving 500 contributions takes over a
      // second); the pre-aggregates only make later filter changes faster.
      set({
        ...catalogue,
        aggregatesAsOf: null,
        reports: keepReports ? [...get().reports, ...reports] : reports,
        dataVersion: get().dataVersion + 1,
        activity: { state: 'loading', what: 'Saving in this browser' },
      });
      try {
        await engine.persist();
      } catch (err) {
        throw new Error(`The data is loaded but could not be saved in this browser: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      if (generation === current) set({ activity: { state: 'idle' } });
      const overtaken = () => generation !== current;
      aggregation = runEngineWork(() => buildAggregates(engine, catalogue, overtaken)).then((asOf) => {
        if (!overtaken()) set({ aggregatesAsOf: asOf });
      });
    } catch (err) {
      set({ activity: { state: 'failed', reason: err instanceof Error ? err.message : String(err) } });
    }
  }
  return {
    whenAggregated: () => aggregation,
    dataVersion: 0,
    counts: EMPTY_COUNTS,
    contributions: [],
    latestDate: null,
    aggregatesAsOf: null,
    reports: [],
    activity: { state: 'idle' },
    loadFiles: (files, what, options) => {
      const controller = new AbortController();
      const cancel = () => controller.abort();
      const onProgress = (progress: IngestProgress) => {
        if (get().activity.state === 'loading') set({ activity: { state: 'loading', what, progress, cancel } });
      };
      return change(
        what,
        async (engine) => {
          const pooled: File[] = [];
          const ingested: IngestInput[] = [];
          // The contribution checks (a JSON Schema validator among them) load with the first file, not with the page.
          const [{ isContributionFile }, { loadContributions }] = await Promise.all([
            import('../contribution/file-kind'),
            import('../contribution/load'),
          ]);
          for (const input of files) {
            if (input instanceof File && (await isContributionFile(input))) pooled.push(input);
            else ingested.push(input);
          }
          const reports =
            ingested.length > 0 ? await ingestFiles(engine, ingested, { ...options, signal: controller.signal, onProgress }) : [];
          return [...reports, ...(pooled.length > 0 ? await loadContributions(engine, pooled) : [])];
        },
        true,
        cancel,
      );
    },
    removeContribution: (id) =>
      change(
        'Removing a contribution',
        async (engine) => {
          await engine.exec(removeContributionSql(id));
          return [];
        },
        true,
      ),
    refreshCatalogue: () => change('Reading the changed data', async () => [], true),
    openStoredData: () =>
      change(
        'Opening stored data',
        async (engine) => {
          await createDatasetTables(engine);
          return [];
        },
        false,
      ),
    clearData: () => {
      setSampleWanted(false);
      return change(
        'Clearing data',
        async (engine) => {
          await clearDataset(engine);
          return [];
        },
        false,
      );
    },
    deleteAllData: async (restart) => {
      generation++;
      set({ activity: { state: 'loading', what: 'Deleting all data' } });
      try {
        await stopEngine({ erase: true });
        eraseBrowserEntries();
        setSampleWanted(false);
        set({
          counts: EMPTY_COUNTS,
          contributions: [],
          latestDate: null,
          aggregatesAsOf: null,
          reports: [],
          dataVersion: get().dataVersion + 1,
        });
      } catch (err) {
        set({
          activity: { state: 'failed', reason: `Deleting the stored data failed: ${err instanceof Error ? err.message : String(err)}` },
        });
        await restart();
        return;
      }
      await restart();
      if (get().activity.state !== 'failed') set({ activity: { state: 'done', message: 'All data was deleted from this browser.' } });
    },
  };
};
