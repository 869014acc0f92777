import type { ResultsFile } from '../metrics/results';
import { estimatedSurvival, type SurvPoint } from '../metrics/retention';
import { isSuppressed, type OrSuppressed } from '../metrics/suppression';
import type { UpskillingFigures } from '../metrics/upskilling';
import { Z_975 } from '../stats/normal';
import type { DesignStrength } from '../metrics/design-strength';

/** One effect with its 95% interval, its n, the strength of the design it comes from, and its source in words. */
export interface Effect {
  estimate: number;
  low: number;
  high: number;
  n: number | null;
  strength: DesignStrength;
  source: string;
}

/** The parts of a results file the effects are read from: the overview assembles them from its own queries. */
export type EffectSources = Pick<ResultsFile, 'pilot_did' | 'pilot_did_retention' | 'retention_adjusted' | 'upskilling'>;

/** Another pilot's results@1 file, loaded as evidence for the effects the loaded data cannot give. */
export interface Evidence {
  /** The file's name, as the user loaded it. */
  name: string;
  results: ResultsFile;
}

/**
 * The three effects: change in time-to-fill days per LER hire (negative = faster); difference in
 * 12-month retention probability, LER − non-LER (a proportion); difference in the share promoted
 * within a year, LER-credentialed − other training (a proportion).
 */
export type EffectKey = 'timeToFillDays' | 'retention12mPoints' | 'promotionRatePoints';
/** The effects a business case uses; null when no source gives one and the user has not assumed it. */
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

function effectOf(strength: DesignStrength, estimate: number, low: number, high: number, n: number | null, source: string): Effect {
  return { estimate, low: Math.min(low, high), high: Math.max(low, high), n, strength, source };
}

/** How a pilot DiD's outcome reads in a source line: its name and a figure in its unit. */
const DID_OUTCOMES = {
  timeToFill: { name: 'time-to-fill', figure: (x: number) => `${x.toFixed(1)} days` },
  retention: { name: '12-month retention', figure: (x: number) => `${(x * 100).toFixed(1)} points` },
} as const;

/**
 * A pilot DiD ATT as a change per LER hire (DESIGN §4b). The ATT is a change per hire at an adopting
 * employer whose hires were LER-verified at the pilot's share s_p (`ler_share_post`); under a linear dose
 * assumption a hire with an LER changes by ATT / s_p, and the business case applies that to the
 * employer's own LER hires (its share s), which is the ATT scaled by s / s_p over all its hires. Without
 * s_p (a file written before it existed) the ATT is used as it is, which understates the effect. n counts
 * the employers (the bootstrap's clusters).
 */
function didEffect(did: ResultsFile['pilot_did_retention'], outcome: keyof typeof DID_OUTCOMES): Effect | null {
  const { estimate, ci95 } = did.att;
  if (estimate === null || ci95 === null) return null;
  const { name, figure } = DID_OUTCOMES[outcome];
  const n = did.treated_employers + did.control_employers;
  const share = did.ler_share_post ?? null;
  const measured = `measured: pilot difference-in-differences ATT on ${name} ${figure(estimate)} (95% employer-cluster bootstrap interval ${figure(ci95[0])} to ${figure(ci95[1])}), n = ${n} employers`;
  if (share === null || share <= 0)
    return effectOf(
      'did',
      estimate,
      ci95[0],
      ci95[1],
      n,
      `${measured}; no LER share given, so taken per LER hire as it is (understates the effect)`,
    );
  return effectOf(
    'did',
    estimate / share,
    ci95[0] / share,
    ci95[1] / share,
    n,
    `${measured}, at the pilot's LER share of ${(share * 100).toFixed(1)}% of adopters' hires: ÷ ${share.toFixed(3)} per LER hire (linear dose assumption)`,
  );
}

export const timeToFillEffect = (did: ResultsFile['pilot_did']): Effect | null => didEffect(did, 'timeToFill');

/**
 * The loaded data's strongest retention effect per LER hire: the retention DiD's ATT (as didEffect), else
 * the within-employer comparison of LER and non-LER hires (retention_adjusted), n its hires. A file
 * written before either existed has neither.
 */
export function retentionMeasured(results: EffectSources): Effect | null {
  const did = results.pilot_did_retention as ResultsFile['pilot_did_retention'] | undefined;
  const fromDid = did ? didEffect(did, 'retention') : null;
  if (fromDid) return fromDid;
  const adjusted = results.retention_adjusted as ResultsFile['retention_adjusted'] | undefined;
  if (!isShown(adjusted) || adjusted.estimate === null || adjusted.ci95 === null) return null;
  const [lo, hi] = adjusted.ci95;
  const points = (x: number) => `${(x * 100).toFixed(1)}`;
  return effectOf(
    'within_employer',
    adjusted.estimate,
    lo,
    hi,
    adjusted.ler_hires + adjusted.non_ler_hires,
    `measured: within-employer comparison of 12-month retention, LER − non-LER hires of the same employer, occupation and start year, ${points(adjusted.estimate)} points (95% interval ${points(lo)} to ${points(hi)}), ${adjusted.strata} strata, n = ${adjusted.ler_hires} LER and ${adjusted.non_ler_hires} other hires`,
  );
}

/** Where another pilot's figures come from, in words: its file, as-of date and what it pooled. */
function evidenceSource(evidence: Evidence): string {
  const { results, name } = evidence;
  const pooled = results.sources.contributions.length;
  const over = pooled > 0 ? `pooled from ${pooled} contribution${pooled === 1 ? '' : 's'}, ` : '';
  const synthetic = results.data === 'synthetic sample' ? 'synthetic sample data, ' : '';
  return `${name} (${synthetic}results as of ${results.as_of}, ${over}${results.counts.employers} employers, ${results.counts.hires} hires)`;
}

/** Another pilot's measured effect as evidence: its estimate, interval and n as that pilot measured them, its source in front. */
function asEvidence(measured: Effect | null, evidence: Evidence): Effect | null {
  return (
    measured && {
      ...measured,
      strength: 'evidence',
      source: `evidence: ${evidenceSource(evidence)}: ${measured.source.replace(/^measured: /, '')}`,
    }
  );
}

/**
 * The published retention figure closest to an LER effect (research/evidence.md): at firms that hire
 * for skills, non-degree hires' retention is 10 points higher than their degree-holding colleagues'.
 * It is about skills-based hiring, not LERs, and not a causal estimate, so its range runs down to no effect.
 */
export const RETENTION_BENCHMARK: Effect = effectOf(
  'benchmark',
  0.1,
  0,
  0.1,
  null,
  'benchmark: Burning Glass Institute and Harvard Business School, "Skills-Based Hiring: The Long Road from Pronouncements to Practice" (2024): at firms that hire for skills, non-degree hires stay at a rate 10 points higher than degree holders; skills-based hiring, not LERs, so the range runs from 0 to 10 points',
);

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
  const [a, b] = [estimatedSurvival(retention.ler, '365'), estimatedSurvival(retention.non_ler, '365')];
  if (!a || !b) return null;
  const [seA, seB] = [survivalStandardError(a), survivalStandardError(b)];
  if (seA === null || seB === null) return null;
  const estimate = a.s - b.s;
  const half = Z_975 * Math.hypot(seA, seB);
  return effectOf(
    'descriptive',
    estimate,
    estimate - half,
    estimate + half,
    a.n + b.n,
    `measured: Kaplan-Meier 12-month retention, LER (n = ${a.n}) − non-LER (n = ${b.n}); normal-approximation interval on the difference`,
  );
}

/**
 * The promotion effect of DESIGN §4b: the share of completions promoted within 365 days, counted over
 * completions followed a whole year, LER credential − other, with a Wald 95% interval on the difference
 * of two proportions. A results file from before these counts existed gives none.
 */
export function promotionEffect(byCredential: ResultsFile['upskilling']['by_credential_as_ler']): Effect | null {
  const [ler, other] = [byCredential.true, byCredential.false];
  if (!isShown<UpskillingFigures>(ler) || !isShown<UpskillingFigures>(other)) return null;
  const [n1, n0] = [ler.completions_followed_365 ?? 0, other.completions_followed_365 ?? 0];
  const [p1, p0] = [ler.promotion_rate_365 ?? null, other.promotion_rate_365 ?? null];
  if (n1 <= 0 || n0 <= 0 || p1 === null || p0 === null) return null;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const estimate = p1 - p0;
  const share = (p: number, n: number) => `${(p * 100).toFixed(1)}% of ${n}`;
  return effectOf(
    'descriptive',
    estimate,
    estimate - Z_975 * se,
    estimate + Z_975 * se,
    n1 + n0,
    `measured: promoted within a year of completion, over completions followed a whole year, LER credential (${share(p1, n1)}) − other (${share(p0, n0)}); Wald interval`,
  );
}

/**
 * The effects a business case uses, each from the strongest source available (DESIGN §4b): the loaded
 * data's DiD, else its within-employer comparison (retention), else another pilot's results file (its
 * own strongest), else a published benchmark, else none (the user assumes one). The raw LER vs non-LER
 * retention difference is descriptive and never used by default. The promotion effect of §4b, a
 * difference between training whose credential is an LER and other training, is the data's only
 * estimate of it: used, and labelled descriptive.
 */
export function effectsFromResults(results: EffectSources, evidence: Evidence | null = null): BusinessCaseEffects {
  const elsewhere = (measure: (r: EffectSources) => Effect | null) => (evidence ? asEvidence(measure(evidence.results), evidence) : null);
  return {
    timeToFillDays: timeToFillEffect(results.pilot_did) ?? elsewhere((r) => timeToFillEffect(r.pilot_did)),
    retention12mPoints: retentionMeasured(results) ?? elsewhere(retentionMeasured) ?? RETENTION_BENCHMARK,
    promotionRatePoints:
      promotionEffect(results.upskilling.by_credential_as_ler) ?? elsewhere((r) => promotionEffect(r.upskilling.by_credential_as_ler)),
  };
}

/** The raw comparisons of the loaded data that the case shows for reference and does not use. */
export function descriptiveEffects(results: ResultsFile): Partial<BusinessCaseEffects> {
  return { retention12mPoints: retentionEffect(results.retention) };
}

/**
 * The user's value in place of an effect, marked as an assumption. Without a range it is a point
 * (low = high = value): a user's figure has no sampling interval. A range is widened to contain the value.
 */
export function overrideEffect(effect: Effect | null, value: number, range?: { low: number; high: number }): Effect {
  const was = effect && effect.strength !== 'assumed' ? `${effect.strength} estimate ${effect.estimate}` : 'no estimate';
  const [low, high] = range ? [Math.min(range.low, range.high, value), Math.max(range.low, range.high, value)] : [value, value];
  return { estimate: value, low, high, n: null, strength: 'assumed', source: `assumed: user override (${was})` };
}
