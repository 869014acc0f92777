import type { Row } from '../engine/engine';
import { chiSquareUpperTail } from '../stats/intervals';
import { Z_975 } from '../stats/normal';
import { logRankTermsSql } from './estimators';
import { estimateOf, type Estimate } from './figures';
import type { Filters } from './filters';
import { num, numOrNull } from './read-row';
import type { LogRank } from './retention';
import type { MetricSettings } from './settings';
import { scopeOf } from './sources/pool';
import { hireCountsSql } from './sources/read-counts';
import { rollupFilters, type RollupSource } from './sources/rollups';
import { shownIf, type OrSuppressed } from './suppression';

/** The one landmark the within-employer comparison reads: retention through the first year. */
const YEAR = 365;

/** The columns a stratum is kept by, in the order its estimates are summed (so that every path sums alike). */
const STRATUM_ORDER = 'employer_id, occupation NULLS FIRST, y';

/**
 * Hires followed a whole first year by stratum (employer × occupation × calendar year of started_on, an
 * empty occupation its own value; `stratum` numbers them), group and tenure day, as `(employer_id,
 * occupation, y, stratum, grp, day, events, censored)`: a separation on days 0–365 is an event, a hire
 * still employed after day 365 is censored at day 366.
 */
export function firstYearStrataSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT employer_id, occupation, y, dense_rank() OVER (ORDER BY ${STRATUM_ORDER}) AS stratum, grp, day,
      CASE WHEN day <= ${YEAR} THEN c ELSE 0 END AS events, CASE WHEN day > ${YEAR} THEN c ELSE 0 END AS censored
    FROM (SELECT employer_id, occupation, year(start_q) AS y, grp, day, sum(c) AS c
          FROM (${hireCountsSql('firstYear', filters, settings, ['employer_id', 'occupation', 'grp'])}) GROUP BY ALL)`;
}

/**
 * Each stratum with both groups (DESIGN §4b retention_adjusted), from firstYearStrataSql's relation: per
 * group Kaplan-Meier S(365) with plain-scale Greenwood variance S²·Σ d/(n(n−d)) (0 where S = 0), estimable
 * when someone is still at risk at day 365 or the curve has reached 0; `kept` when both are, with its LER
 * hires `w`, other hires, the difference and its variance, and the stratum's log-rank terms over its first
 * year (follow-up ends at day 366, past every event a first year can hold).
 */
export function strataEstimatesSql(strata: string): string {
  // S(365) and Greenwood's sum as ordered aggregates over the days up to 365, not running window sums:
  // summed in one order, the same strata give the same bits whichever rows the engine read them with.
  const upTo365 = (expression: string, condition: string) =>
    `sum(${expression} ORDER BY day) FILTER (WHERE day <= ${YEAR} AND ${condition})`;
  return `WITH all_days AS MATERIALIZED (${strata}),
    strata_days AS MATERIALIZED (SELECT * FROM all_days
      WHERE stratum IN (SELECT stratum FROM all_days GROUP BY stratum HAVING count(DISTINCT grp) = 2)),
    risk AS (SELECT stratum, grp, employer_id, occupation, y, day, events::DOUBLE AS events, censored,
               sum(events + censored) OVER (PARTITION BY stratum, grp ORDER BY day DESC)::DOUBLE AS at_risk
             FROM strata_days),
    curves AS (SELECT stratum, grp, any_value(employer_id) AS employer_id, any_value(occupation) AS occupation, any_value(y) AS y,
                 sum(events + censored) AS n, coalesce(bool_or(events >= at_risk AND day <= ${YEAR}), false) AS ended,
                 CASE WHEN ended THEN 0 ELSE exp(coalesce(${upTo365('ln(CASE WHEN events < at_risk THEN 1 - events / at_risk ELSE 1 END)', 'events > 0')}, 0)) END AS s,
                 CASE WHEN ended THEN 0 ELSE coalesce(${upTo365('CASE WHEN events < at_risk THEN events / (at_risk * (at_risk - events)) ELSE 0 END', 'events > 0')}, 0) END AS greenwood,
                 max(day) >= ${YEAR} OR ended AS estimable
               FROM risk GROUP BY stratum, grp),
    pairs AS (SELECT l.stratum, l.employer_id, l.occupation, l.y, l.n AS w, o.n AS n_other, l.s - o.s AS diff,
                l.s * l.s * l.greenwood + o.s * o.s * o.greenwood AS variance, l.estimable AND o.estimable AS kept
              FROM curves l JOIN curves o ON l.stratum = o.stratum AND l.grp = 'ler' AND o.grp = 'non_ler')
    SELECT p.* EXCLUDE (stratum), t.observed_minus_expected, t.variance AS logrank_variance
    FROM pairs p LEFT JOIN (${logRankTermsSql('SELECT * FROM strata_days', 'ler')}) t USING (stratum)`;
}

/**
 * retention_adjusted from the strata's estimates: the LER-hire-weighted difference over the kept strata,
 * its standard error, the strata kept and dropped, their hires, and the stratified log-rank over them;
 * each sum in the strata's order.
 */
export function combineStrataSql(estimates: string): string {
  const kept = (expression: string) => `sum(${expression} ORDER BY ${STRATUM_ORDER}) FILTER (WHERE kept)`;
  return `SELECT ${kept('w * diff')} / ${kept('w')} AS estimate, sqrt(${kept('w * w * variance')}) / ${kept('w')} AS se,
      count(*) FILTER (WHERE kept) AS strata, count(*) FILTER (WHERE NOT kept) AS dropped_strata,
      coalesce(${kept('w')}, 0) AS ler_hires, coalesce(${kept('n_other')}, 0) AS non_ler_hires,
      ${kept('observed_minus_expected')} AS observed_minus_expected, ${kept('logrank_variance')} AS variance
    FROM (${estimates})`;
}

/** The built strata estimates of a source (rows, or every pooled contribution), for the latest as-of date. */
export const STRATA_TABLES: Record<RollupSource, string> = {
  rows: '__ler_agg_first_year_strata',
  pool: '__ler_pool_agg_first_year_strata',
};

/** The statement that builds a source's strata estimates, after the roll-ups it reads. */
export function buildStrataStatement(source: RollupSource, asOf: string): string {
  const settings: MetricSettings = {
    asOf,
    k: 1,
    aggregatesAsOf: asOf,
    sources: source === 'rows' ? { rows: true, contributions: false } : { rows: false, contributions: true },
  };
  return `CREATE OR REPLACE TABLE ${STRATA_TABLES[source]} AS ${strataEstimatesSql(firstYearStrataSql({}, settings))}`;
}

/**
 * retention_adjusted (DESIGN §4b). Every filter but a requisition period keeps or drops whole strata (each
 * is one employer's, one occupation's), so when one source is read and the strata estimates are built for
 * this as-of date, they are summed as built; otherwise computed from the first-year counts.
 */
export function retentionAdjustedSql(filters: Filters, settings: MetricSettings): string {
  const scope = scopeOf(settings);
  const source: RollupSource | null =
    scope.rows && !scope.contributions ? 'rows' : !scope.rows && scope.contributions === true ? 'pool' : null;
  const clauses =
    source && settings.aggregatesAsOf === settings.asOf ? rollupFilters(source, ['employer_id', 'occupation'], filters) : null;
  if (source && clauses)
    return combineStrataSql(`SELECT * FROM ${STRATA_TABLES[source]} ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}`);
  return combineStrataSql(strataEstimatesSql(firstYearStrataSql(filters, settings)));
}

export type RetentionAdjusted = OrSuppressed<
  Estimate & {
    /** Strata kept (both groups, both S(365) estimable) and dropped (one not estimable). */
    strata: number;
    dropped_strata: number;
    /** Hires of each group in the kept strata. */
    ler_hires: number;
    non_ler_hires: number;
    logrank: LogRank;
  }
>;

/** The within-employer comparison, suppressed when either group has fewer than k hires in the kept strata. */
export function readRetentionAdjusted(rows: readonly Row[], k: number): RetentionAdjusted {
  const [r] = rows;
  const [ler, other] = [num(r, 'ler_hires'), num(r, 'non_ler_hires')];
  return shownIf(Math.min(ler, other), k, () => {
    const [estimate, se, variance] = [numOrNull(r, 'estimate'), numOrNull(r, 'se'), numOrNull(r, 'variance')];
    const chi2 = variance !== null && variance > 0 ? num(r, 'observed_minus_expected') ** 2 / variance : null;
    return {
      ...estimateOf(
        estimate,
        estimate === null || se === null ? null : estimate - Z_975 * se,
        estimate === null || se === null ? null : estimate + Z_975 * se,
      ),
      strata: num(r, 'strata'),
      dropped_strata: num(r, 'dropped_strata'),
      ler_hires: ler,
      non_ler_hires: other,
      logrank: { chi2, p: chi2 === null ? null : chiSquareUpperTail(chi2, 1) },
    };
  });
}
