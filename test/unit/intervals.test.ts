import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, welchDifference } from '../../src/stats/intervals';

describe('Welch interval', () => {
  it('matches the textbook case with equal n and variances (df = 2(n − 1), t table value)', () => {
    // a = 1..5, b = 3..7: means 3 and 5, variances 2.5 each, SE = √(0.5 + 0.5) = 1, df = 8, t(0.975, 8) = 2.306004135.
    const welch = welchDifference({ n: 5, mean: 3, variance: 2.5 }, { n: 5, mean: 5, variance: 2.5 });
    expect(welch?.estimate).toBe(-2);
    expect(welch?.df).toBeCloseTo(8, 12);
    expect(welch?.ci95[0]).toBeCloseTo(-2 - 2.306004135, 8);
    expect(welch?.ci95[1]).toBeCloseTo(-2 + 2.306004135, 8);
  });

  it('uses the Welch–Satterthwaite df when variances differ', () => {
    // va = 2.5/5, vb = 10/5: df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625.
    expect(welchDifference({ n: 5, mean: 3, variance: 2.5 }, { n: 5, mean: 6, variance: 10 })?.df).toBeCloseTo(6.25 / 1.0625, 12);
  });

  it('has no interval for a group of one', () => {
    expect(welchDifference({ n: 1, mean: 3, variance: 0 }, { n: 5, mean: 6, variance: 10 })).toBeNull();
  });
});

describe('chi-square upper tail', () => {
  it.each([
    [3.841458820694124, 1, 0.05],
    [6.634896601021214, 1, 0.01],
    [5.991464547107979, 2, 0.05],
  ])('P(χ²(%s, df %s) > x) = %s', (x, df, p) => {
    expect(chiSquareUpperTail(x, df)).toBeCloseTo(p, 12);
  });

  it('stays precise far in the tail', () => {
    // For 1 df, P(χ² > 200) = erfc(10) = 2.088487583762545e-45.
    expect(chiSquareUpperTail(200, 1) / 2.088487583762545e-45).toBeCloseTo(1, 10);
  });
});
