import type { Row } from '../engine/engine';
import { num, numOrNull, text } from './read-row';
import { Z_975 } from '../stats/normal';
import { roi } from './roi';
import { shownIf, SUPPRESSED, type OrSuppressed } from './suppression';

/** Editable inputs of the upskilling ROI; null means "use the default" (DESIGN §4). */
export interface UpskillingAssumptions {
  /** USD per credential issued as an LER. */
  lerCostPerCredential: number;
  /** USD saved when a promotion fills a role internally; null: mean hiring_cost of the filtered hires, else the SHRM benchmark. */
  internalFillSaving: number | null;
  /** Replacement cost of a separation as a share of mean wage_before (CAP 2012: median 21%). */
  replacementCostShare: number;
}

export const DEFAULT_UPSKILLING_ASSUMPTIONS: UpskillingAssumptions = {
  lerCostPerCredential: 0,
  internalFillSaving: null,
  replacementCostShare: 0.21,
};

/** SHRM, "The Real Costs of Recruitment": cost per hire "nearly $4,700". */
export const SHRM_COST_PER_HIRE = 4_700;

/** One subset's aggregates as upskillingSql (upskilling-sql.ts) returns them. */
export interface UpskillingAggregates {
  dim: string;
  key: string;
  enrollments: number;
  people: number;
  completions: number;
  direct_cost: number;
  time_cost: number;
  ler_credentials: number;
  promotions: number;
  completions_followed: number;
  promotions_followed: number;
  mean_wage_before: number | null;
  trainees: number;
  s_trainee: number | null;
  s_comparison: number | null;
  /** Plain-scale Greenwood variances of s_trainee and s_comparison. */
  var_trainee: number | null;
  var_comparison: number | null;
  mean_hiring_cost: number | null;
}

function aggregatesOf(r: Row): UpskillingAggregates {
  return {
    dim: text(r, 'dim'),
    key: text(r, 'key'),
    enrollments: num(r, 'enrollments'),
    people: num(r, 'people'),
    completions: num(r, 'completions'),
    direct_cost: num(r, 'direct_cost'),
    time_cost: num(r, 'time_cost'),
    ler_credentials: num(r, 'ler_credentials'),
    promotions: num(r, 'promotions'),
    completions_followed: num(r, 'completions_followed'),
    promotions_followed: num(r, 'promotions_followed'),
    mean_wage_before: numOrNull(r, 'mean_wage_before'),
    trainees: num(r, 'trainees'),
    s_trainee: numOrNull(r, 's_trainee'),
    s_comparison: numOrNull(r, 's_comparison'),
    var_trainee: numOrNull(r, 'var_trainee'),
    var_comparison: numOrNull(r, 'var_comparison'),
    mean_hiring_cost: numOrNull(r, 'mean_hiring_cost'),
  };
}

/** The Phillips-style first-year figures of one subset. */
export interface UpskillingFigures {
  enrollments: number;
  completions: number;
  trainees: number;
  cost: number;
  benefit: number;
  promotions: number;
  /** Completions followed a whole year (completed_on + 365 ≤ as-of), and the share of them promoted within it (DESIGN §4b). */
  completions_followed_365: number;
  promotion_rate_365: number | null;
  separations_avoided: number | null;
  roi_pct: number | null;
  bcr: number | null;
  payback_months: number | null;
  /** 95% intervals (DESIGN §4b): separations avoided is the one sampled quantity; null without a comparison group. */
  benefit_ci95: [number, number] | null;
  roi_pct_ci95: Bounds;
  bcr_ci95: Bounds;
  /** [12C/B_hi, 12C/B_lo], an end null where its benefit is not positive. */
  payback_months_ci95: Bounds;
}

/** An interval whose ends may not exist (payback where the benefit is not positive). */
export type Bounds = [number | null, number | null] | null;

/** The internal-fill saving in force, and where it came from. */
export function internalFillSaving(assumptions: UpskillingAssumptions, meanHiringCost: number | null): { value: number; source: string } {
  if (assumptions.internalFillSaving !== null) return { value: assumptions.internalFillSaving, source: 'assumed' };
  if (meanHiringCost !== null) return { value: meanHiringCost, source: 'measured: mean hiring_cost of the filtered hires' };
  return { value: SHRM_COST_PER_HIRE, source: 'benchmark: SHRM, The Real Costs of Recruitment (nearly $4,700 per hire)' };
}

/** Where a subset's costs and first-year benefits come from, in USD. */
export interface UpskillingBreakdown {
  directCost: number;
  timeCost: number;
  lerCredentialCost: number;
  promotionBenefit: number;
  retentionBenefit: number;
  separationsAvoided: number | null;
  replacementCost: number;
  /** Standard error of the retention benefit, trainees × replacement cost × √(V_t + V_c); null without a comparison group. */
  retentionBenefitSe: number | null;
}

/** Splits a subset's costs and benefits by source (DESIGN §4, Phillips-style, first year, fully loaded). */
export function upskillingBreakdown(row: UpskillingAggregates, assumptions: UpskillingAssumptions, saving: number): UpskillingBreakdown {
  const separationsAvoided = row.s_trainee !== null && row.s_comparison !== null ? row.trainees * (row.s_trainee - row.s_comparison) : null;
  const replacementCost = assumptions.replacementCostShare * (row.mean_wage_before ?? 0);
  return {
    directCost: row.direct_cost,
    timeCost: row.time_cost,
    lerCredentialCost: assumptions.lerCostPerCredential * row.ler_credentials,
    promotionBenefit: row.promotions * saving,
    retentionBenefit: (separationsAvoided ?? 0) * replacementCost,
    separationsAvoided,
    replacementCost,
    retentionBenefitSe:
      separationsAvoided !== null && row.var_trainee !== null && row.var_comparison !== null
        ? row.trainees * replacementCost * Math.sqrt(row.var_trainee + row.var_comparison)
        : null,
  };
}

/** Costs, benefits, ROI, benefit-cost ratio and payback from one subset's aggregates (DESIGN §4). */
export function upskillingFigures(row: UpskillingAggregates, assumptions: UpskillingAssumptions, saving: number): UpskillingFigures {
  const parts = upskillingBreakdown(row, assumptions, saving);
  const cost = parts.directCost + parts.timeCost + parts.lerCredentialCost;
  const benefit = parts.promotionBenefit + parts.retentionBenefit;
  const ratios = roi(benefit, cost);
  const se = parts.retentionBenefitSe;
  const [lo, hi] = se === null ? [null, null] : [roi(benefit - Z_975 * se, cost), roi(benefit + Z_975 * se, cost)];
  const bounds = (a: number | null | undefined, b: number | null | undefined): Bounds => (se === null ? null : [a ?? null, b ?? null]);
  return {
    enrollments: row.enrollments,
    completions: row.completions,
    trainees: row.trainees,
    cost,
    benefit,
    promotions: row.promotions,
    completions_followed_365: row.completions_followed,
    promotion_rate_365: row.completions_followed > 0 ? row.promotions_followed / row.completions_followed : null,
    separations_avoided: parts.separationsAvoided,
    roi_pct: ratios.roiPct,
    bcr: ratios.bcr,
    payback_months: ratios.paybackMonths,
    benefit_ci95: se === null ? null : [benefit - Z_975 * se, benefit + Z_975 * se],
    roi_pct_ci95: bounds(lo?.roiPct, hi?.roiPct),
    bcr_ci95: bounds(lo?.bcr, hi?.bcr),
    payback_months_ci95: bounds(hi?.paybackMonths, lo?.paybackMonths),
  };
}

export type ProgramFigures = { program: string } & OrSuppressed<UpskillingFigures>;

/** The upskilling block of results@1. */
export type UpskillingResults = OrSuppressed<UpskillingFigures> & {
  by_program: ProgramFigures[];
  by_credential_as_ler: Partial<Record<'true' | 'false', OrSuppressed<UpskillingFigures>>>;
  assumptions: {
    ler_cost_per_credential: number;
    internal_fill_saving: number;
    internal_fill_saving_source: string;
    replacement_cost_share: number;
  };
};

export interface Upskilling {
  results: UpskillingResults;
  /** Costs and benefits of all enrollments by source, for the waterfall. */
  breakdown: OrSuppressed<UpskillingBreakdown>;
}

/** Every subset's figures under the assumptions, each suppressed under k people. */
export function readUpskilling(rows: readonly Row[], assumptions: UpskillingAssumptions, k: number): Upskilling {
  const subsets = rows.map(aggregatesOf);
  const all = subsets.find((r) => r.dim === 'all');
  const saving = internalFillSaving(assumptions, all?.mean_hiring_cost ?? null);
  const figures = (r: UpskillingAggregates | undefined): OrSuppressed<UpskillingFigures> =>
    r ? shownIf(r.people, k, () => upskillingFigures(r, assumptions, saving.value)) : SUPPRESSED;
  const credential: UpskillingResults['by_credential_as_ler'] = {};
  for (const r of subsets.filter((a) => a.dim === 'credential_as_ler'))
    if (r.key === 'true' || r.key === 'false') credential[r.key] = figures(r);
  return {
    results: {
      ...figures(all),
      by_program: subsets.filter((r) => r.dim === 'program').map((r) => ({ program: r.key, ...figures(r) })),
      by_credential_as_ler: credential,
      assumptions: {
        ler_cost_per_credential: assumptions.lerCostPerCredential,
        internal_fill_saving: saving.value,
        internal_fill_saving_source: saving.source,
        replacement_cost_share: assumptions.replacementCostShare,
      },
    },
    breakdown: all ? shownIf(all.people, k, () => upskillingBreakdown(all, assumptions, saving.value)) : SUPPRESSED,
  };
}
