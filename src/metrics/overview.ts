import { dateLiteral } from '../sql/quote';
import { AGGREGATE_TABLES, aggregateWhere, readsAggregates } from './aggregates';
import { filteredEmployersSql, filteredHiresSql, filteredTrainingSql, type Filters } from './filters';
import { distributionSql } from './hiring';
import { retentionSql } from './retention';
import type { MetricSettings } from './settings';

export type Group = 'ler' | 'non_ler';

/** Enrollments started, completions and direct cost, as of the as-of date. */
export function trainingSummarySql(filters: Filters, settings: MetricSettings): string {
  const asOf = dateLiteral(settings.asOf);
  return `SELECT count(*) AS enrollments,
      count(*) FILTER (WHERE completed_on <= ${asOf}) AS completions,
      coalesce(sum(cost), 0) AS cost,
      count(DISTINCT person_id) AS people
    FROM (${filteredTrainingSql(filters)}) WHERE started_on <= ${asOf}`;
}

/** Employers that adopted LERs by the as-of date, and the share of hires verified through an LER. */
export function adoptionSql(filters: Filters, settings: MetricSettings): string {
  const asOf = dateLiteral(settings.asOf);
  // One pass over the hires for both counts: the two as separate subqueries scanned 1M hires twice.
  const hires = readsAggregates(filters, settings)
    ? `SELECT coalesce(sum(hires), 0)::BIGINT AS hires, coalesce(sum(hires) FILTER (WHERE grp = 'ler'), 0)::BIGINT AS ler_hires
        FROM ${AGGREGATE_TABLES.hires} ${aggregateWhere(filters)}`
    : `SELECT count(*) AS hires, count(*) FILTER (WHERE ler_verified) AS ler_hires FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${asOf}`;
  return `SELECT e.employers, e.adopted, h.hires, h.ler_hires
    FROM (SELECT count(*) AS employers, count(*) FILTER (WHERE ler_adopted_on <= ${asOf}) AS adopted FROM (${filteredEmployersSql(filters)})) e,
      (${hires}) h`;
}

/** The overview's four queries, for running and for "Show SQL". */
export function overviewSql(filters: Filters, settings: MetricSettings) {
  return {
    timeToFill: distributionSql(filters, settings, 'time_to_fill'),
    retention: retentionSql(filters, settings),
    training: trainingSummarySql(filters, settings),
    adoption: adoptionSql(filters, settings),
  };
}

/** A group's figure, or the fact that it is hidden because fewer than k people are in it. */
export type Cell<T> = ({ suppressed: false; n: number } & T) | { suppressed: true; n: null };

export interface Overview {
  asOf: string;
  k: number;
  timeToFillMedian: Record<Group, Cell<{ median: number }>>;
  /** S(365) is null when no one in the group was followed for a year. */
  retention365: Record<Group, Cell<{ s: number | null; lo: number | null; hi: number | null }>>;
  training: { enrollments: number; completions: number; cost: number; people: number };
  adoption: { employers: number; adopted: number; hires: number; lerHires: number };
}

type SqlRunner = (sql: string) => Promise<Record<string, unknown>[]>;

function cells<T extends object>(
  rows: Record<string, unknown>[],
  k: number,
  pick: (row: Record<string, unknown>) => T,
): Record<Group, Cell<T>> {
  const cell = (grp: Group): Cell<T> => {
    const row = rows.find((r) => r.grp === grp);
    const n = Number(row?.n ?? 0);
    return row && n >= k ? { suppressed: false, n, ...pick(row) } : { suppressed: true, n: null };
  };
  return { ler: cell('ler'), non_ler: cell('non_ler') };
}

const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Each overview figure from its own query's rows, with small-cell suppression: the page shows each as it arrives. */
export const readOverview = {
  timeToFillMedian: (rows: Record<string, unknown>[], k: number): Overview['timeToFillMedian'] =>
    cells(rows, k, (r) => ({ median: num(r.median) })),
  retention365: (rows: Record<string, unknown>[], k: number): Overview['retention365'] =>
    cells(rows, k, (r) => ({ s: numOrNull(r.s_365), lo: numOrNull(r.lo_365), hi: numOrNull(r.hi_365) })),
  training: ([row]: Record<string, unknown>[]): Overview['training'] => ({
    enrollments: num(row?.enrollments),
    completions: num(row?.completions),
    cost: num(row?.cost),
    people: num(row?.people),
  }),
  adoption: ([row]: Record<string, unknown>[]): Overview['adoption'] => ({
    employers: num(row?.employers),
    adopted: num(row?.adopted),
    hires: num(row?.hires),
    lerHires: num(row?.ler_hires),
  }),
};

/** Runs the overview's queries and applies small-cell suppression. */
export async function computeOverview(run: SqlRunner, settings: MetricSettings, filters: Filters = {}): Promise<Overview> {
  const sql = overviewSql(filters, settings);
  const [ttf, retention, training, adoption] = await Promise.all([
    run(sql.timeToFill),
    run(sql.retention),
    run(sql.training),
    run(sql.adoption),
  ]);
  return {
    asOf: settings.asOf,
    k: settings.k,
    timeToFillMedian: readOverview.timeToFillMedian(ttf, settings.k),
    retention365: readOverview.retention365(retention, settings.k),
    training: readOverview.training(training),
    adoption: readOverview.adoption(adoption),
  };
}
