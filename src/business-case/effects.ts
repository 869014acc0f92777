import type { ResultsFile } from '../metrics/results';
import type { SurvPoint } from '../metrics/retention';
import { isSuppressed, type OrSuppressed } from '../metrics/suppression';
import type { UpskillingFigures } from '../metrics/upskilling';
import { Z_975 } from '../stats/normal';

/** One effect with its 95% interval, its n, and whether it was measured in the loaded data or assumed by the user. */
export interface Effect {
  estimate: number;
  low: number;
  high: number;
  n: number | null;
  provenance: 'measured' | 'assumed';
  source: string;
}

/**
 * The three effects: change in time-to-fill days per LER hire (negative = faster); difference in
 * 12-month retention probability, LER − non-LER (a proportion); difference in the share promoted
 * within a year, LER-credentialed − other training (a proportion).
 */
export type EffectKey = 'timeToFillDays' | 'retention12mPoints' | 'promotionRatePoints';
/** The effects a business case uses; null when the data cannot measure one and the user has not assumed it. */
export type BusinessCaseEffects = Record<EffectKey, Effect | null>;

export const EFFECT_KEYS: readonly EffectKey[] = ['timeToFillDays', 'retention12mPoints', 'promotionRatePoints'];

/** Labels and units of the effects, and which direction is good for the employer. */
export const EFFECT_SPECS: Record<EffectKey, { label: string; unit: string; higherIsBetter: boolean }> = {
  timeToFillDays: { label: 'Change in time-to-fill per LER hire', unit: 'days', higherIsBetter: false },
  retention12mPoints: { label: 'Difference in 12-month retention (LER − non-LER)', unit: 'proportion', higherIsBetter: true },
  promotionRatePoints: {
    label: 'Difference in promotion within a year (LER credential − other)',
    unit: 'proportion',
    higherIsBetter: true,
  },
};

const isShown = <T extends object>(group: OrSuppressed<T> | undefined): group is T => group !== undefined && !isSuppressed(group);

function measured(estimate: number, low: number, high: number, n: number, source: string): Effect {
  return { estimate, low: Math.min(low, high), high: Math.max(low, high), n, provenance: 'measured', source };
}

/**
 * The pilot DiD ATT on time-to-fill, with its bootstrap interval. The ATT averages over all hires of
 * adopting employers, not only LER hires, so using it per LER hire understates a speed-up rather than
 * scaling it up by an assumed LER share. n counts the employers (the bootstrap's clusters).
 */
export function timeToFillEffect(did: ResultsFile['pilot_did']): Effect | null {
  const { estimate, ci95 } = did.att;
  if (estimate === null || ci95 === null) return null;
  const n = did.treated_employers + did.control_employers;
  return measured(
    estimate,
    ci95[0],
    ci95[1],
    n,
    `measured: pilot difference-in-differences ATT on time-to-fill, 95% employer-cluster bootstrap interval, n = ${n} employers`,
  );
}

/**
 * Standard error of a Kaplan-Meier S from its 95% log-scale interval: S·exp(−z·σ) is the lower end,
 * so σ = ln(S / lo) / z is the SE of log S, and the delta method gives SE(S) ≈ S·σ. The lower end is
 * used because the upper one is capped at 1.
 */
export function survivalStandardError(point: SurvPoint): number | null {
  const { s, lo } = point;
  if (s === null || lo === null) return null;
  if (s <= 0) return 0;
  if (lo <= 0) return null;
  return s * (Math.log(s / lo) / Z_975);
}

/**
 * S_ler(365) − S_non_ler(365), with a normal-approximation 95% interval on the difference:
 * SE = √(SE_ler² + SE_non_ler²), each SE derived from its group's log-scale interval.
 */
export function retentionEffect(retention: ResultsFile['retention']): Effect | null {
  const { ler, non_ler: nonLer } = retention;
  if (!isShown(ler) || !isShown(nonLer)) return null;
  const [a, b] = [ler.km['365'], nonLer.km['365']];
  const [seA, seB] = [survivalStandardError(a), survivalStandardError(b)];
  if (a.s === null || b.s === null || seA === null || seB === null) return null;
  const estimate = a.s - b.s;
  const half = Z_975 * Math.hypot(seA, seB);
  return measured(
    estimate,
    estimate - half,
    estimate + half,
    ler.n + nonLer.n,
    `measured: Kaplan-Meier 12-month retention, LER (n = ${ler.n}) − non-LER (n = ${nonLer.n}); normal-approximation interval on the difference`,
  );
}

/** Share of completions promoted within a year, LER credential − other, with a Wald 95% interval on the difference of two proportions. */
export function promotionEffect(byCredential: ResultsFile['upskilling']['by_credential_as_ler']): Effect | null {
  const [ler, other] = [byCredential.true, byCredential.false];
  if (!isShown<UpskillingFigures>(ler) || !isShown<UpskillingFigures>(other)) return null;
  if (ler.completions <= 0 || other.completions <= 0) return null;
  const [p1, p0] = [ler.promotions / ler.completions, other.promotions / other.completions];
  const se = Math.sqrt((p1 * (1 - p1)) / ler.completions + (p0 * (1 - p0)) / other.completions);
  const estimate = p1 - p0;
  return measured(
    estimate,
    estimate - Z_975 * se,
    estimate + Z_975 * se,
    ler.completions + other.completions,
    `measured: promoted within a year of completion, LER credential (${ler.promotions}/${ler.completions}) − other (${other.promotions}/${other.completions}); Wald interval`,
  );
}

/** The three effects measured in a results file; an effect the data cannot give (suppressed or missing) is null. */
export function effectsFromResults(results: ResultsFile): BusinessCaseEffects {
  return {
    timeToFillDays: timeToFillEffect(results.pilot_did),
    retention12mPoints: retentionEffect(results.retention),
    promotionRatePoints: promotionEffect(results.upskilling.by_credential_as_ler),
  };
}

/**
 * The user's value in place of an effect, marked as an assumption. Without a range it is a point
 * (low = high = value): a user's figure has no sampling interval. A range is widened to contain the value.
 */
export function overrideEffect(effect: Effect | null, value: number, range?: { low: number; high: number }): Effect {
  const was = effect?.provenance === 'measured' ? `measured estimate ${effect.estimate}` : 'no measured estimate';
  const [low, high] = range ? [Math.min(range.low, range.high, value), Math.max(range.low, range.high, value)] : [value, value];
  return { estimate: value, low, high, n: null, provenance: 'assumed', source: `assumed: user override (${was})` };
}
