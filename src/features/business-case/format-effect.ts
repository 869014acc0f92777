import { EFFECT_SPECS, type Effect, type EffectKey } from '../../business-case/effects';

const signed = (v: number, digits: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

/** An effect value in its unit: days, or percentage points for proportions. */
export function formatEffectValue(key: EffectKey, value: number): string {
  return EFFECT_SPECS[key].unit === 'days' ? `${signed(value, 1)} days` : `${signed(value * 100, 1)} pp`;
}

/** An effect with its interval (a range for a benchmark or an assumption: no sampling behind it) and n, as one line. */
export function formatEffect(key: EffectKey, effect: Effect): string {
  const kind = effect.strength === 'benchmark' || effect.strength === 'assumed' ? 'range' : '95% CI';
  const interval =
    effect.low === effect.high ? '' : ` (${kind} ${formatEffectValue(key, effect.low)} to ${formatEffectValue(key, effect.high)})`;
  return `${formatEffectValue(key, effect.estimate)}${interval}${effect.n === null ? '' : `, n = ${effect.n.toLocaleString('en-US')}`}`;
}

/** What the user types for an effect (days, or percentage points) to the model's unit, and back. */
export const toModelUnit = (key: EffectKey, typed: number) => (EFFECT_SPECS[key].unit === 'days' ? typed : typed / 100);
export const toTypedUnit = (key: EffectKey, value: number) => (EFFECT_SPECS[key].unit === 'days' ? value : value * 100);
