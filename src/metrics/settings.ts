/** What every metric query depends on besides the data. */
export interface MetricSettings {
  /** End of observation, ISO YYYY-MM-DD: events after it are not yet observed. */
  asOf: string;
  /** Smallest group shown; smaller groups are suppressed. */
  k: number;
  /** The as-of date the pre-aggregated tables (aggregates.ts) were built for; absent or null: none, metrics read the rows. */
  aggregatesAsOf?: string | null;
  /** Which loaded data to read: the rows, and pooled contributions (all of them, or one by id). Absent: the rows only. */
  sources?: { rows: boolean; contributions: boolean | string };
}

export const DEFAULT_K = 10;

/** SQL for the latest date in any loaded table: the default as-of date. */
export const LATEST_DATE_SQL = `SELECT max(d) AS latest FROM (
  SELECT greatest(ler_adopted_on) AS d FROM employers
  UNION ALL SELECT greatest(requisition_opened_on, applied_on, offer_accepted_on, started_on, separated_on) FROM hires
  UNION ALL SELECT greatest(started_on, completed_on, promoted_on) FROM training)`;
