import { dateLiteral } from '../sql/quote';
import { survivalAtSql } from './aggregate-sql';
import { AGGREGATE_TABLES, aggregateWhere, readsAggregates } from './aggregates';
import { filteredHiresSql, filteredTrainingSql, type Filters } from './filters';
import type { MetricSettings } from './settings';

/** Editable inputs of the upskilling ROI; null means "use the default" (DESIGN §4). */
export interface UpskillingAssumptions {
  /** USD per credential issued as an LER. */
  lerCostPerCredential: number;
  /** USD saved when a promotion fills a role internally; null: mean hiring_cost of the filtered hires, else the SHRM benchmark. */
  internalFillSaving: number | null;
  /** Replacement cost of a separation as a share of mean wage_before (CAP 2012: median 21%). */
  replacementCostShare: number;
}

export const DEFAULT_UPSKILLING_ASSUMPTIONS: UpskillingAssumptions = {
  lerCostPerCredential: 0,
  internalFillSaving: null,
  replacementCostShare: 0.21,
};

/** SHRM, "The Real Costs of Recruitment": cost per hire "nearly $4,700". */
export const SHRM_COST_PER_HIRE = 4_700;
export const HOURS_PER_WORK_YEAR = 2_080;
const ONE_YEAR = 365;

/**
 * Upskilling aggregates for every subset at once (all enrollments, each program, credential issued as
 * an LER or not): enrollments, completions, costs, promotions within a year of completion, trainees
 * linked to a hire, the landmark L, and Kaplan-Meier S(365) for trainees (clock from their first
 * enrollment in the subset) and for the comparison group (never-enrolled hires of the trainees'
 * employers still employed at tenure L, clock from started_on + L).
 *
 * The comparison group is counted by whole tenure day, pooled over employers that belong to the same
 * subsets (their "signature"), before it meets each subset's landmark: joining every hire to every
 * subset first made about 10 rows per hire and took most of the query's time at 1M hires. A hire
 * still employed at tenure L is one with tenure > L if it separated, or follow-up ≥ L if censored.
 *
 * Only S(365) is read from the curves, so every day past 365 is pooled into day 366: the numbers at
 * risk, events and Greenwood terms up to day 365 are the same sums in the same order, so S(365), its
 * "observed that long" test and n are unchanged, and the curves have a few hundred days, not thousands.
 */
export function upskillingSql(filters: Filters, settings: MetricSettings): string {
  const asOf = dateLiteral(settings.asOf);
  const tenureEnd = (alias: string) => `CASE WHEN ${alias}.separated_on <= ${asOf} THEN ${alias}.separated_on ELSE ${asOf} END`;
  return `WITH t AS (SELECT * FROM (${filteredTrainingSql(filters)}) WHERE started_on <= ${asOf}),
    sub AS (SELECT 'all' AS dim, '' AS key, * FROM t
            UNION ALL SELECT 'program', program, * FROM t
            UNION ALL SELECT 'credential_as_ler', credential_as_ler::VARCHAR, * FROM t WHERE credential_as_ler IS NOT NULL),
    costs AS (SELECT dim, key, count(*) AS enrollments, count(DISTINCT person_id) AS people,
                count(*) FILTER (WHERE completed_on <= ${asOf}) AS completions,
                sum(cost) AS direct_cost, coalesce(sum(hours * wage_before / ${HOURS_PER_WORK_YEAR}), 0) AS time_cost,
                count(*) FILTER (WHERE credential_as_ler) AS ler_credentials,
                count(*) FILTER (WHERE completed_on <= ${asOf} AND promoted_on <= ${asOf}
                                   AND promoted_on - completed_on BETWEEN 0 AND ${ONE_YEAR}) AS promotions,
                avg(wage_before) AS mean_wage_before
              FROM sub GROUP BY dim, key),
    ${linkedSql(settings)},
    landmark AS (SELECT dim, key, count(*) AS trainees, quantile_cont(first_start - hire_start, 0.5) AS l FROM linked GROUP BY dim, key),
    trainee_employers AS (SELECT DISTINCT dim, key, employer_id FROM linked),
    enrolled AS (SELECT DISTINCT person_id FROM training WHERE person_id IS NOT NULL),
    signatures AS (SELECT employer_id, dense_rank() OVER (ORDER BY subsets) AS sig
                  FROM (SELECT employer_id, list(dim || chr(31) || key ORDER BY dim, key) AS subsets FROM trainee_employers GROUP BY employer_id)),
    sig_subsets AS (SELECT DISTINCT s.sig, te.dim, te.key FROM signatures s JOIN trainee_employers te USING (employer_id)),
    comparison_tenures AS (${
      readsAggregates(filters, settings)
        ? `SELECT s.sig, h.tenure, h.event, sum(h.c)::BIGINT AS c
      FROM (SELECT * FROM ${AGGREGATE_TABLES.comparison} ${aggregateWhere(filters)}) h JOIN signatures s ON s.employer_id = h.employer_id
      GROUP BY ALL`
        : `SELECT s.sig, ${tenureEnd('h')} - h.started_on AS tenure, coalesce(h.separated_on <= ${asOf}, false) AS event, count(*) AS c
      FROM (${filteredHiresSql(filters)}) h JOIN signatures s ON s.employer_id = h.employer_id
      WHERE h.person_id IS NOT NULL AND h.person_id NOT IN (SELECT person_id FROM enrolled)
      GROUP BY ALL`
    }),
    subjects AS (
      SELECT {'dim': dim, 'key': key, 'side': 'trainee'} AS grp, ${tenureEnd('x')} - x.first_start AS day,
        coalesce(x.separated_on <= ${asOf}, false) AS event, 1 AS c
      FROM linked x
      UNION ALL
      SELECT {'dim': m.dim, 'key': m.key, 'side': 'comparison'}, ct.tenure - m.l, ct.event, ct.c
      FROM landmark m JOIN sig_subsets ss USING (dim, key) JOIN comparison_tenures ct ON ct.sig = ss.sig
      WHERE CASE WHEN ct.event THEN ct.tenure > m.l ELSE ct.tenure >= m.l END),
    by_day AS (SELECT grp, least(day, ${ONE_YEAR + 1}) AS day, coalesce(sum(c) FILTER (WHERE event), 0)::BIGINT AS events,
                 coalesce(sum(c) FILTER (WHERE NOT event), 0)::BIGINT AS censored FROM subjects GROUP BY ALL),
    surv AS (${survivalAtSql('SELECT * FROM by_day', [ONE_YEAR])})
    SELECT c.*, coalesce(m.trainees, 0) AS trainees, m.l AS landmark_days,
      st.s_${ONE_YEAR} AS s_trainee, sc.s_${ONE_YEAR} AS s_comparison, sc.n AS comparison_n,
      (SELECT avg(hiring_cost) FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${asOf}) AS mean_hiring_cost
    FROM costs c LEFT JOIN landmark m USING (dim, key)
      LEFT JOIN surv st ON st.grp.dim = c.dim AND st.grp.key = c.key AND st.grp.side = 'trainee'
      LEFT JOIN surv sc ON sc.grp.dim = c.dim AND sc.grp.key = c.key AND sc.grp.side = 'comparison'
    ORDER BY c.dim, c.key`;
}

/**
 * Each subset's trainees (the `linked` CTE): a person's first enrollment in the subset and their latest hire
 * started on or before it, unless it ended before. With the pre-aggregates the hire is looked up by person
 * and first day instead of joining every hire.
 */
function linkedSql(settings: MetricSettings): string {
  const firsts = `firsts AS (SELECT dim, key, person_id, min(started_on) AS first_start FROM sub WHERE person_id IS NOT NULL GROUP BY ALL)`;
  if (settings.aggregatesAsOf)
    return `${firsts},
    linked AS (SELECT f.dim, f.key, f.person_id, f.first_start, l.hire_start, l.separated_on, l.employer_id
               FROM firsts f JOIN ${AGGREGATE_TABLES.trainingHires} l ON l.person_id = f.person_id AND l.started_on = f.first_start
               WHERE l.separated_on IS NULL OR l.separated_on >= f.first_start)`;
  return `${firsts},
    linked AS (SELECT * FROM (
                 SELECT f.dim, f.key, f.person_id, f.first_start, h.started_on AS hire_start, h.separated_on, h.employer_id,
                   row_number() OVER (PARTITION BY f.dim, f.key, f.person_id ORDER BY h.started_on DESC, h.hire_id) AS pick
                 FROM firsts f JOIN hires h ON h.person_id = f.person_id AND h.started_on <= f.first_start)
               WHERE pick = 1 AND (separated_on IS NULL OR separated_on >= first_start))`;
}

/** One subset's aggregates as the SQL returns them. */
export interface UpskillingAggregates {
  dim: 'all' | 'program' | 'credential_as_ler';
  key: string;
  enrollments: number;
  people: number;
  completions: number;
  direct_cost: number;
  time_cost: number;
  ler_credentials: number;
  promotions: number;
  mean_wage_before: number | null;
  trainees: number;
  landmark_days: number | null;
  s_trainee: number | null;
  s_comparison: number | null;
  comparison_n: number | null;
  mean_hiring_cost: number | null;
}

/** The Phillips-style first-year figures of one subset. */
export interface UpskillingFigures {
  enrollments: number;
  completions: number;
  trainees: number;
  cost: number;
  benefit: number;
  promotions: number;
  separations_avoided: number | null;
  roi_pct: number | null;
  bcr: number | null;
  payback_months: number | null;
}

/** The internal-fill saving in force, and where it came from. */
export function internalFillSaving(assumptions: UpskillingAssumptions, meanHiringCost: number | null): { value: number; source: string } {
  if (assumptions.internalFillSaving !== null) return { value: assumptions.internalFillSaving, source: 'assumed' };
  if (meanHiringCost !== null) return { value: meanHiringCost, source: 'measured: mean hiring_cost of the filtered hires' };
  return { value: SHRM_COST_PER_HIRE, source: 'benchmark: SHRM, The Real Costs of Recruitment (nearly $4,700 per hire)' };
}

/** Where a subset's costs and first-year benefits come from, in USD. */
export interface UpskillingBreakdown {
  directCost: number;
  timeCost: number;
  lerCredentialCost: number;
  promotionBenefit: number;
  retentionBenefit: number;
  separationsAvoided: number | null;
  replacementCost: number;
}

/** Splits a subset's costs and benefits by source (DESIGN §4, Phillips-style, first year, fully loaded). */
export function upskillingBreakdown(row: UpskillingAggregates, assumptions: UpskillingAssumptions, saving: number): UpskillingBreakdown {
  const separationsAvoided = row.s_trainee !== null && row.s_comparison !== null ? row.trainees * (row.s_trainee - row.s_comparison) : null;
  const replacementCost = assumptions.replacementCostShare * (row.mean_wage_before ?? 0);
  return {
    directCost: row.direct_cost,
    timeCost: row.time_cost,
    lerCredentialCost: assumptions.lerCostPerCredential * row.ler_credentials,
    promotionBenefit: row.promotions * saving,
    retentionBenefit: (separationsAvoided ?? 0) * replacementCost,
    separationsAvoided,
    replacementCost,
  };
}

/** Costs, benefits, ROI, benefit-cost ratio and payback from one subset's aggregates (DESIGN §4). */
export function upskillingFigures(row: UpskillingAggregates, assumptions: UpskillingAssumptions, saving: number): UpskillingFigures {
  const parts = upskillingBreakdown(row, assumptions, saving);
  const cost = parts.directCost + parts.timeCost + parts.lerCredentialCost;
  const benefit = parts.promotionBenefit + parts.retentionBenefit;
  return {
    enrollments: row.enrollments,
    completions: row.completions,
    trainees: row.trainees,
    cost,
    benefit,
    promotions: row.promotions,
    separations_avoided: parts.separationsAvoided,
    roi_pct: cost > 0 ? finiteOrNull(((benefit - cost) / cost) * 100) : null,
    bcr: cost > 0 ? finiteOrNull(benefit / cost) : null,
    payback_months: benefit > 0 ? finiteOrNull((12 * cost) / benefit) : null,
  };
}

/** A ratio over a tiny positive amount (a cost of 1e-300 USD is valid input) can overflow: not computable, null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
