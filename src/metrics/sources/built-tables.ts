import { buildStrataStatements, STRATA_TABLES } from '../retention-adjusted';
import { BUILD_POOLED_TRAINEES_ROLLUPS_SQL, POOLED_TRAINEES_ROLLUPS } from './pool';
import { buildRollupStatements, ROLLUPS } from './rollups';
import { BUILD_TRAINING_HIRES_SQL, TRAINING_HIRES_TABLE } from './training-counts';

/**
 * The statements that build every source table for an as-of date (the hire count roll-ups of the rows
 * and of the pool, the within-employer retention strata of both, the pool's trainees roll-ups, and the trainees' hire lookup); the app runs them one at a time after each data
 * change, in the background.
 */
export const buildSourceTablesStatements = (asOf: string): string[] => [
  ...buildRollupStatements('rows', asOf),
  ...buildRollupStatements('pool', asOf),
  ...buildStrataStatements(asOf),
  ...BUILD_POOLED_TRAINEES_ROLLUPS_SQL,
  BUILD_TRAINING_HIRES_SQL,
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
export const DROP_SOURCE_TABLES_SQL = [
  ...[...ROLLUPS.rows, ...ROLLUPS.pool].map((r) => r.name),
  ...Object.values(POOLED_TRAINEES_ROLLUPS),
  ...Object.values(STRATA_TABLES),
  TRAINING_HIRES_TABLE,
  ...EARLIER_TABLES,
]
  .map((name) => `DROP TABLE IF EXISTS ${name};`)
  .join('\n');
