import { dateLiteral } from '../sql/quote';
import { logRankSql, survivalAtSql } from './aggregate-sql';
import { filteredHiresSql, type Filters } from './filters';
import type { MetricSettings } from './settings';

export const RETENTION_LANDMARKS = [90, 180, 365] as const;

/**
 * Hires by group and whole days of tenure: started_on to separated_on, right-censored at the as-of
 * date; hires starting after it are excluded, and a separation on the as-of date is observed.
 */
export function tenureByDaySql(filters: Filters, settings: MetricSettings): string {
  const asOf = dateLiteral(settings.asOf);
  return `SELECT grp,
      CASE WHEN separated_on <= ${asOf} THEN separated_on - started_on ELSE ${asOf} - started_on END AS day,
      count(*) FILTER (WHERE separated_on <= ${asOf}) AS events,
      count(*) FILTER (WHERE separated_on IS NULL OR separated_on > ${asOf}) AS censored
    FROM (${filteredHiresSql(filters)}) WHERE started_on <= ${asOf} GROUP BY ALL`;
}

/** Kaplan-Meier retention per group at 90, 180 and 365 days with intervals, events and median tenure. */
export function retentionSql(filters: Filters, settings: MetricSettings): string {
  return `${survivalAtSql(tenureByDaySql(filters, settings), RETENTION_LANDMARKS)} ORDER BY grp`;
}

/** The log-rank statistic's parts for LER against other hires. */
export function retentionLogRankSql(filters: Filters, settings: MetricSettings): string {
  return logRankSql(tenureByDaySql(filters, settings), 'ler');
}
