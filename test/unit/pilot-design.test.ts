import { describe, expect, it } from 'vitest';
import { didVariance, minimumDetectableEffect, power, requiredEmployers } from '../../src/metrics/pilot-design/mde';
import { normalCdf } from '../../src/stats/normal';

// qnorm(0.8) + qnorm(0.975), as R prints them.
const Z_SUM = 0.8416212335729143 + 1.959963984540054;

describe('the minimum detectable effect (DESIGN §8, Burlig, Preonas & Woerman 2020)', () => {
  // J = 40, P = 0.5, m = 2 pre quarters (1, 2), r = 2 post quarters (3, 4); σ² = 10, γ(1) = 3, γ(2) = 1, γ(3) = 0.5.
  const design = { J: 40, P: 0.5, m: 2, r: 2 };
  const components = {
    sigma2: 10,
    gamma: new Map([
      [1, 3],
      [2, 1],
      [3, 0.5],
    ]),
  };
  // ψB: pairs (1,2), (2,1) → γ(1) = 3. ψA: (3,4), (4,3) → 3. ψX: (1,3) γ2, (1,4) γ3, (2,3) γ1, (2,4) γ2 → (1 + 0.5 + 3 + 1) / 4 = 1.375.
  // Var = [1 / (0.25 · 40)] · [(4 / 4) · 10 + (1/2) · 3 + (1/2) · 3 − 2 · 1.375] = 0.1 · 10.25 = 1.025.
  it('works a hand case', () => {
    expect(didVariance(design, components)).toBeCloseTo(1.025, 12);
    expect(minimumDetectableEffect(design, components)).toBeCloseTo(Z_SUM * Math.sqrt(1.025), 12);
  });

  it('counts a lag the panel cannot estimate as 0', () => {
    // Without γ(3), ψX = (1 + 0 + 3 + 1) / 4 = 1.25: Var = 0.1 · (10 + 3 − 2.5) = 1.05.
    const gamma = new Map([...components.gamma].filter(([lag]) => lag !== 3));
    expect(didVariance(design, { sigma2: 10, gamma })).toBeCloseTo(1.05, 12);
  });

  it('with one quarter before and one after, is the variance of a difference of two differences', () => {
    // Var = [1 / (P(1−P)J)] · (2σ² − 2γ(1)): 1 / (0.21 · 100) · (20 − 6).
    const one = { J: 100, P: 0.3, m: 1, r: 1 };
    expect(didVariance(one, components)).toBeCloseTo(14 / 21, 12);
  });

  it('asks for the fewest employers that detect a target effect', () => {
    // Var per employer = 1.025 · 40 = 41; J = ⌈Z_SUM² · 41 / 2²⌉ = ⌈80.45⌉ = 81.
    expect(requiredEmployers(design, components, 2)).toBe(81);
    expect(requiredEmployers(design, components, -2)).toBe(81);
    // At its own MDE a design needs exactly its own J.
    const mde = minimumDetectableEffect(design, components) ?? Number.NaN;
    expect(requiredEmployers(design, components, mde)).toBe(40);
  });

  it('gives 80% power at the MDE and 5% at no effect', () => {
    const variance = didVariance(design, components);
    const mde = minimumDetectableEffect(design, components) ?? Number.NaN;
    // The far tail adds Φ(−0.84 − 2 · 1.96) ≈ 1e-6.
    expect(power(mde, variance)).toBeCloseTo(0.8, 5);
    expect(power(0, variance)).toBeCloseTo(0.05, 12);
    expect(power(-mde, variance)).toBeCloseTo(power(mde, variance), 12);
  });

  it('has no MDE when the components give no positive variance', () => {
    expect(minimumDetectableEffect(design, { sigma2: 0, gamma: new Map() })).toBeNull();
    expect(requiredEmployers(design, { sigma2: 0, gamma: new Map() }, 3)).toBeNull();
  });
});

describe('the normal distribution function', () => {
  it('matches R', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    // pnorm(-1) and pnorm(-3.5).
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(-3.5) / 0.00023262907903552504).toBeCloseTo(1, 10);
  });
});
