import type { Row } from '../engine/engine';
import { welchDifference } from '../stats/intervals';
import { quantilesFromCountsSql } from './estimators';
import type { Estimate } from './figures';
import { GROUPS, type Filters, type Group } from './filters';
import { groupRow, num, text } from './read-row';
import type { MetricSettings } from './settings';
import type { HireKey, HireTable } from './sources/hire-counts';
import { hireCountsSql } from './sources/read-counts';
import { isSuppressed, shownIf, type OrSuppressed } from './suppression';

export type Duration = 'time_to_fill' | 'time_to_hire';

const COUNT_TABLE: Record<Duration, HireTable> = { time_to_fill: 'fill', time_to_hire: 'hire' };

/** Hires by `keys` (group by default) and whole days from the duration's start to offer_accepted_on. */
export function durationCountsSql(
  filters: Filters,
  settings: MetricSettings,
  duration: Duration,
  keys: readonly HireKey[] = ['grp'],
): string {
  return hireCountsSql(COUNT_TABLE[duration], filters, settings, keys);
}

/** n, mean, variance, p25, median, p75 and p90 of a duration per group. */
export function distributionSql(filters: Filters, settings: MetricSettings, duration: Duration): string {
  const counts = durationCountsSql(filters, settings, duration);
  return `${quantilesFromCountsSql(counts, { p25: 0.25, median: 0.5, p75: 0.75, p90: 0.9 })} ORDER BY grp`;
}

export interface Dist {
  n: number;
  mean: number;
  median: number;
  p25: number;
  p75: number;
  p90: number;
}

/** Both groups' distributions of a duration and the difference of means, LER − other. */
export interface Distributions {
  ler: OrSuppressed<Dist>;
  non_ler: OrSuppressed<Dist>;
  mean_diff: Estimate;
}

/** Both groups' distributions, suppressed under k hires, and the Welch difference when both are shown. */
export function readDistributions(rows: readonly Row[], k: number): Distributions {
  const dist = (grp: Group): OrSuppressed<Dist> => {
    const r = groupRow(rows, grp);
    return shownIf(num(r, 'n'), k, () => ({
      n: num(r, 'n'),
      mean: num(r, 'mean'),
      median: num(r, 'median'),
      p25: num(r, 'p25'),
      p75: num(r, 'p75'),
      p90: num(r, 'p90'),
    }));
  };
  const [ler, nonLer] = [dist('ler'), dist('non_ler')];
  const summary = (grp: Group) => {
    const r = groupRow(rows, grp);
    return { n: num(r, 'n'), mean: num(r, 'mean'), variance: num(r, 'variance') };
  };
  const welch = isSuppressed(ler) || isSuppressed(nonLer) ? null : welchDifference(summary('ler'), summary('non_ler'));
  return { ler, non_ler: nonLer, mean_diff: { estimate: welch?.estimate ?? null, ci95: welch?.ci95 ?? null } };
}

/** Cost per hire per group: Σ hiring_cost / hires with a hiring_cost. */
export function costPerHireSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT grp, with_cost AS n, cost_sum / nullif(with_cost, 0) AS cost_per_hire
    FROM (${hireCountsSql('hiringCosts', filters, settings, ['grp'])}) ORDER BY grp`;
}

export type CostPerHire = Record<Group, OrSuppressed<{ n: number; cost_per_hire: number }>>;

/** Cost per hire per group, suppressed under k hires with a hiring_cost. */
export function readCostPerHire(rows: readonly Row[], k: number): CostPerHire {
  const group = (grp: Group) => {
    const r = groupRow(rows, grp);
    return shownIf(num(r, 'n'), k, () => ({ n: num(r, 'n'), cost_per_hire: num(r, 'cost_per_hire') }));
  };
  return { ler: group('ler'), non_ler: group('non_ler') };
}

/** Share of hires without a bachelor's degree per group, among hires where has_degree is known. */
export function noDegreeShareSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT grp, with_degree_known AS n, without_degree FROM (${hireCountsSql('hires', filters, settings, ['grp'])}) ORDER BY grp`;
}

export type NoDegreeShare = Record<Group, OrSuppressed<{ n: number; share: number }>>;

/** The no-degree share per group, suppressed under k hires with has_degree known. */
export function readNoDegreeShare(rows: readonly Row[], k: number): NoDegreeShare {
  const group = (grp: Group) => {
    const r = groupRow(rows, grp);
    return shownIf(num(r, 'n'), k, () => ({ n: num(r, 'n'), share: num(r, 'without_degree') / num(r, 'n') }));
  };
  return { ler: group('ler'), non_ler: group('non_ler') };
}

/** Hires per group and week-wide bin of a duration, for the distribution chart. */
export function durationHistogramSql(filters: Filters, settings: MetricSettings, duration: Duration, binDays = 7): string {
  return `SELECT grp, floor(day / ${binDays}) * ${binDays} AS bin, sum(c) AS hires
    FROM (${durationCountsSql(filters, settings, duration)}) GROUP BY ALL ORDER BY bin, grp`;
}

export type HistogramBin = {
  grp: Group;
  bin: number;
  hires: number;
  /** The bin's share of its group's hires. */
  share: number;
};

/**
 * The bins of each group with at least k hires, as shares of the group; `hidden` lists the groups under k.
 * A bin under k hires is suppressed, and so are the group's next smallest bins until the suppressed hold
 * at least k together: the group's n is shown, so one suppressed bin alone could be worked out from it.
 */
export function readHistogram(
  rows: readonly Row[],
  k: number,
): { bins: HistogramBin[]; hidden: Group[]; suppressedBins: number; shown: { grp: Group; n: number }[] } {
  const groups = GROUPS.map((grp) => {
    const bins = rows.filter((r) => r.grp === grp).map((r) => ({ grp, bin: num(r, 'bin'), hires: num(r, 'hires'), share: 0 }));
    const total = bins.reduce((s, b) => s + b.hires, 0);
    return { grp, total, bins: bins.map((b) => ({ ...b, share: b.hires / total })) };
  });
  const shown = groups.filter((g) => g.total >= k);
  const kept = shown.map((g) => {
    const bySize = [...g.bins].sort((a, b) => a.hires - b.hires || a.bin - b.bin);
    let cut = 0;
    let withheld = 0;
    while (cut < bySize.length && ((bySize[cut]?.hires ?? k) < k || (withheld > 0 && withheld < k))) withheld += bySize[cut++]?.hires ?? 0;
    const suppressed = new Set(bySize.slice(0, cut));
    return g.bins.filter((b) => !suppressed.has(b));
  });
  const bins = kept.flat().sort((a, b) => a.bin - b.bin || GROUPS.indexOf(a.grp) - GROUPS.indexOf(b.grp));
  const suppressedBins = shown.reduce((s, g) => s + g.bins.length, 0) - bins.length;
  return {
    bins,
    hidden: groups.filter((g) => g.total < k).map((g) => g.grp),
    suppressedBins,
    shown: shown.map((g) => ({ grp: g.grp, n: g.total })),
  };
}

/** Time-to-fill n, mean and median per group and requisition quarter (label like 2023-Q2). */
export function timeToFillByQuarterSql(filters: Filters, settings: MetricSettings): string {
  // The label is built once per count, not per hire: strftime is dear, and there are far fewer counts.
  const counts = `SELECT {'group': grp, 'quarter': strftime(q, '%Y') || '-Q' || quarter(q)} AS grp, day, c
    FROM (${durationCountsSql(filters, settings, 'time_to_fill', ['grp', 'q'])})`;
  return `SELECT grp."group" AS "group", grp.quarter AS quarter, n, mean, median
    FROM (${quantilesFromCountsSql(counts, { median: 0.5 })}) ORDER BY quarter, "group"`;
}

/** Time-to-fill n, mean and median per group and occupation. */
export function timeToFillByOccupationSql(filters: Filters, settings: MetricSettings): string {
  const counts = `SELECT {'group': grp, 'occupation': coalesce(occupation, '(not given)')} AS grp, day, c
    FROM (${durationCountsSql(filters, settings, 'time_to_fill', ['grp', 'occupation'])})`;
  return `SELECT grp."group" AS "group", grp.occupation AS occupation, n, mean, median
    FROM (${quantilesFromCountsSql(counts, { median: 0.5 })}) ORDER BY occupation, "group"`;
}

/** One cell of a breakdown (a quarter or an occupation, and a group). */
export type BreakdownCell = { key: string; group: Group } & OrSuppressed<{ n: number; mean: number; median: number }>;

/** The cells of a breakdown by `by` (quarter or occupation), each suppressed under k hires. */
export function readBreakdown(rows: readonly Row[], by: 'quarter' | 'occupation', k: number): BreakdownCell[] {
  return rows.flatMap((r) => {
    const group = GROUPS.find((g) => g === r.group);
    if (!group) return [];
    const figures = shownIf(num(r, 'n'), k, () => ({ n: num(r, 'n'), mean: num(r, 'mean'), median: num(r, 'median') }));
    return [{ key: text(r, by), group, ...figures }];
  });
}
