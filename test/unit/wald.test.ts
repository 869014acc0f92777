import { describe, expect, it } from 'vitest';
import { waldTest } from '../../src/stats/wald';

describe('joint Wald test from bootstrap replicates, worked by hand', () => {
  it('uncorrelated: replicates (0,0), (2,0), (0,2), (2,2) have Σ = diag(4/3, 4/3); θ = (1, 2) gives W = 5 · 3/4 = 3.75, p = e^(−3.75/2)', () => {
    const t = waldTest(
      [1, 2],
      [
        [0, 0],
        [2, 0],
        [0, 2],
        [2, 2],
      ],
    );
    expect(t?.df).toBe(2);
    expect(t?.chi2).toBeCloseTo(3.75, 12);
    // The chi-square survival function with 2 df is exp(−x/2).
    expect(t?.p).toBeCloseTo(Math.exp(-1.875), 12);
  });

  it('correlated: replicates (0,0), (1,1), (2,1), (3,4) have Σ = [[5/3, 2], [2, 3]]; θ = (1, 1) gives W = θ′Σ⁻¹θ = (3 − 4 + 5/3)/(5 − 4) = 2/3', () => {
    // Means (1.5, 1.5); deviations (−1.5,−1.5), (−.5,−.5), (.5,−.5), (1.5,2.5): Sxx = 5, Syy = 9, Sxy = 6, over n − 1 = 3.
    // Σ⁻¹ = [[3, −2], [−2, 5/3]] / det, det = 5/3 · 3 − 4 = 1; θ′Σ⁻¹θ = 3 − 2 − 2 + 5/3 = 2/3.
    const t = waldTest(
      [1, 1],
      [
        [0, 0],
        [1, 1],
        [2, 1],
        [3, 4],
      ],
    );
    expect(t?.chi2).toBeCloseTo(2 / 3, 12);
    expect(t?.p).toBeCloseTo(Math.exp(-1 / 3), 12);
  });

  it('one estimate: W = θ² / var, the square of a z statistic; 1 df', () => {
    // Replicates 1, 3: variance 2. θ = 2: W = 4/2 = 2; p(χ²₁ > 2) = p(|Z| > √2) = 0.15729920705028513.
    const t = waldTest([2], [[1], [3]]);
    expect(t?.chi2).toBeCloseTo(2, 12);
    expect(t?.p).toBeCloseTo(0.15729920705028513, 12);
  });

  it('is null without estimates, with too few replicates, or with a singular covariance', () => {
    expect(waldTest([], [[], []])).toBeNull();
    expect(waldTest([1, 2], [[0, 0]])).toBeNull();
    expect(
      waldTest(
        [1, 1],
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
      ),
    ).toBeNull();
    expect(waldTest([1], [[5], [5], [5]])).toBeNull();
  });
});
