import { str } from '../sql/quote';
import { Z_975 } from '../stats/normal';

/**
 * Estimates from whole-day aggregates (DESIGN §7): each takes a relation of counts by day per group,
 * so the same SQL serves rows pooled here and, later, aggregates pooled across employers.
 */

/**
 * n, mean, sample variance and quantiles by linear interpolation (R type 7, DuckDB quantile_cont)
 * from a relation `(grp, day, c)` of counts by whole day: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]).
 */
export function quantilesFromCountsSql(counts: string, probabilities: Record<string, number>): string {
  const entries = Object.entries(probabilities);
  const positions = entries.map(([name, p]) => `(sum(c) OVER (PARTITION BY grp) - 1) * ${p} AS h_${name}`);
  const cols = entries.map(([name]) => {
    const at = (j: string) => `min(day) FILTER (WHERE upto > ${j}(h_${name}))`;
    return `${at('floor')} + (any_value(h_${name}) - floor(any_value(h_${name}))) * (${at('ceil')} - ${at('floor')}) AS ${name}`;
  });
  return `SELECT grp, any_value(n) AS n, sum(day * c) / any_value(n) AS mean,
      CASE WHEN any_value(n) > 1 THEN (sum(day * day * c) - sum(day * c) * sum(day * c) / any_value(n)) / (any_value(n) - 1) END AS variance,
      ${cols.join(', ')}
    FROM (SELECT grp, day::DOUBLE AS day, c, sum(c) OVER (PARTITION BY grp ORDER BY day) AS upto, sum(c) OVER (PARTITION BY grp) AS n, ${positions.join(', ')}
          FROM (${counts}))
    GROUP BY grp`;
}

/**
 * The Kaplan-Meier curve from a relation `(grp, day, events, censored)`: one row per group and day
 * with the number at risk, S(day) and Greenwood's sum Σ d/(n(n−d)). Events at a day happen before
 * censorings at the same day, as in R survival.
 */
export function kmCurveSql(byDay: string): string {
  return `SELECT grp, day, events, censored, at_risk, total,
      CASE WHEN sum((events >= at_risk)::INTEGER) OVER w > 0 THEN 0
        ELSE exp(sum(ln(CASE WHEN events < at_risk THEN 1 - events / at_risk ELSE 1 END)) OVER w) END AS s,
      CASE WHEN sum((events >= at_risk)::INTEGER) OVER w > 0 THEN NULL
        ELSE sum(CASE WHEN events < at_risk THEN events / (at_risk * (at_risk - events)) ELSE 0 END) OVER w END AS greenwood
    FROM (SELECT grp, day, events::DOUBLE AS events, censored::DOUBLE AS censored,
            sum(events + censored) OVER (PARTITION BY grp ORDER BY day DESC)::DOUBLE AS at_risk,
            sum(events + censored) OVER (PARTITION BY grp) AS total
          FROM (${byDay}))
    WINDOW w AS (PARTITION BY grp ORDER BY day)`;
}

/**
 * S(t) at each landmark with Greenwood's sum V = Σ d/(n(n−d)) up to t (`v_t`) and the log-scale 95%
 * interval s·exp(±z·√V), upper end capped at 1 (R survival's default conf.type = "log"); S(t) is null
 * past the group's last observed day; `at_risk_t` is the number still at risk at t. Also n, events, and the
 * median tenure (first day with S ≤ 0.5).
 */
export function survivalAtSql(byDay: string, landmarks: readonly number[]): string {
  // Past the last observed day nobody is at risk and S(t) is not estimated (R: summary(..., extend = FALSE)).
  const at = landmarks.map(
    (t) => `CASE WHEN max(day) >= ${t} THEN coalesce(arg_max(s, day) FILTER (WHERE day <= ${t}), 1) END AS s_${t},
      coalesce(arg_max(greenwood, day) FILTER (WHERE day <= ${t}), 0) AS v_${t},
      coalesce(sum(events + censored) FILTER (WHERE day >= ${t}), 0) AS at_risk_${t}`,
  );
  const interval = landmarks.map(
    (t) => `s_${t}, v_${t}, at_risk_${t},
      CASE WHEN s_${t} > 0 AND v_${t} IS NOT NULL THEN s_${t} * exp(-${Z_975} * sqrt(v_${t})) END AS lo_${t},
      CASE WHEN s_${t} > 0 AND v_${t} IS NOT NULL THEN least(1, s_${t} * exp(${Z_975} * sqrt(v_${t}))) END AS hi_${t}`,
  );
  return `SELECT grp, n, events, median_day, ${interval.join(',\n      ')}
    FROM (SELECT grp, any_value(total) AS n, sum(events) AS events,
            min(day) FILTER (WHERE s <= 0.5 AND events > 0) AS median_day, ${at.join(',\n        ')}
          FROM (${kmCurveSql(byDay)}) GROUP BY grp)`;
}

/**
 * The two-group log-rank test from `(stratum, grp, day, events, censored)` with groups `first` and any
 * other, per stratum: observed minus expected events of `first` and the hypergeometric variance, summed
 * over the stratum's event days. Summed over strata they give the stratified test (R: survdiff(... +
 * strata(s))).
 */
export function logRankTermsSql(byDay: string, first: string): string {
  return `WITH b AS (${byDay}),
    grid AS (SELECT g.stratum, g.grp, d.day, coalesce(b.events, 0) AS e, coalesce(b.censored, 0) AS c
             FROM (SELECT DISTINCT stratum, grp FROM b) g JOIN (SELECT DISTINCT stratum, day FROM b) d USING (stratum)
             LEFT JOIN b USING (stratum, grp, day)),
    risk AS (SELECT stratum, grp, day, e::DOUBLE AS e, sum(e + c) OVER (PARTITION BY stratum, grp ORDER BY day DESC)::DOUBLE AS n FROM grid),
    times AS (SELECT stratum, day, sum(e) FILTER (WHERE grp = ${str(first)}) AS d1, sum(n) FILTER (WHERE grp = ${str(first)}) AS n1, sum(e) AS d, sum(n) AS n
              FROM risk GROUP BY stratum, day HAVING sum(e) > 0)
    SELECT stratum, sum(d1 - d * n1 / n) AS observed_minus_expected,
      sum(CASE WHEN n > 1 THEN d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1) ELSE 0 END) AS variance
    FROM times GROUP BY stratum`;
}

/** The two-group log-rank test from `(grp, day, events, censored)`: observed minus expected events of `first` and the variance. */
export function logRankSql(byDay: string, first: string): string {
  return `SELECT sum(observed_minus_expected) AS observed_minus_expected, sum(variance) AS variance
    FROM (${logRankTermsSql(`SELECT 0 AS stratum, * FROM (${byDay})`, first)})`;
}
