import { Z_975 } from '../stats/normal';

/**
 * Estimates from whole-day aggregates (DESIGN §7): each takes a relation of counts by day per group,
 * so the same SQL serves rows pooled here and, later, aggregates pooled across employers.
 */

/**
 * Quantile by linear interpolation (R type 7, DuckDB quantile_cont) from a relation
 * `(grp, day, c)` of counts by whole day: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]).
 */
export function quantilesFromCountsSql(counts: string, probabilities: Record<string, number>): string {
  const entries = Object.entries(probabilities);
  const positions = entries.map(([name, p]) => `(sum(c) OVER (PARTITION BY grp) - 1) * ${p} AS h_${name}`);
  const cols = entries.map(([name]) => {
    const at = (j: string) => `min(day) FILTER (WHERE upto > ${j}(h_${name}))`;
    return `${at('floor')} + (any_value(h_${name}) - floor(any_value(h_${name}))) * (${at('ceil')} - ${at('floor')}) AS ${name}`;
  });
  return `SELECT grp, any_value(n) AS n, sum(day * c) / any_value(n) AS mean, ${cols.join(', ')}
    FROM (SELECT grp, day, c, sum(c) OVER (PARTITION BY grp ORDER BY day) AS upto, sum(c) OVER (PARTITION BY grp) AS n, ${positions.join(', ')}
          FROM (${counts}))
    GROUP BY grp`;
}

/**
 * Kaplan-Meier survival at `t` days with Greenwood's variance and the log-scale 95% interval
 * (R survival's default conf.type = "log"), from a relation `(grp, day, events, censored)`.
 * Events at day t count as having happened by t.
 */
export function survivalAtSql(byDay: string, t: number): string {
  return `SELECT grp, any_value(total) AS n, sum(events) FILTER (WHERE day <= ${t}) AS events_by_t,
      CASE WHEN bool_or(events = at_risk) FILTER (WHERE day <= ${t}) THEN 0
        ELSE exp(coalesce(sum(ln(CASE WHEN events < at_risk THEN 1 - events / at_risk ELSE 1 END)) FILTER (WHERE day <= ${t}), 0)) END AS s,
      CASE WHEN bool_or(events = at_risk) FILTER (WHERE day <= ${t}) THEN NULL
        ELSE coalesce(sum(CASE WHEN events < at_risk THEN events / (at_risk * (at_risk - events)) ELSE 0 END) FILTER (WHERE day <= ${t}), 0) END AS greenwood
    FROM (SELECT grp, day, events,
            sum(events + censored) OVER (PARTITION BY grp ORDER BY day DESC) AS at_risk,
            sum(events + censored) OVER (PARTITION BY grp) AS total
          FROM (${byDay}))
    GROUP BY grp`;
}

/** Wraps survivalAtSql with the interval: s·exp(±1.96·√V), the upper end capped at 1. */
export function survivalWithIntervalSql(byDay: string, t: number): string {
  return `SELECT grp, n, events_by_t, s,
      CASE WHEN s > 0 THEN s * exp(-${Z_975} * sqrt(greenwood)) END AS lo,
      CASE WHEN s > 0 THEN least(1, s * exp(${Z_975} * sqrt(greenwood))) END AS hi
    FROM (${survivalAtSql(byDay, t)})`;
}
