import { chiSquareUpperTail } from './intervals';

/** A chi-square test statistic with its degrees of freedom and upper-tail p-value. */
export interface ChiSquareTest {
  chi2: number;
  df: number;
  p: number;
}

/** Solves A·x = b for a symmetric positive-definite A by Cholesky; null when A is not positive definite (say, singular). */
function solvePositiveDefinite(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      if (i === j) {
        // Relative to the diagonal, so a covariance of tiny values is not taken for a singular one.
        if (!(sum > 1e-12 * Math.abs(a[i]?.[i] ?? 0))) return null;
        (l[i] as number[])[i] = Math.sqrt(sum);
      } else (l[i] as number[])[j] = sum / (l[j]?.[j] ?? 1);
    }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (l[i]?.[k] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (l[i]?.[i] ?? 1);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) sum -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i]?.[i] ?? 1);
  }
  return x;
}

/**
 * The joint Wald test that the estimates θ are all zero, W = θ′Σ⁻¹θ with Σ the sample covariance (n − 1)
 * of their bootstrap replicates (each a vector like θ): chi-square with as many df as estimates (DESIGN
 * §4b, the pre-trend test). Null without estimates, with fewer replicates than would make Σ invertible,
 * or when Σ is singular (an estimate that does not vary across replicates).
 */
export function waldTest(theta: readonly number[], replicates: readonly (readonly number[])[]): ChiSquareTest | null {
  const df = theta.length;
  const n = replicates.length;
  if (df === 0 || n <= df) return null;
  const mean = theta.map((_, i) => replicates.reduce((s, r) => s + (r[i] ?? 0), 0) / n);
  const covariance = theta.map((_, i) =>
    theta.map((__, j) => replicates.reduce((s, r) => s + ((r[i] ?? 0) - (mean[i] ?? 0)) * ((r[j] ?? 0) - (mean[j] ?? 0)), 0) / (n - 1)),
  );
  const x = solvePositiveDefinite(covariance, theta);
  if (x === null) return null;
  const chi2 = theta.reduce((s, t, i) => s + t * (x[i] ?? 0), 0);
  return { chi2, df, p: chiSquareUpperTail(chi2, df) };
}
