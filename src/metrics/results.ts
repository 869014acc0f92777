import { REJECTIONS_TABLE } from '../ingest/contract';
import type { Row } from '../engine/engine';
import { pilotDidSql, readPilotDid, type PilotDid } from './did';
import type { Filters, Group } from './filters';
import { costPerHireSql, distributionSql, readCostPerHire, readDistributions, type Distributions } from './hiring';
import { num } from './read-row';
import { readLogRank, readRetention, retentionLogRankSql, retentionSql, type LogRank, type Survivals } from './retention';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { hireCountsSql } from './sources/read-counts';
import { trainingCostsSql } from './sources/training-counts';
import { isSuppressed, SUPPRESSED, type OrSuppressed } from './suppression';
import {
  DEFAULT_UPSKILLING_ASSUMPTIONS,
  readUpskilling,
  upskillingSql,
  type UpskillingAssumptions,
  type UpskillingResults,
} from './upskilling';

export const RESULTS_SCHEMA = 'ler-outcomes/results@1';

/** The results@1 file (DESIGN §5): each block is a metric reader's typed figures, suppressed there. */
export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  as_of: string;
  filters: Filters;
  suppression_k: number;
  counts: { employers: number; hires: number; enrollments: number; rejected_rows: number };
  time_to_fill: Distributions;
  time_to_hire: Distributions;
  cost_per_hire: Record<Group, OrSuppressed<number>>;
  retention: Survivals & { logrank: LogRank };
  pilot_did: PilotDid;
  upskilling: UpskillingResults;
}

/** Runs one SQL statement and returns plain rows; the app passes its cached runner, the CLI the engine. */
export type SqlRunner = (sql: string) => Promise<Row[]>;

/** SQL for the counts block: employers passing the employer filters, hires with an offer by the as-of date, enrollments started by it, rejected rows. */
export function countsSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT
      (SELECT count(*) FROM (${employersSql(filters, settings)})) AS employers,
      (SELECT hires FROM (${hireCountsSql('hires', filters, settings, [])})) AS hires,
      (SELECT coalesce(sum(enrollments), 0) FROM (${trainingCostsSql(filters, settings, 'all')}) WHERE dim = 'all') AS enrollments,
      (SELECT count(*) FROM (SELECT DISTINCT file, line FROM ${REJECTIONS_TABLE})) AS rejected_rows`;
}

/** Every metric of DESIGN §4 for one filter state, assembled as the results@1 file (§5). */
export async function computeResults(
  run: SqlRunner,
  filters: Filters,
  settings: MetricSettings,
  assumptions: UpskillingAssumptions = DEFAULT_UPSKILLING_ASSUMPTIONS,
): Promise<ResultsFile> {
  const [[counts], ttf, tth, cph, retention, logrank, did, upskill] = await Promise.all([
    run(countsSql(filters, settings)),
    run(distributionSql(filters, settings, 'time_to_fill')),
    run(distributionSql(filters, settings, 'time_to_hire')),
    run(costPerHireSql(filters, settings)),
    run(retentionSql(filters, settings)),
    run(retentionLogRankSql(filters, settings)),
    run(pilotDidSql(filters, settings)),
    run(upskillingSql(filters, settings)),
  ]);
  const k = settings.k;
  const survivals = readRetention(retention, k);
  const costPerHire = readCostPerHire(cph, k);
  const costOf = (g: Group) => {
    const group = costPerHire[g];
    return isSuppressed(group) ? SUPPRESSED : group.cost_per_hire;
  };
  return {
    schema: RESULTS_SCHEMA,
    as_of: settings.asOf,
    filters,
    suppression_k: k,
    counts: {
      employers: num(counts, 'employers'),
      hires: num(counts, 'hires'),
      enrollments: num(counts, 'enrollments'),
      rejected_rows: num(counts, 'rejected_rows'),
    },
    time_to_fill: readDistributions(ttf, k),
    time_to_hire: readDistributions(tth, k),
    cost_per_hire: { ler: costOf('ler'), non_ler: costOf('non_ler') },
    retention: { ...survivals, logrank: readLogRank(logrank, survivals) },
    pilot_did: readPilotDid(did, k),
    upskilling: readUpskilling(upskill, assumptions, k).results,
  };
}
