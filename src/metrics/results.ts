import { REJECTIONS_TABLE } from '../ingest/load';
import { dateLiteral } from '../sql/quote';
import { chiSquareUpperTail, welchDifference } from '../stats/intervals';
import { pilotDidSql } from './did';
import { filteredEmployersSql, filteredHiresSql, filteredTrainingSql, type Filters } from './filters';
import { costPerHireSql, distributionSql, type Duration } from './hiring';
import { RETENTION_LANDMARKS, retentionLogRankSql, retentionSql } from './retention';
import type { MetricSettings } from './settings';
import {
  DEFAULT_UPSKILLING_ASSUMPTIONS,
  internalFillSaving,
  upskillingFigures,
  upskillingSql,
  type UpskillingAggregates,
  type UpskillingAssumptions,
  type UpskillingFigures,
} from './upskilling';

export const RESULTS_SCHEMA = 'ler-outcomes/results@1';

/** A group or cell hidden because it has fewer than k persons. */
export interface Suppressed {
  n: null;
  suppressed: true;
}
export type OrSuppressed<T> = T | Suppressed;

export interface Dist {
  n: number;
  mean: number;
  median: number;
  p25: number;
  p75: number;
  p90: number;
}
export interface Estimate {
  estimate: number | null;
  ci95: [number, number] | null;
}
export interface SurvPoint {
  s: number | null;
  lo: number | null;
  hi: number | null;
}
export interface Surv {
  n: number;
  events: number;
  median_tenure_days: number | null;
  km: Record<'90' | '180' | '365', SurvPoint>;
}
export interface EventTime {
  e: number;
  estimate: number;
  ci95: [number, number] | null;
  n: number;
}
export type ProgramFigures = { program: string } & OrSuppressed<UpskillingFigures>;

export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  as_of: string;
  filters: Filters;
  suppression_k: number;
  counts: { employers: number; hires: number; enrollments: number; rejected_rows: number };
  time_to_fill: { ler: OrSuppressed<Dist>; non_ler: OrSuppressed<Dist>; mean_diff: Estimate };
  time_to_hire: { ler: OrSuppressed<Dist>; non_ler: OrSuppressed<Dist>; mean_diff: Estimate };
  cost_per_hire: { ler: OrSuppressed<number>; non_ler: OrSuppressed<number> };
  retention: { ler: OrSuppressed<Surv>; non_ler: OrSuppressed<Surv>; logrank: { chi2: number | null; p: number | null } };
  pilot_did: {
    outcome: 'time_to_fill_days';
    att: Estimate;
    event_study: (EventTime | ({ e: number } & Suppressed))[];
    treated_employers: number;
    control_employers: number;
    dropped_cohorts: number;
  };
  upskilling: OrSuppressed<UpskillingFigures> & {
    by_program: ProgramFigures[];
    by_credential_as_ler: Partial<Record<'true' | 'false', OrSuppressed<UpskillingFigures>>>;
    assumptions: {
      ler_cost_per_credential: number;
      internal_fill_saving: number;
      internal_fill_saving_source: string;
      replacement_cost_share: number;
    };
  };
}

export type Row = Record<string, unknown>;
/** Runs one SQL statement and returns plain rows; the app passes its cached runner, the CLI the engine. */
export type SqlRunner = (sql: string) => Promise<Row[]>;

const SUPPRESSED: Suppressed = { n: null, suppressed: true };
const GROUPS = ['ler', 'non_ler'] as const;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const byGroup = (rows: Row[], grp: string) => rows.find((r) => r.grp === grp);

/** Both groups' distributions and the Welch difference, suppressed under k. */
export function distributions(rows: Row[], k: number): ResultsFile['time_to_fill'] {
  const dist = (grp: string): OrSuppressed<Dist> => {
    const r = byGroup(rows, grp);
    if (!r || num(r.n) < k) return SUPPRESSED;
    return { n: num(r.n), mean: num(r.mean), median: num(r.median), p25: num(r.p25), p75: num(r.p75), p90: num(r.p90) };
  };
  const [ler, nonLer] = [byGroup(rows, 'ler'), byGroup(rows, 'non_ler')];
  const open = ler && nonLer && num(ler.n) >= k && num(nonLer.n) >= k;
  const welch = open
    ? welchDifference(
        { n: num(ler.n), mean: num(ler.mean), variance: num(ler.variance ?? 0) },
        { n: num(nonLer.n), mean: num(nonLer.mean), variance: num(nonLer.variance ?? 0) },
      )
    : null;
  return { ler: dist('ler'), non_ler: dist('non_ler'), mean_diff: { estimate: welch?.estimate ?? null, ci95: welch?.ci95 ?? null } };
}

/** One group's survival summary from a survivalAtSql row, suppressed under k. */
export function survival(r: Row | undefined, k: number): OrSuppressed<Surv> {
  if (!r || num(r.n) < k) return SUPPRESSED;
  const point = (t: number): SurvPoint => ({ s: numOrNull(r[`s_${t}`]), lo: numOrNull(r[`lo_${t}`]), hi: numOrNull(r[`hi_${t}`]) });
  const [t90, t180, t365] = RETENTION_LANDMARKS;
  return {
    n: num(r.n),
    events: num(r.events),
    median_tenure_days: numOrNull(r.median_day),
    km: { '90': point(t90), '180': point(t180), '365': point(t365) },
  };
}

/** The pilot_did block from the pilotDidSql row, event-study cells suppressed under k hires. */
export function pilot(row: Row | undefined, k: number): ResultsFile['pilot_did'] {
  const events = (row?.event_study as Row[] | null) ?? [];
  const lo = numOrNull(row?.att_lo);
  const hi = numOrNull(row?.att_hi);
  return {
    outcome: 'time_to_fill_days',
    att: { estimate: numOrNull(row?.att), ci95: lo !== null && hi !== null ? [lo, hi] : null },
    event_study: events.map((ev) => {
      const e = num(ev.e);
      if (num(ev.n) < k) return { e, ...SUPPRESSED };
      const [elo, ehi] = [numOrNull(ev.lo), numOrNull(ev.hi)];
      return { e, estimate: num(ev.estimate), ci95: elo !== null && ehi !== null ? [elo, ehi] : null, n: num(ev.n) };
    }),
    treated_employers: num(row?.treated_employers ?? 0),
    control_employers: num(row?.control_employers ?? 0),
    dropped_cohorts: num(row?.dropped_cohorts ?? 0),
  };
}

/** The upskilling block from the upskillingSql rows, breakdowns suppressed under k people. */
export function upskilling(rows: Row[], assumptions: UpskillingAssumptions, k: number): ResultsFile['upskilling'] {
  const aggregates = rows as unknown as UpskillingAggregates[];
  const all = aggregates.find((r) => r.dim === 'all');
  const saving = internalFillSaving(assumptions, all?.mean_hiring_cost ?? null);
  const figures = (r: UpskillingAggregates | undefined): OrSuppressed<UpskillingFigures> =>
    r && r.people >= k ? upskillingFigures(r, assumptions, saving.value) : SUPPRESSED;
  const credential: ResultsFile['upskilling']['by_credential_as_ler'] = {};
  for (const r of aggregates.filter((a) => a.dim === 'credential_as_ler')) credential[r.key as 'true' | 'false'] = figures(r);
  return {
    ...figures(all),
    by_program: aggregates.filter((r) => r.dim === 'program').map((r) => ({ program: r.key, ...figures(r) })),
    by_credential_as_ler: credential,
    assumptions: {
      ler_cost_per_credential: assumptions.lerCostPerCredential,
      internal_fill_saving: saving.value,
      internal_fill_saving_source: saving.source,
      replacement_cost_share: assumptions.replacementCostShare,
    },
  };
}

/** The log-rank chi-square and its p-value from the logRankSql row. */
export function logRankTest(row: Row | undefined): { chi2: number | null; p: number | null } {
  const variance = numOrNull(row?.variance);
  if (variance === null || variance <= 0) return { chi2: null, p: null };
  const chi2 = num(row?.observed_minus_expected) ** 2 / variance;
  return { chi2, p: chiSquareUpperTail(chi2, 1) };
}

/** SQL for the counts block: employers passing the employer filters, hires with an offer by the as-of date, enrollments started by it, rejected rows. */
export function countsSql(filters: Filters, settings: MetricSettings): string {
  const asOf = dateLiteral(settings.asOf);
  return `SELECT
      (SELECT count(*) FROM (${filteredEmployersSql(filters)})) AS employers,
      (SELECT count(*) FROM (${filteredHiresSql(filters)}) WHERE offer_accepted_on <= ${asOf}) AS hires,
      (SELECT count(*) FROM (${filteredTrainingSql(filters)}) WHERE started_on <= ${asOf}) AS enrollments,
      (SELECT count(*) FROM (SELECT DISTINCT file, line FROM ${REJECTIONS_TABLE})) AS rejected_rows`;
}

/** Every metric of DESIGN §4 for one filter state, assembled as the results@1 file (§5). */
export async function computeResults(
  run: SqlRunner,
  filters: Filters,
  settings: MetricSettings,
  assumptions: UpskillingAssumptions = DEFAULT_UPSKILLING_ASSUMPTIONS,
): Promise<ResultsFile> {
  const [[counts], ttf, tth, cph, retention, [logrank], [did], upskill] = await Promise.all([
    run(countsSql(filters, settings)),
    run(distributionSql(filters, settings, 'time_to_fill' satisfies Duration)),
    run(distributionSql(filters, settings, 'time_to_hire')),
    run(costPerHireSql(filters, settings)),
    run(retentionSql(filters, settings)),
    run(retentionLogRankSql(filters, settings)),
    run(pilotDidSql(filters, settings)),
    run(upskillingSql(filters, settings)),
  ]);
  const k = settings.k;
  const survivals = { ler: survival(byGroup(retention, 'ler'), k), non_ler: survival(byGroup(retention, 'non_ler'), k) };
  const bothShown = GROUPS.every((g) => !('suppressed' in survivals[g]));
  const costPerHire = (grp: string): OrSuppressed<number> => {
    const r = byGroup(cph, grp);
    return r && num(r.n) >= k ? num(r.cost_per_hire) : SUPPRESSED;
  };
  return {
    schema: RESULTS_SCHEMA,
    as_of: settings.asOf,
    filters,
    suppression_k: k,
    counts: {
      employers: num(counts?.employers),
      hires: num(counts?.hires),
      enrollments: num(counts?.enrollments),
      rejected_rows: num(counts?.rejected_rows),
    },
    time_to_fill: distributions(ttf, k),
    time_to_hire: distributions(tth, k),
    cost_per_hire: { ler: costPerHire('ler'), non_ler: costPerHire('non_ler') },
    retention: { ...survivals, logrank: bothShown ? logRankTest(logrank) : { chi2: null, p: null } },
    pilot_did: pilot(did, k),
    upskilling: upskilling(upskill, assumptions, k),
  };
}
