import type { StateCreator } from 'zustand';
import type { Engine } from '../engine/engine';
import type { FileReport, IngestInput, IngestOptions, IngestProgress } from '../ingest/load';
import { clearDataset, createDatasetTables, freshDataId, setDataIdSql } from '../ingest/tables';
import { loadInputs } from './load-inputs';
import { fetchSampleFiles } from './sample-files';
import { removeContributionSql } from '../metrics/sources/pool';
import { eraseBrowserEntries, setSampleWanted } from './browser-storage';
import {
  buildAggregates,
  EMPTY_CATALOGUE,
  isEmptyCatalogue,
  readCatalogue,
  type Catalogue,
  type PooledContribution,
  type TableCounts,
} from './catalogue';
import { engineReady, stopEngine } from './engine-slice';
import { dropSnapshotRows, rememberHoldsData, SAMPLE_DATA_ID, seedQueryCache, type FigureSnapshot } from './figure-snapshot';
import { runEngineWork } from './query-client';
import { loadInPlaceOfSample, sampleReplacementMessage } from './sample-replacement';

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
  /** Names the loaded data (see DATA_ID_TABLE): the sample's is SAMPLE_DATA_ID. */
  dataId: string | null;
  /** The last visit's figures, shown under their own data version while the engine starts (figure-snapshot.ts). */
  snapshot: { dataVersion: number; dataId: string } | null;
  /** Shows a snapshot's figures until the engine has opened the data it was saved for. */
  showSnapshot: (snapshot: FigureSnapshot) => void;
  /** Takes a snapshot's figures off the page (the engine failed to start, so they cannot be checked). */
  forgetSnapshot: () => void;
  reports: FileReport[];
  activity: DatasetActivity;
  /**
   * Appends CSV or Parquet files (with the user's column mappings, and a way to ask about ambiguous dates)
   * to the loaded data, and pools contribution files; `what` names the activity for the progress indicator.
   */
  loadFiles: (files: readonly IngestInput[], what: string, options?: IngestOptions) => Promise<void>;
  /** Loads the bundled sample data (named SAMPLE_DATA_ID when nothing else is loaded). */
  loadSample: () => Promise<void>;
  /** Removes all loaded data. */
  clearData: () => Promise<void>;
  /** Removes one pooled contribution. */
  removeContribution: (id: string) => Promise<void>;
  /**
   * Reads what the engine already holds (data stored in this browser on an earlier visit). With
   * `sampleFollows`, an empty database leaves the sample's snapshot showing, since the sample is loaded next.
   */
  openStoredData: (options?: { sampleFollows?: boolean }) => Promise<Catalogue | null>;
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
  interface Change {
    what: string;
    task: (engine: Engine) => Promise<FileReport[]>;
    keepReports: boolean;
    cancel?: () => void;
    /** The data's new name: a fresh one unless given (`ifEmpty`: given when nothing was loaded before); `read` keeps the stored one. */
    dataId?: string | 'read' | { ifEmpty: string };
    /** Leaves the store as it is when the engine turns out to hold no data. */
    keepIfEmpty?: boolean;
    /** What the Data page says once the change is done, when it must say something. */
    doneMessage?: (reports: FileReport[]) => string | null;
  }
  async function change({ what, task, keepReports, cancel, dataId, keepIfEmpty, doneMessage }: Change): Promise<Catalogue | null> {
    const current = ++generation;
    set({ activity: { state: 'loading', what, cancel } });
    try {
      const engine = await engineReady();
      const named = typeof dataId === 'object' ? (isEmptyCatalogue(await readCatalogue(engine)) ? dataId.ifEmpty : undefined) : dataId;
      const reports = await task(engine);
      if (named !== 'read') await engine.exec(setDataIdSql(named ?? freshDataId()));
      const catalogue = await readCatalogue(engine);
      rememberHoldsData(!isEmptyCatalogue(catalogue));
      if (isEmptyCatalogue(catalogue) && keepIfEmpty) {
        set({ activity: { state: 'idle' } });
        return catalogue;
      }
      const { snapshot } = get();
      if (snapshot && snapshot.dataId !== catalogue.dataId) {
        dropSnapshotRows(snapshot.dataVersion);
        set({ snapshot: null });
      }
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
      const message = doneMessage?.(reports) ?? null;
      if (generation === current) set({ activity: message ? { state: 'done', message } : { state: 'idle' } });
      const overtaken = () => generation !== current;
      aggregation = runEngineWork(() => buildAggregates(engine, catalogue, overtaken)).then((asOf) => {
        if (!overtaken()) set({ aggregatesAsOf: asOf });
      });
      return catalogue;
    } catch (err) {
      set({ activity: { state: 'failed', reason: err instanceof Error ? err.message : String(err) } });
      return null;
    }
  }
  const changeData = async (c: Change) => void (await change(c));
  const loadFiles = (files: readonly IngestInput[], what: string, options?: IngestOptions, dataId?: Change['dataId']) => {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    const onProgress = (progress: IngestProgress) => {
      if (get().activity.state === 'loading') set({ activity: { state: 'loading', what, progress, cancel } });
    };
    const replacesSample = dataId === undefined && get().dataId === SAMPLE_DATA_ID;
    return change({
      what,
      task: async (engine) => {
        const load = () => loadInputs(engine, files, { ...options, signal: controller.signal, onProgress });
        return replacesSample ? loadInPlaceOfSample(engine, load) : load();
      },
      keepReports: !replacesSample,
      cancel,
      dataId: replacesSample ? 'read' : dataId,
      doneMessage: replacesSample ? sampleReplacementMessage : undefined,
    });
  };
  return {
    whenAggregated: () => aggregation,
    dataVersion: 0,
    ...EMPTY_CATALOGUE,
    aggregatesAsOf: null,
    reports: [],
    activity: { state: 'idle' },
    snapshot: null,
    forgetSnapshot: () => {
      const { snapshot } = get();
      if (!snapshot) return;
      dropSnapshotRows(snapshot.dataVersion);
      set({ ...EMPTY_CATALOGUE, aggregatesAsOf: null, snapshot: null, dataVersion: get().dataVersion + 1 });
    },
    showSnapshot: (snapshot) => {
      const dataVersion = get().dataVersion + 1;
      seedQueryCache(snapshot, dataVersion);
      set({
        ...snapshot.catalogue,
        aggregatesAsOf: snapshot.aggregatesAsOf,
        dataVersion,
        snapshot: { dataVersion, dataId: snapshot.dataId },
      });
    },
    loadFiles: async (files, what, options) => void (await loadFiles(files, what, options)),
    loadSample: async () => {
      // A change to the data while the files download (Clear all data during start-up) wins over the sample.
      const before = generation;
      const files = await fetchSampleFiles();
      if (generation === before) await loadFiles(files, 'Loading sample data', {}, { ifEmpty: SAMPLE_DATA_ID });
    },
    removeContribution: (id) =>
      changeData({
        what: 'Removing a contribution',
        task: async (engine) => {
          await engine.exec(removeContributionSql(id));
          return [];
        },
        keepReports: true,
      }),
    refreshCatalogue: () => changeData({ what: 'Reading the changed data', task: async () => [], keepReports: true }),
    openStoredData: (options) =>
      change({
        what: 'Opening stored data',
        task: async (engine) => {
          await createDatasetTables(engine);
          return [];
        },
        keepReports: false,
        dataId: 'read',
        keepIfEmpty: options?.sampleFollows === true && get().snapshot?.dataId === SAMPLE_DATA_ID,
      }),
    clearData: () => {
      setSampleWanted(false);
      return changeData({
        what: 'Clearing data',
        task: async (engine) => {
          await clearDataset(engine);
          return [];
        },
        keepReports: false,
      });
    },
    deleteAllData: async (restart) => {
      generation++;
      set({ activity: { state: 'loading', what: 'Deleting all data' } });
      try {
        await stopEngine({ erase: true });
        eraseBrowserEntries();
        setSampleWanted(false);
        set({ ...EMPTY_CATALOGUE, aggregatesAsOf: null, reports: [], snapshot: null, dataVersion: get().dataVersion + 1 });
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
