import { dateLiteral } from '../sql/quote';
import { quantilesFromCountsSql } from './aggregate-sql';
import { AGGREGATE_TABLES, aggregateWhere, readsAggregates } from './aggregates';
import { filteredHiresSql, type Filters } from './filters';
import type { MetricSettings } from './settings';

export type Duration = 'time_to_fill' | 'time_to_hire';

const START: Record<Duration, string> = { time_to_fill: 'requisition_opened_on', time_to_hire: 'applied_on' };

/**
 * Hires by group and whole days from the duration's start to offer_accepted_on, counting hires
 * whose offer was accepted by the as-of date (time-to-hire: only rows with applied_on).
 */
export function durationCountsSql(filters: Filters, settings: MetricSettings, duration: Duration): string {
  if (readsAggregates(filters, settings))
    return `SELECT grp, day, sum(c)::BIGINT AS c FROM ${duration === 'time_to_fill' ? AGGREGATE_TABLES.fill : AGGREGATE_TABLES.hire} ${aggregateWhere(filters)} GROUP BY ALL`;
  const start = START[duration];
  return `SELECT grp, offer_accepted_on - ${start} AS day, count(*) AS c
    FROM (${filteredHiresSql(filters)})
    WHERE offer_accepted_on <= ${dateLiteral(settings.asOf)} AND ${start} IS NOT NULL
    GROUP BY ALL`;
}

/** n, mean, variance, p25, median, p75 and p90 of a duration per group. */
export function distributionSql(filters: Filters, settings: MetricSettings, duration: Duration): string {
  const counts = durationCountsSql(filters, settings, duration);
  return `${quantilesFromCountsSql(counts, { p25: 0.25, median: 0.5, p75: 0.75, p90: 0.9 })} ORDER BY grp`;
}

/** Cost per hire per group: Σ hiring_cost / hires with a hiring_cost. */
export function costPerHireSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT grp, count(hiring_cost) AS n, sum(hiring_cost) / count(hiring_cost) AS cost_per_hire
    FROM (${filteredHiresSql(filters)})
    WHERE offer_accepted_on <= ${dateLiteral(settings.asOf)}
    GROUP BY grp ORDER BY grp`;
}

/** Time-to-fill n, mean and median per group and requisition quarter (label like 2023-Q2). */
export function timeToFillByQuarterSql(filters: Filters, settings: MetricSettings): string {
  // The label is built once per aggregated row, not per hire: strftime on every hire was most of this query's time.
  const byQuarter = readsAggregates(filters, settings)
    ? `SELECT grp, q, day, sum(c)::BIGINT AS c FROM ${AGGREGATE_TABLES.fillByQuarter} ${aggregateWhere(filters)} GROUP BY ALL`
    : `SELECT grp, date_trunc('quarter', requisition_opened_on) AS q, offer_accepted_on - requisition_opened_on AS day, count(*) AS c
          FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${dateLiteral(settings.asOf)} GROUP BY ALL`;
  const counts = `SELECT {'group': grp, 'quarter': strftime(q, '%Y') || '-Q' || quarter(q)} AS grp, day, c FROM (${byQuarter})`;
  return `SELECT grp."group" AS "group", grp.quarter AS quarter, n, mean, median
    FROM (${quantilesFromCountsSql(counts, { median: 0.5 })}) ORDER BY quarter, "group"`;
}

/** Time-to-fill n, mean and median per group and occupation. */
export function timeToFillByOccupationSql(filters: Filters, settings: MetricSettings): string {
  const byOccupation = readsAggregates(filters, settings)
    ? `SELECT grp, occupation, day, sum(c)::BIGINT AS c FROM ${AGGREGATE_TABLES.fill} ${aggregateWhere(filters)} GROUP BY ALL`
    : `SELECT grp, occupation, offer_accepted_on - requisition_opened_on AS day, count(*) AS c
          FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${dateLiteral(settings.asOf)} GROUP BY ALL`;
  const counts = `SELECT {'group': grp, 'occupation': coalesce(occupation, '(not given)')} AS grp, day, c FROM (${byOccupation})`;
  return `SELECT grp."group" AS "group", grp.occupation AS occupation, n, mean, median
    FROM (${quantilesFromCountsSql(counts, { median: 0.5 })}) ORDER BY occupation, "group"`;
}

/** Hires per group and week-wide bin of a duration, for the distribution chart. */
export function durationHistogramSql(filters: Filters, settings: MetricSettings, duration: Duration, binDays = 7): string {
  return `SELECT grp, floor(day / ${binDays}) * ${binDays} AS bin, sum(c) AS hires
    FROM (${durationCountsSql(filters, settings, duration)}) GROUP BY ALL ORDER BY bin, grp`;
}

/** Share of hires without a bachelor's degree per group, among hires where has_degree is known. */
export function noDegreeShareSql(filters: Filters, settings: MetricSettings): string {
  if (readsAggregates(filters, settings))
    return `SELECT grp, sum(with_degree_known)::BIGINT AS n, sum(without_degree)::BIGINT AS without_degree
    FROM ${AGGREGATE_TABLES.hires} ${aggregateWhere(filters)} GROUP BY grp ORDER BY grp`;
  return `SELECT grp, count(has_degree) AS n, count(*) FILTER (WHERE NOT has_degree) AS without_degree
    FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${dateLiteral(settings.asOf)} GROUP BY grp ORDER BY grp`;
}
