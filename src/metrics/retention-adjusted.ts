import type { Row } from '../engine/engine';
import { chiSquareUpperTail } from '../stats/intervals';
import { Z_975 } from '../stats/normal';
import { kmCurveSql, logRankSql } from './estimators';
import { estimateOf, type Estimate } from './figures';
import type { Filters } from './filters';
import { num, numOrNull } from './read-row';
import type { LogRank } from './retention';
import type { MetricSettings } from './settings';
import { hireCountsSql } from './sources/read-counts';
import { shownIf, type OrSuppressed } from './suppression';

/** The one landmark the within-employer comparison reads: retention through the first year. */
const YEAR = 365;

/**
 * Hires followed a whole first year by stratum (employer × occupation × calendar year of started_on, an
 * empty occupation its own value), group and tenure day, as `(stratum, grp, day, events, censored)`: a
 * separation on days 0–365 is an event, a hire still employed after day 365 is censored at day 366.
 */
export function firstYearStrataSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT dense_rank() OVER (ORDER BY employer_id, occupation NULLS FIRST, y) AS stratum, grp, day,
      CASE WHEN day <= ${YEAR} THEN c ELSE 0 END AS events, CASE WHEN day > ${YEAR} THEN c ELSE 0 END AS censored
    FROM (SELECT employer_id, occupation, year(start_q) AS y, grp, day, sum(c) AS c
          FROM (${hireCountsSql('firstYear', filters, settings, ['employer_id', 'occupation', 'grp'])}) GROUP BY ALL)`;
}

/**
 * retention_adjusted (DESIGN §4b) from strata `(stratum, grp, day, events, censored)`: per stratum and
 * group Kaplan-Meier S(365) with plain-scale Greenwood variance S²·Σ d/(n(n−d)) (0 where S = 0), estimable
 * when someone is still at risk at day 365 or the curve has reached 0; strata with both groups are kept
 * when both are estimable, else dropped. The LER-hire-weighted difference, its standard error and the
 * stratified log-rank over the kept strata, whose follow-up ends at day 365 (the first year the estimate
 * reads: later tenure is censored there).
 */
export function retentionAdjustedFromStrataSql(strata: string): string {
  return `WITH strata_days AS MATERIALIZED (${strata}),
    curves AS (SELECT stratum, grp, any_value(total) AS n,
                 coalesce(arg_max(s, day) FILTER (WHERE day <= ${YEAR}), 1) AS s,
                 coalesce(arg_max(greenwood, day) FILTER (WHERE day <= ${YEAR}), 0) AS greenwood,
                 max(day) >= ${YEAR} OR min(s) = 0 AS estimable
               FROM (${kmCurveSql('SELECT * FROM strata_days', ['stratum', 'grp'])}) GROUP BY stratum, grp),
    pairs AS (SELECT l.stratum, l.n AS w, o.n AS n_other, l.s - o.s AS diff,
                l.s * l.s * l.greenwood + o.s * o.s * o.greenwood AS variance, l.estimable AND o.estimable AS kept
              FROM curves l JOIN curves o ON l.stratum = o.stratum AND l.grp = 'ler' AND o.grp = 'non_ler'),
    kept AS (SELECT * FROM pairs WHERE kept)
    SELECT (SELECT sum(w * diff) / sum(w) FROM kept) AS estimate,
      (SELECT sqrt(sum(w * w * variance)) / sum(w) FROM kept) AS se,
      (SELECT count(*) FROM kept) AS strata,
      (SELECT count(*) FROM pairs WHERE NOT kept) AS dropped_strata,
      (SELECT coalesce(sum(w), 0) FROM kept) AS ler_hires,
      (SELECT coalesce(sum(n_other), 0) FROM kept) AS non_ler_hires,
      l.*
    FROM (${logRankSql('SELECT * FROM strata_days WHERE stratum IN (SELECT stratum FROM kept)', 'ler', true)}) l`;
}

export function retentionAdjustedSql(filters: Filters, settings: MetricSettings): string {
  return retentionAdjustedFromStrataSql(firstYearStrataSql(filters, settings));
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
