import type { Row } from '../engine/engine';
import type { Filters, Group } from './filters';
import { distributionSql, readDistributions } from './hiring';
import { num } from './read-row';
import { readRetention, retentionSql, type SurvPoint } from './retention';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { hireCountsSql } from './sources/read-counts';
import { trainingCostsSql } from './sources/training-counts';
import { isSuppressed, SUPPRESSED, type OrSuppressed } from './suppression';

/** Enrollments started, completions, direct cost and people, as of the as-of date. */
export function trainingSummarySql(filters: Filters, settings: MetricSettings): string {
  return `SELECT enrollments, completions, coalesce(direct_cost, 0) AS cost, people FROM (${trainingCostsSql(filters, settings, 'all')}) WHERE dim = 'all'`;
}

export interface TrainingSummary {
  enrollments: number;
  completions: number;
  cost: number;
  people: number;
}

/** The training summary; no row means no enrollments. */
export function readTrainingSummary([row]: readonly Row[]): TrainingSummary {
  return { enrollments: num(row, 'enrollments'), completions: num(row, 'completions'), cost: num(row, 'cost'), people: num(row, 'people') };
}

/** Employers, those that adopted LERs by the as-of date, hires and LER-verified hires. */
export function adoptionSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT e.employers, e.adopted, h.hires, h.ler_hires
    FROM (SELECT count(*) AS employers, count(*) FILTER (WHERE adopted) AS adopted FROM (${employersSql(filters, settings)})) e,
      (SELECT coalesce(sum(hires), 0)::BIGINT AS hires, coalesce(sum(hires) FILTER (WHERE grp = 'ler'), 0)::BIGINT AS ler_hires
       FROM (${hireCountsSql('hires', filters, settings, ['grp'])})) h`;
}

export interface Adoption {
  employers: number;
  adopted: number;
  hires: number;
  lerHires: number;
}

export function readAdoption([row]: readonly Row[]): Adoption {
  return { employers: num(row, 'employers'), adopted: num(row, 'adopted'), hires: num(row, 'hires'), lerHires: num(row, 'ler_hires') };
}

/** The overview's four queries, each read by its own reader (readDistributions, readRetention, readTrainingSummary, readAdoption). */
export function overviewSql(filters: Filters, settings: MetricSettings) {
  return {
    timeToFill: distributionSql(filters, settings, 'time_to_fill'),
    retention: retentionSql(filters, settings),
    training: trainingSummarySql(filters, settings),
    adoption: adoptionSql(filters, settings),
  };
}

/** The overview's figures: each a reader's, with small cells already suppressed. */
export interface Overview {
  asOf: string;
  k: number;
  timeToFillMedian: Record<Group, OrSuppressed<{ n: number; median: number }>>;
  /** S(365) is null when no one in the group was followed for a year. */
  retention365: Record<Group, OrSuppressed<{ n: number } & SurvPoint>>;
  training: TrainingSummary;
  adoption: Adoption;
}

const perGroup = <T extends object, U>(
  groups: Record<Group, OrSuppressed<T>>,
  pick: (figures: T) => U,
): Record<Group, OrSuppressed<U>> => ({
  ler: isSuppressed(groups.ler) ? SUPPRESSED : pick(groups.ler),
  non_ler: isSuppressed(groups.non_ler) ? SUPPRESSED : pick(groups.non_ler),
});

/** Each overview card's figures from its own query's rows, so the page shows each as it arrives. */
export const readOverview = {
  timeToFillMedian: (rows: readonly Row[], k: number): Overview['timeToFillMedian'] =>
    perGroup(readDistributions(rows, k), (d) => ({ n: d.n, median: d.median })),
  retention365: (rows: readonly Row[], k: number): Overview['retention365'] => {
    const groups = readRetention(rows, k);
    const at365 = (g: Group) => {
      const s = groups[g];
      return isSuppressed(s) || isSuppressed(s.km['365']) ? SUPPRESSED : { n: s.n, ...s.km['365'] };
    };
    return { ler: at365('ler'), non_ler: at365('non_ler') };
  },
  training: readTrainingSummary,
  adoption: readAdoption,
};

/** Runs the overview's four queries. */
export async function computeOverview(
  run: (sql: string) => Promise<Row[]>,
  settings: MetricSettings,
  filters: Filters = {},
): Promise<Overview> {
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
