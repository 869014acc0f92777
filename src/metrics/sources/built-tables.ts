import { buildStrataStatement, STRATA_TABLES } from '../retention-adjusted';
import { BUILD_POOLED_TRAINEES_ROLLUPS_SQL, POOLED_TRAINEES_ROLLUPS } from './pool';
import { buildRollupStatements, ROLLUPS, type RollupSource } from './rollups';
import { BUILD_TRAINING_HIRES_SQL, TRAINING_HIRES_TABLE } from './training-counts';

/** Which sources hold data: the loaded rows (employers), and pooled contributions. */
export type LoadedSources = Record<RollupSource, boolean>;

/** Every table built from each source. */
const TABLES_OF: Record<RollupSource, string[]> = {
  rows: [...ROLLUPS.rows.map((r) => r.name), STRATA_TABLES.rows, TRAINING_HIRES_TABLE],
  pool: [...ROLLUPS.pool.map((r) => r.name), STRATA_TABLES.pool, ...Object.values(POOLED_TRAINEES_ROLLUPS)],
};

const dropTables = (names: readonly string[]) => names.map((name) => `DROP TABLE IF EXISTS ${name};`);

/**
 * The statements that build every source table for an as-of date: for the rows, their hire count
 * roll-ups, within-employer retention strata and the trainees' hire lookup; for the pool, its roll-ups,
 * strata and trainees roll-ups. A source without data has its tables dropped instead (the metrics read
 * only the sources that hold data, and a pool alone spent half a second building the empty rows').
 * The app runs them one at a time after each data change, in the background.
 */
export const buildSourceTablesStatements = (asOf: string, loaded: LoadedSources = { rows: true, pool: true }): string[] => [
  ...(loaded.rows
    ? [...buildRollupStatements('rows', asOf), buildStrataStatement('rows', asOf), BUILD_TRAINING_HIRES_SQL]
    : dropTables(TABLES_OF.rows)),
  ...(loaded.pool
    ? [...buildRollupStatements('pool', asOf), buildStrataStatement('pool', asOf), ...BUILD_POOLED_TRAINEES_ROLLUPS_SQL]
    : dropTables(TABLES_OF.pool)),
];

/** Tables of earlier versions, which data stored in a browser may still hold. */
const EARLIER_TABLES = [
  '__ler_agg_fill_q',
  '__ler_agg_fill',
  '__ler_agg_hire',
  '__ler_agg_tenure',
  '__ler_agg_hires',
  '__ler_agg_comparison',
];

/** Drops every source table (no data, so no as-of date to build them for; or a build failed half-way). */
export const DROP_SOURCE_TABLES_SQL = dropTables([...TABLES_OF.rows, ...TABLES_OF.pool, ...EARLIER_TABLES]).join('\n');
