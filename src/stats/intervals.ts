import gammainc from '@stdlib/math-base-special-gammainc';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Summary {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator). */
  variance: number;
}

export interface Interval {
  estimate: number;
  ci95: [number, number];
  df: number;
}

/** Difference of means a − b with Welch's 95% interval (Welch–Satterthwaite df, Student t quantile); null when either n < 2. */
export function welchDifference(a: Summary, b: Summary): Interval | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const estimate = a.mean - b.mean;
  if (se === 0) return { estimate, ci95: [estimate, estimate], df: a.n + b.n - 2 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tQuantile(0.975, df) * se;
  return { estimate, ci95: [estimate - half, estimate + half], df };
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom: Q(df/2, x/2), precise for tiny p. */
export function chiSquareUpperTail(x: number, df: number): number {
  return gammainc(x / 2, df / 2, true, true);
}
