import { REJECTIONS_TABLE } from '../ingest/contract';
import { DATA_ID_TABLE, SAMPLE_DATA_ID } from '../ingest/tables';
import type { Row } from '../engine/engine';
import { pilotDidSql, readPilotDid, type PilotDid } from './did';
import { lerSharePostSql } from './did-cells';
import { readSubgroups, readSubgroupValues, subgroupDidSql, subgroupValuesSql, type Subgroups } from './did-subgroups';
import type { Filters, Group } from './filters';
import { costPerHireSql, distributionSql, readCostPerHire, readDistributions, type Distributions } from './hiring';
import { num, numOrNull, text } from './read-row';
import { readRetentionAdjusted, retentionAdjustedSql, type RetentionAdjusted } from './retention-adjusted';
import { readLogRank, readRetention, retentionLogRankSql, retentionSql, type LogRank, type Survivals } from './retention';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { DRAFT_ID, POOL, scopeOf } from './sources/pool';
import { pilotPanelSql } from './pilot-design/panel';
import { readPilotDesign, type PilotDesign } from './pilot-design/pilot-design';
import { str } from '../sql/quote';
import { hireCountsSql } from './sources/read-counts';
import { trainingCostsSql } from './sources/training-counts';
import { isSuppressed, SUPPRESSED, type OrSuppressed } from './suppression';
import { DEFAULT_UPSKILLING_ASSUMPTIONS, readUpskilling, type UpskillingAssumptions, type UpskillingResults } from './upskilling';
import { upskillingSql } from './upskilling-sql';

export const RESULTS_SCHEMA = 'ler-outcomes/results@1';

/** What the figures describe: the bundled synthetic sample, or data the user loaded (rows or contributions). */
export type DataLabel = 'synthetic sample' | 'employer data';

/** The results@1 file (DESIGN §5): each block is a metric reader's typed figures, suppressed there. */
export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  data: DataLabel;
  as_of: string;
  filters: Filters;
  suppression_k: number;
  counts: { employers: number; hires: number; enrollments: number; rejected_rows: number };
  time_to_fill: Distributions;
  time_to_hire: Distributions;
  cost_per_hire: Record<Group, OrSuppressed<number>>;
  retention: Survivals & { logrank: LogRank };
  /** `subgroups` is null only where results are computed for a view that does not read them (see computeResults). */
  pilot_did: PilotDid & { ler_share_post: number | null; subgroups: Subgroups | null };
  /** The pilot DiD with the share of hires retained past day 365 as its outcome (DESIGN §4b). */
  pilot_did_retention: PilotDid & { ler_share_post: number | null };
  retention_adjusted: RetentionAdjusted;
  /** What effect a pilot of the data's own design could detect, on time-to-fill and on first-year retention (DESIGN §8). */
  pilot_design: PilotDesign;
  pilot_design_retention: PilotDesign;
  upskilling: UpskillingResults;
  sources: Sources;
}

/** The largest absolute difference of each headline figure computed from a contribution's rows and from its file (null: not computable on one side). */
export interface Certificate {
  median_time_to_fill: { ler: number | null; non_ler: number | null };
  retention_365: { ler: number | null; non_ler: number | null };
  pilot_att: number | null;
  pilot_att_retention: number | null;
  retention_adjusted: number | null;
  roi_pct: number | null;
}

/** What the figures were computed from: the loaded rows, and each pooled contribution (DESIGN §5). */
export interface Sources {
  rows: { employers: number; hires: number } | null;
  contributions: {
    id: string;
    employers: number;
    as_of: string;
    k: number;
    withheld_persons: number;
    certificate: Certificate;
  }[];
}

/** SQL for the sources block: the rows' totals, and the pooled contributions the settings read. */
export function sourcesSql(settings: MetricSettings): { rows: string; contributions: string } {
  const scope = scopeOf(settings);
  const which =
    typeof scope.contributions === 'string'
      ? `WHERE contribution_id = ${str(scope.contributions)}`
      : scope.contributions
        ? `WHERE contribution_id <> ${str(DRAFT_ID)}`
        : 'WHERE false';
  return {
    rows: `SELECT (SELECT count(*) FROM employers) AS employers, (SELECT count(*) FROM hires) AS hires`,
    contributions: `SELECT contribution_id, employers, as_of, k, withheld_persons, certificate FROM ${POOL.contributions} ${which} ORDER BY contribution_id`,
  };
}

function readSources(settings: MetricSettings, [rows]: Row[], contributions: Row[]): Sources {
  return {
    rows: scopeOf(settings).rows ? { employers: num(rows, 'employers'), hires: num(rows, 'hires') } : null,
    contributions: contributions.map((c) => ({
      id: text(c, 'contribution_id'),
      employers: num(c, 'employers'),
      as_of: text(c, 'as_of'),
      k: num(c, 'k'),
      withheld_persons: num(c, 'withheld_persons'),
      certificate: JSON.parse(text(c, 'certificate')) as Certificate,
    })),
  };
}

/** Runs one SQL statement and returns plain rows; the app passes its cached runner, the CLI the engine. */
export type SqlRunner = (sql: string) => Promise<Row[]>;

/** SQL for the counts block: employers passing the employer filters, hires with an offer by the as-of date, enrollments started by it, rejected rows. */
export function countsSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT
      (SELECT count(*) FROM (${employersSql(filters, settings)})) AS employers,
      (SELECT hires FROM (${hireCountsSql('hires', filters, settings, [])})) AS hires,
      (SELECT coalesce(sum(enrollments), 0) FROM (${trainingCostsSql(filters, settings, 'all')}) WHERE dim = 'all') AS enrollments,
      (SELECT count(*) FROM (SELECT DISTINCT file, line FROM ${REJECTIONS_TABLE})) AS rejected_rows,
      (SELECT max(data_id) FROM ${DATA_ID_TABLE}) AS data_id`;
}

/**
 * Every metric of DESIGN §4 for one filter state, assembled as the results@1 file (§5). A file always
 * has the subgroup ATTs; views that do not show them (the business case, the pilot brief, a certificate)
 * leave out their one DiD per industry, size band and region with `subgroups: false`.
 */
export async function computeResults(
  run: SqlRunner,
  filters: Filters,
  settings: MetricSettings,
  assumptions: UpskillingAssumptions = DEFAULT_UPSKILLING_ASSUMPTIONS,
  { subgroups: withSubgroups = true }: { subgroups?: boolean } = {},
): Promise<ResultsFile> {
  const sources = sourcesSql(settings);
  const subgroups = async (): Promise<Subgroups | null> => {
    if (!withSubgroups) return null;
    const values = readSubgroupValues(await run(subgroupValuesSql(filters, settings)));
    const sql = subgroupDidSql(filters, settings, values);
    return readSubgroups(sql === null ? [] : await run(sql), values);
  };
  const [
    [counts],
    ttf,
    tth,
    cph,
    retention,
    logrank,
    did,
    [share],
    subgroupAtts,
    retentionDid,
    [retentionShare],
    adjusted,
    designPanel,
    retentionDesignPanel,
    upskill,
    sourceRows,
    contributions,
  ] = await Promise.all([
    run(countsSql(filters, settings)),
    run(distributionSql(filters, settings, 'time_to_fill')),
    run(distributionSql(filters, settings, 'time_to_hire')),
    run(costPerHireSql(filters, settings)),
    run(retentionSql(filters, settings)),
    run(retentionLogRankSql(filters, settings)),
    run(pilotDidSql(filters, settings)),
    run(lerSharePostSql(filters, settings)),
    subgroups(),
    run(pilotDidSql(filters, settings, 'retained_365')),
    run(lerSharePostSql(filters, settings, 'retained_365')),
    run(retentionAdjustedSql(filters, settings)),
    run(pilotPanelSql(filters, settings, 'time_to_fill_days')),
    run(pilotPanelSql(filters, settings, 'retained_365')),
    run(upskillingSql(filters, settings)),
    run(sources.rows),
    run(sources.contributions),
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
    data: counts?.data_id === SAMPLE_DATA_ID ? 'synthetic sample' : 'employer data',
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
    pilot_did: { ...readPilotDid(did, k), ler_share_post: numOrNull(share, 'ler_share_post'), subgroups: subgroupAtts },
    pilot_did_retention: {
      ...readPilotDid(retentionDid, k, 'retained_365'),
      ler_share_post: numOrNull(retentionShare, 'ler_share_post'),
    },
    retention_adjusted: readRetentionAdjusted(adjusted, k),
    pilot_design: readPilotDesign(designPanel, 'time_to_fill_days'),
    pilot_design_retention: readPilotDesign(retentionDesignPanel, 'retained_365'),
    upskilling: readUpskilling(upskill, assumptions, k).results,
    sources: readSources(settings, sourceRows, contributions),
  };
}
