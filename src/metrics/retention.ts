import type { Row } from '../engine/engine';
import { chiSquareUpperTail } from '../stats/intervals';
import { Z_975 } from '../stats/normal';
import { kmCurveSql, logRankSql, survivalAtSql } from './estimators';
import { GROUPS, type Filters, type Group } from './filters';
import { groupRow, num, numOrNull } from './read-row';
import type { MetricSettings } from './settings';
import { hireCountsSql } from './sources/read-counts';
import { isSuppressed, shownIf, SUPPRESSED, type OrSuppressed, type Suppressed } from './suppression';

export const RETENTION_LANDMARKS = [90, 180, 365] as const;

/** Which separations end a tenure: all, or only voluntary ones (the others are then censored at their date). */
export type SeparationKind = 'all' | 'voluntary';

/**
 * Hires by group and whole days of tenure: started_on to separated_on, right-censored at the as-of
 * date; hires starting after it are excluded, and a separation on the as-of date is observed.
 */
export function tenureByDaySql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  const prefix = kind === 'voluntary' ? 'voluntary_' : '';
  return `SELECT grp, day, ${prefix}events AS events, ${prefix}censored AS censored FROM (${hireCountsSql('tenure', filters, settings, ['grp'])})`;
}

/** Kaplan-Meier retention per group at 90, 180 and 365 days with intervals, events and median tenure. */
export function retentionSql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  return `${survivalAtSql(tenureByDaySql(filters, settings, kind), RETENTION_LANDMARKS)} ORDER BY grp`;
}

export interface SurvPoint {
  s: number | null;
  lo: number | null;
  hi: number | null;
  /** The number still at risk at t: its n. */
  at_risk: number;
}

export interface Surv {
  n: number;
  events: number;
  median_tenure_days: number | null;
  /** Each S(t), suppressed when fewer than k are at risk at t (none at risk: not estimated, s null). */
  km: Record<'90' | '180' | '365', OrSuppressed<SurvPoint>>;
}

export type Survivals = Record<Group, OrSuppressed<Surv>>;

/** Each group's survival summary, suppressed under k hires, and each S(t) under k at risk at t. */
export function readRetention(rows: readonly Row[], k: number): Survivals {
  const group = (grp: Group): OrSuppressed<Surv> => {
    const r = groupRow(rows, grp);
    const point = (t: number): OrSuppressed<SurvPoint> => {
      const atRisk = num(r, `at_risk_${t}`);
      const figures = () => ({ s: numOrNull(r, `s_${t}`), lo: numOrNull(r, `lo_${t}`), hi: numOrNull(r, `hi_${t}`), at_risk: atRisk });
      return atRisk === 0 ? figures() : shownIf(atRisk, k, figures);
    };
    const [t90, t180, t365] = RETENTION_LANDMARKS;
    return shownIf(num(r, 'n'), k, () => ({
      n: num(r, 'n'),
      events: num(r, 'events'),
      median_tenure_days: numOrNull(r, 'median_day'),
      km: { '90': point(t90), '180': point(t180), '365': point(t365) },
    }));
  };
  return { ler: group('ler'), non_ler: group('non_ler') };
}

/** A group's S(t) with the group's n, or null when the group or the estimate is suppressed or S(t) is not estimated. */
export function estimatedSurvival(group: OrSuppressed<Surv>, t: keyof Surv['km']): (SurvPoint & { s: number; n: number }) | null {
  if (isSuppressed(group)) return null;
  const point = group.km[t];
  return isSuppressed(point) || point.s === null ? null : { ...point, s: point.s, n: group.n };
}

/** The log-rank statistic's parts for LER against other hires. */
export function retentionLogRankSql(filters: Filters, settings: MetricSettings, kind: SeparationKind = 'all'): string {
  return logRankSql(tenureByDaySql(filters, settings, kind), 'ler');
}

export interface LogRank {
  chi2: number | null;
  p: number | null;
}

/** The log-rank chi-square (1 df) and its p-value; only when both groups are shown, as it would tell about a hidden one. */
export function readLogRank(rows: readonly Row[], survivals: Survivals): LogRank {
  const [row] = rows;
  const variance = numOrNull(row, 'variance');
  if (GROUPS.some((g) => isSuppressed(survivals[g])) || variance === null || variance <= 0) return { chi2: null, p: null };
  const chi2 = num(row, 'observed_minus_expected') ** 2 / variance;
  return { chi2, p: chiSquareUpperTail(chi2, 1) };
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

export type CurvePoint = {
  grp: Group;
  day: number;
  at_risk: number;
  events: number;
  s: number;
  lo: number | null;
  hi: number | null;
};

/** Numbers at risk at a day: shown, none (0 discloses no one), or fewer than k. */
export type AtRisk = { day: number; at_risk: number } | ({ day: number } & Suppressed);

export interface RetentionCurve {
  /** The curve's steps of each group with at least k hires, up to the last day with at least k at risk. */
  points: CurvePoint[];
  /** Groups under k hires, not drawn. */
  hidden: Group[];
  atRisk: Record<Group, AtRisk[]>;
}

/** The curves of the groups with at least k hires and the numbers at risk, each under k suppressed. */
export function readRetentionCurve(curveRows: readonly Row[], riskRows: readonly Row[], k: number): RetentionCurve {
  const atRisk = (g: Group): AtRisk[] =>
    riskRows
      .filter((r) => r.grp === g)
      .map((r) => {
        const n = num(r, 'at_risk');
        return n === 0 || n >= k ? { day: num(r, 'day'), at_risk: n } : { day: num(r, 'day'), ...SUPPRESSED };
      });
  const total = (g: Group) =>
    num(
      riskRows.find((r) => r.grp === g && num(r, 'day') === 0),
      'at_risk',
    );
  const shown = (g: Group) => total(g) >= k;
  const points = curveRows.flatMap((r) => {
    const grp = GROUPS.find((g) => g === r.grp);
    if (!grp || !shown(grp) || num(r, 'at_risk') < k) return [];
    return [
      {
        grp,
        day: num(r, 'day'),
        at_risk: num(r, 'at_risk'),
        events: num(r, 'events'),
        s: num(r, 's'),
        lo: numOrNull(r, 'lo'),
        hi: numOrNull(r, 'hi'),
      },
    ];
  });
  return { points, hidden: GROUPS.filter((g) => !shown(g)), atRisk: { ler: atRisk('ler'), non_ler: atRisk('non_ler') } };
}
