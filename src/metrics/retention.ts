import { dateLiteral } from '../sql/quote';
import { Z_975 } from '../stats/normal';
import { kmCurveSql, logRankSql, survivalAtSql } from './aggregate-sql';
import { AGGREGATE_TABLES, aggregateWhere, readsAggregates } from './aggregates';
import { filteredHiresSql, type Filters } from './filters';
import type { MetricSettings } from './settings';

export const RETENTION_LANDMARKS = [90, 180, 365] as const;

/** Which separations end a tenure: all, or only voluntary ones (the others are then censored at their date). */
export type SeparationKind = 'all' | 'voluntary';

/**
 * Hires by group and whole days of tenure: started_on to separated_on, right-censored at the as-of
 * date; hires starting after it are excluded, and a separation on the as-of date is observed.
 */
export function tenureByDaySql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  if (readsAggregates(filters, settings)) {
    const prefix = kind === 'voluntary' ? 'voluntary_' : '';
    return `SELECT grp, day, sum(${prefix}events)::BIGINT AS events, sum(${prefix}censored)::BIGINT AS censored
    FROM ${AGGREGATE_TABLES.tenure} ${aggregateWhere(filters)} GROUP BY ALL`;
  }
  const asOf = dateLiteral(settings.asOf);
  const event = `separated_on <= ${asOf}${kind === 'voluntary' ? ` AND separation_type = 'voluntary'` : ''}`;
  return `SELECT grp,
      CASE WHEN separated_on <= ${asOf} THEN separated_on - started_on ELSE ${asOf} - started_on END AS day,
      count(*) FILTER (WHERE ${event}) AS events,
      count(*) FILTER (WHERE NOT coalesce(${event}, false)) AS censored
    FROM (${filteredHiresSql(filters)}) WHERE started_on <= ${asOf} GROUP BY ALL`;
}

/** Kaplan-Meier retention per group at 90, 180 and 365 days with intervals, events and median tenure. */
export function retentionSql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  return `${survivalAtSql(tenureByDaySql(filters, settings, kind), RETENTION_LANDMARKS)} ORDER BY grp`;
}

/** The log-rank statistic's parts for LER against other hires. */
export function retentionLogRankSql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  return logRankSql(tenureByDaySql(filters, settings, kind), 'ler');
}

/** The Kaplan-Meier curve per group up to `maxDay`, with the log-scale 95% band, on days with an event. */
export function retentionCurveSql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all', maxDay = 1095): string {
  return `SELECT grp, day, at_risk, events, s,
      CASE WHEN s > 0 THEN s * exp(-${Z_975} * sqrt(greenwood)) END AS lo,
      CASE WHEN s > 0 THEN least(1, s * exp(${Z_975} * sqrt(greenwood))) END AS hi
    FROM (${kmCurveSql(tenureByDaySql(filters, settings, kind))}) WHERE events > 0 AND day <= ${maxDay} ORDER BY grp, day`;
}

/** Numbers still at risk (tenure at least t days) per group at each of `days`. */
export function atRiskSql(filters: Filters, settings: MetricSettings, days: readonly number[]): string {
  return `SELECT grp, t.t AS day, sum(events + censored) FILTER (WHERE b.day >= t.t) AS at_risk
    FROM (${tenureByDaySql(filters, settings)}) b, (SELECT unnest([${days.join(', ')}]) AS t) t
    GROUP BY grp, t.t ORDER BY grp, t.t`;
}
