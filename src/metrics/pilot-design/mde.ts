import { normalCdf, Z_80, Z_975 } from '../../stats/normal';
import type { Design } from './panel';

/** σ² and γ by lag: a lag without an estimate counts as 0 (DESIGN §8). */
export interface Components {
  sigma2: number;
  gamma: ReadonlyMap<number, number>;
}

/** The mean of γ(|i − j|) over pairs of quarters i in `first`, j in `second`, i ≠ j; 0 without pairs. */
function meanCovariance(gamma: ReadonlyMap<number, number>, first: readonly number[], second: readonly number[]): number {
  let sum = 0;
  let pairs = 0;
  for (const i of first)
    for (const j of second)
      if (i !== j) {
        sum += gamma.get(Math.abs(i - j)) ?? 0;
        pairs++;
      }
  return pairs === 0 ? 0 : sum / pairs;
}

/**
 * The variance of the DiD estimate for a design (Burlig, Preonas & Woerman 2020, as DESIGN §8):
 * [1/(P(1−P)J)]·[((m+r)/(m·r))·σ² + ((m−1)/m)·ψB + ((r−1)/r)·ψA − 2ψX].
 */
export function didVariance({ J, P, m, r }: Design, { sigma2, gamma }: Components): number {
  const pre = Array.from({ length: m }, (_, i) => i + 1);
  const post = Array.from({ length: r }, (_, i) => m + i + 1);
  const [psiB, psiA, psiX] = [meanCovariance(gamma, pre, pre), meanCovariance(gamma, post, post), meanCovariance(gamma, pre, post)];
  return (((m + r) / (m * r)) * sigma2 + ((m - 1) / m) * psiB + ((r - 1) / r) * psiA - 2 * psiX) / (P * (1 - P) * J);
}

/** The minimum detectable effect at 80% power, 5% two-sided; null when the variance is not positive. */
export function minimumDetectableEffect(design: Design, components: Components): number | null {
  const variance = didVariance(design, components);
  return variance > 0 ? (Z_80 + Z_975) * Math.sqrt(variance) : null;
}

/** The fewest employers with which the design detects `effect` (80% power, 5% two-sided): the variance falls as 1/J. */
export function requiredEmployers(design: Design, components: Components, effect: number): number | null {
  const perEmployer = didVariance({ ...design, J: 1 }, components);
  if (!(perEmployer > 0) || effect === 0) return null;
  // Less a rounding error, so that a design exactly at the MDE is not asked for one more employer.
  return Math.ceil(((Z_80 + Z_975) ** 2 * perEmployer) / effect ** 2 - 1e-9);
}

/** The chance that a two-sided 5% test rejects when the true effect is `effect`, for an estimate with this variance. */
export function power(effect: number, variance: number): number {
  const shift = Math.abs(effect) / Math.sqrt(variance);
  return normalCdf(shift - Z_975) + normalCdf(-shift - Z_975);
}
