import type { StateCreator } from 'zustand';
import type { Engine } from '../engine/engine';
import { dropUnfinishedLoads, type FileReport, type IngestInput, type IngestOptions, type IngestProgress } from '../ingest/load';
import { clearDataset, createDatasetTables, freshDataId, setDataIdSql } from '../ingest/tables';
import { checkInputs } from './load-inputs';
import { fetchSampleFiles } from './sample-files';
import { removeContributionSql } from '../metrics/sources/pool';
import { eraseBrowserEntries, setSampleWanted } from './browser-storage';
import { buildAggregates, EMPTY_CATALOGUE, isEmptyCatalogue, readCatalogue, type Catalogue } from './catalogue';
import { engineReady, stopEngine } from './engine-slice';
import type { DatasetSlice } from './dataset-types';
import { dropSnapshotRows, rememberHoldsData, seedQueryCache } from './figure-snapshot';
import { SAMPLE_DATA_ID } from '../ingest/tables';
import { runEngineWork } from './query-client';
import { BatchFailed, commitBatch, SAMPLE_REPLACED, settle } from './batch-outcome';
import type { CheckedBatch } from '../ingest/batch';

export const createDatasetSlice: StateCreator<DatasetSlice, [], [], DatasetSlice> = (set, get) => {
  // Each change to the data starts a generation; a background build of an older one stops and is not used.
  let generation = 0;
  let held: CheckedBatch | null = null;
  const letGoOfHeld = async () => {
    const batch = held;
    held = null;
    if (!batch) return;
    set({ heldBatch: null });
    await batch.discard();
  };
  let aggregation: Promise<void> = Promise.resolve();
  // Changes to the data run one at a time, in the order asked, so each sees what the one before it left
  // (files dropped while the sample loads at start-up replace it rather than race it).
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = turn.then(run);
    turn = next.catch(() => undefined);
    return next;
  };
  interface Change {
    what: string;
    task: (engine: Engine) => Promise<FileReport[]>;
    keepReports: boolean;
    cancel?: () => void;
    /** Keeps the data's stored name (the change named the data itself, or opened what was stored); otherwise it gets a fresh one. */
    keepsName?: boolean;
    /** Leaves the store as it is when the engine turns out to hold no data. */
    keepIfEmpty?: boolean;
    /** What the Data page says once the change is done, when it must say something. */
    doneMessage?: (reports: FileReport[]) => string | null;
  }
  async function changeNow({ what, task, keepReports, cancel, keepsName, keepIfEmpty, doneMessage }: Change): Promise<Catalogue | null> {
    const current = ++generation;
    set({ activity: { state: 'loading', what, cancel } });
    try {
      const engine = await engineReady();
      await letGoOfHeld();
      const reports = await task(engine);
      if (!keepsName) await engine.exec(setDataIdSql(freshDataId()));
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
      if (err instanceof BatchFailed) {
        if (err.held) held = err.batch;
        set({ reports: err.batch.unloaded, heldBatch: err.held ? { consequences: err.batch.consequences } : null });
      }
      set({ activity: { state: 'failed', reason: err instanceof Error ? err.message : String(err) } });
      return null;
    }
  }
  const change = (c: Change) => inTurn(() => changeNow(c));
  const changeData = async (c: Change) => void (await change(c));
  /**
   * Loads files as one batch, all or nothing, in its turn. Over the sample, own files take its place and
   * the sample itself reloads whole rather than join itself; `ifEmpty` names the data when it is the sample.
   */
  const loadFilesNow = (files: readonly IngestInput[], what: string, options?: IngestOptions, ifEmpty?: string) => {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    const onProgress = (progress: IngestProgress) => {
      if (get().activity.state === 'loading') set({ activity: { state: 'loading', what, progress, cancel } });
    };
    const replacing = get().dataId === SAMPLE_DATA_ID;
    return changeNow({
      what,
      task: async (engine) => {
        const dataId = ifEmpty !== undefined && (replacing || isEmptyCatalogue(await readCatalogue(engine))) ? ifEmpty : freshDataId();
        return settle(await checkInputs(engine, files, { ...options, replacing, signal: controller.signal, onProgress }), dataId);
      },
      keepReports: !replacing,
      cancel,
      keepsName: true,
      doneMessage: replacing && ifEmpty === undefined ? () => SAMPLE_REPLACED : undefined,
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
    loadFiles: (files, what, options) => inTurn(async () => void (await loadFilesNow(files, what, options))),
    loadSample: async () => {
      // A change to the data while the files download (Clear all data during start-up) wins over the sample.
      const before = generation;
      const files = await fetchSampleFiles();
      await inTurn(async () => {
        if (generation === before) await loadFilesNow(files, 'Loading sample data', {}, SAMPLE_DATA_ID);
      });
    },
    heldBatch: null,
    keepHeldFiles: () =>
      inTurn(async () => {
        const batch = held;
        held = null;
        set({ heldBatch: null });
        if (!batch) return;
        await changeNow({
          what: 'Loading the files that were checked',
          task: () => commitBatch(batch, freshDataId()),
          keepReports: false,
          keepsName: true,
          doneMessage: batch.replacing ? () => SAMPLE_REPLACED : undefined,
        });
      }),
    discardHeldFiles: () =>
      inTurn(async () => {
        await letGoOfHeld();
        set({ activity: { state: 'idle' } });
      }),
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
          await dropUnfinishedLoads(engine);
          await createDatasetTables(engine);
          return [];
        },
        keepReports: false,
        keepsName: true,
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
      // The engine goes, and the held batch's tables with it.
      held = null;
      set({ heldBatch: null });
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
