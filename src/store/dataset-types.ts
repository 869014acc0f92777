import type { FileReport, IngestInput, IngestOptions, IngestProgress } from '../ingest/load';
import type { Catalogue, PooledContribution, TableCounts } from './catalogue';
import type { FigureSnapshot } from './figure-snapshot';

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
   * After a load in which some file failed as a whole (so nothing of it was loaded), the files that did
   * check, waiting for the user's choice: what keeping them would load and leave out, in words.
   */
  heldBatch: { consequences: string[] } | null;
  /** Loads the held batch's checked files after all. */
  keepHeldFiles: () => Promise<void>;
  /** Lets the held batch go (any other change to the data does too). */
  discardHeldFiles: () => Promise<void>;
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
