import { roi, type Roi } from '../metrics/roi';
import { EFFECT_KEYS, EFFECT_SPECS, type BusinessCaseEffects, type Effect, type EffectKey } from './effects';
import { INPUT_SPECS, type BusinessCaseInputs, type InputKey, type InputSpec } from './inputs';

/** Which interval end every effect takes: low = least favourable, high = most favourable. */
export type Scenario = 'low' | 'expected' | 'high';
export const SCENARIOS: readonly Scenario[] = ['low', 'expected', 'high'];

/** Totals and the ratios the ROI Institute defines on them. */
export interface RoiFigures extends Roi {
  benefit: number;
  cost: number;
  net: number;
}

/** One scenario's annual business case. */
export interface BusinessCase extends RoiFigures {
  scenario: Scenario;
  /** External hires a year arriving with an LER. */
  lerHires: number;
  /** Trainees a year whose credential is issued as an LER. */
  lerCredentialsIssued: number;
  /** The effect values used; null when the effect is unavailable (it then adds no value). */
  effects: Record<EffectKey, number | null>;
  /** Effects cut back to what the baseline allows (no more days saved than the vacancy lasts, no more leavers kept than leave). */
  capped: EffectKey[];
  /** Vacancy days saved, separations avoided and extra promotions a year. */
  units: { vacancyDaysSaved: number; separationsAvoided: number; promotionsGained: number };
  /** Annual value by source, USD. */
  value: { vacancyDays: number; turnoverAvoided: number; internalPromotions: number };
  /** Annual cost by item, USD. */
  costs: { platform: number; credentials: number; verification: number; training: number };
}

const pct = (x: number) => x / 100;
const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/** Net value, ROI %, BCR and payback from total annual benefit and cost: the same formulas as the Upskilling page. */
export function roiFromTotals(benefit: number, cost: number): RoiFigures {
  return { benefit, cost, net: benefit - cost, ...roi(benefit, cost) };
}

/** The value an effect takes in a scenario; for time-to-fill the favourable end is the more negative one. */
export function effectValue(key: EffectKey, effect: Effect | null, scenario: Scenario): number | null {
  if (effect === null) return null;
  if (scenario === 'expected') return effect.estimate;
  const [unfavourable, favourable] = EFFECT_SPECS[key].higherIsBetter ? [effect.low, effect.high] : [effect.high, effect.low];
  return scenario === 'high' ? favourable : unfavourable;
}

/** Per-LER-hire gains, capped by the employer's baseline: a vacancy cannot close before it opens, and only people who would leave can be kept. */
function perHireGains(inputs: BusinessCaseInputs, ttf: number | null, retention: number | null) {
  const daysSaved = ttf === null ? 0 : -ttf;
  const kept = retention ?? 0;
  const maxKept = pct(inputs.annualTurnoverPct);
  const capped: EffectKey[] = [];
  if (daysSaved > inputs.currentTimeToFillDays) capped.push('timeToFillDays');
  if (kept > maxKept) capped.push('retention12mPoints');
  return { daysSaved: Math.min(daysSaved, inputs.currentTimeToFillDays), kept: Math.min(kept, maxKept), capped };
}

/**
 * Promotions come from trainees whose credential is issued as an LER, because the measured effect
 * compares LER-credentialed with other training; each extra promotion fills a role that would
 * otherwise need an external hire. Training cost counts only as far as it is new spend, since the
 * comparison holds the training itself fixed.
 */
function lerCredentialsIssued(inputs: BusinessCaseInputs): number {
  return inputs.employeesTrainedPerYear * pct(inputs.trainedLerSharePct);
}

/** The annual value, cost, net value, ROI %, BCR and payback of LER adoption for one scenario. */
export function calculateBusinessCase(inputs: BusinessCaseInputs, effects: BusinessCaseEffects, scenario: Scenario): BusinessCase {
  const used = {
    timeToFillDays: effectValue('timeToFillDays', effects.timeToFillDays, scenario),
    retention12mPoints: effectValue('retention12mPoints', effects.retention12mPoints, scenario),
    promotionRatePoints: effectValue('promotionRatePoints', effects.promotionRatePoints, scenario),
  };
  const lerHires = inputs.annualHires * pct(inputs.lerHireSharePct);
  const credentialsIssued = lerCredentialsIssued(inputs);
  const gains = perHireGains(inputs, used.timeToFillDays, used.retention12mPoints);
  const units = {
    vacancyDaysSaved: lerHires * gains.daysSaved,
    separationsAvoided: lerHires * gains.kept,
    promotionsGained: credentialsIssued * (used.promotionRatePoints ?? 0),
  };
  const value = {
    vacancyDays: units.vacancyDaysSaved * inputs.dailyVacancyCost,
    turnoverAvoided: units.separationsAvoided * inputs.annualSalary * pct(inputs.replacementCostPct),
    internalPromotions: units.promotionsGained * inputs.internalFillSaving,
  };
  const costs = {
    platform: inputs.platformFeeAnnual,
    credentials: inputs.costPerCredential * (lerHires + credentialsIssued),
    verification: inputs.staffHoursPerVerification * inputs.staffHourlyCost * lerHires,
    training: inputs.employeesTrainedPerYear * inputs.costPerTrainee * pct(inputs.newTrainingSpendPct),
  };
  return {
    scenario,
    lerHires,
    lerCredentialsIssued: credentialsIssued,
    effects: used,
    capped: gains.capped,
    units,
    value,
    costs,
    ...roiFromTotals(sum(value), sum(costs)),
  };
}

/** The business case in all three scenarios. */
export function businessCaseScenarios(inputs: BusinessCaseInputs, effects: BusinessCaseEffects): Record<Scenario, BusinessCase> {
  return {
    low: calculateBusinessCase(inputs, effects, 'low'),
    expected: calculateBusinessCase(inputs, effects, 'expected'),
    high: calculateBusinessCase(inputs, effects, 'high'),
  };
}

/** One bar of the tornado chart: net value with one input or effect at its low and its high value, the rest unchanged. */
export interface SensitivityRow {
  key: InputKey | EffectKey;
  kind: 'input' | 'effect';
  label: string;
  low: number;
  high: number;
  netAtLow: number;
  netAtHigh: number;
  /** |netAtHigh − netAtLow|, the bar's length. */
  swing: number;
}

/** Fraction either side of an input's value tried when no published range exists. */
export const SENSITIVITY_SPREAD = 0.2;

const clamp = (x: number, s: InputSpec) => Math.min(Math.max(x, s.min), s.max ?? Infinity);
function spread(x: number): [number, number] {
  const [a, b] = [x * (1 - SENSITIVITY_SPREAD), x * (1 + SENSITIVITY_SPREAD)];
  return a <= b ? [a, b] : [b, a];
}

function inputRange(s: InputSpec, value: number): [number, number] {
  if (s.publishedRange) return [s.publishedRange.low, s.publishedRange.high];
  const [low, high] = spread(value);
  return [clamp(low, s), clamp(high, s)];
}

/** An effect's interval ends; an assumed point (no interval) gets ±20% like an input. */
function effectRange(effect: Effect): [number, number] {
  return effect.low === effect.high ? spread(effect.estimate) : [effect.low, effect.high];
}

const pointEffect = (effect: Effect, x: number): Effect => ({ ...effect, estimate: x, low: x, high: x });

function row(
  key: InputKey | EffectKey,
  kind: SensitivityRow['kind'],
  label: string,
  [low, high]: [number, number],
  netAt: (x: number) => number,
): SensitivityRow {
  const [netAtLow, netAtHigh] = [netAt(low), netAt(high)];
  return { key, kind, label, low, high, netAtLow, netAtHigh, swing: Math.abs(netAtHigh - netAtLow) };
}

/**
 * Net value with each input (±20%, or its published range, within its limits) and each available
 * effect (its interval ends) moved alone, sorted by swing, largest first. Derived inputs move alone
 * too: varying salary does not move the daily vacancy cost.
 */
export function sensitivity(inputs: BusinessCaseInputs, effects: BusinessCaseEffects, scenario: Scenario = 'expected'): SensitivityRow[] {
  const netWith = (i: BusinessCaseInputs, e: BusinessCaseEffects) => calculateBusinessCase(i, e, scenario).net;
  const inputRows = INPUT_SPECS.map((s) =>
    row(s.key, 'input', s.label, inputRange(s, inputs[s.key]), (x) => netWith({ ...inputs, [s.key]: x }, effects)),
  );
  const effectRows = EFFECT_KEYS.flatMap((key) => {
    const effect = effects[key];
    if (effect === null) return [];
    return [
      row(key, 'effect', EFFECT_SPECS[key].label, effectRange(effect), (x) =>
        netWith(inputs, { ...effects, [key]: pointEffect(effect, x) }),
      ),
    ];
  });
  return [...inputRows, ...effectRows].sort((a, b) => b.swing - a.swing);
}

/**
 * The smallest share of hires arriving with an LER (0–100%) at which net value ≥ 0; 0 when it pays
 * back at any share, null when it never does. Net value is linear in the share s (LER hires = hires ×
 * s, and the caps do not depend on s), so net(s) = net(0) + s · (net(100) − net(0)) / 100, and the
 * root is s* = −net(0) · 100 / (net(100) − net(0)).
 */
export function breakEvenShare(inputs: BusinessCaseInputs, effects: BusinessCaseEffects, scenario: Scenario = 'expected'): number | null {
  const netAt = (share: number) => calculateBusinessCase({ ...inputs, lerHireSharePct: share }, effects, scenario).net;
  const [at0, at100] = [netAt(0), netAt(100)];
  if (at0 >= 0) return 0;
  if (at100 < 0) return null;
  return Math.min((-at0 * 100) / (at100 - at0), 100);
}

const SCENARIO_WORDS: Record<Scenario, string> = {
  low: 'With the least favourable ends of the effects’ intervals',
  expected: 'With the expected effects',
  high: 'With the most favourable ends of the effects’ intervals',
};
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The break-even share as a sentence; the share is rounded up so "at least" stays true. */
export function breakEvenStatement(inputs: BusinessCaseInputs, effects: BusinessCaseEffects, scenario: Scenario = 'expected'): string {
  const words = SCENARIO_WORDS[scenario];
  const share = breakEvenShare(inputs, effects, scenario);
  if (share === 0) return `${words}, it pays back even if no hires arrive with an LER.`;
  if (share === null) return `${words}, it does not pay back at any share of hires arriving with an LER (0–100%).`;
  const shown = Math.ceil(share * 10 - 1e-9) / 10;
  const hires = Math.ceil((inputs.annualHires * share) / 100 - 1e-9);
  return `${words}, it pays back if at least ${oneDecimal.format(shown)}% of hires arrive with an LER (${whole.format(hires)} of ${whole.format(inputs.annualHires)} hires a year).`;
}
