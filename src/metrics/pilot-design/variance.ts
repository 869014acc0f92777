import type { PanelUnit } from './panel';

/** An autocovariance at one lag, with the employer pairs of quarters it averages and the employers they come from. */
export interface LagCovariance {
  lag: number;
  gamma: number;
  pairs: number;
  employers: number;
}

/** The residual variance components of DESIGN §8, with what they rest on. */
export interface VarianceComponents {
  sigma2: number;
  /** Every lag at which some employer has two residuals, in lag order. */
  gamma: LagCovariance[];
  employers_used: number;
  cells_used: number;
  quarters_used: number;
}

/** Fewer employers or quarters than these, and the panel cannot give variance components worth planning on. */
export const MIN_PANEL = { employers: 5, quarters: 4 } as const;

/**
 * Residuals of the cell means after employer and quarter fixed effects, by alternating projections
 * (sweeping out employer means, then quarter means, until nothing changes): on an unbalanced panel this
 * converges to the least-squares residuals of the two-way model without building its design matrix.
 */
function twoWayResiduals(units: readonly PanelUnit[]): number[][] {
  const residuals = units.map((u) => u.q.map((_, i) => (u.s[i] ?? 0) / (u.n[i] ?? 1)));
  const scale = residuals.reduce((a, r) => r.reduce((b, x) => Math.max(b, Math.abs(x)), a), 1);
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let change = 0;
    residuals.forEach((r) => {
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      r.forEach((_, i) => (r[i] = (r[i] ?? 0) - mean));
      change = Math.max(change, Math.abs(mean));
    });
    const byQuarter = new Map<number, { sum: number; count: number }>();
    units.forEach((u, j) =>
      u.q.forEach((q, i) => {
        const cell = byQuarter.get(q) ?? { sum: 0, count: 0 };
        byQuarter.set(q, { sum: cell.sum + (residuals[j]?.[i] ?? 0), count: cell.count + 1 });
      }),
    );
    units.forEach((u, j) =>
      u.q.forEach((q, i) => {
        const cell = byQuarter.get(q);
        const mean = cell ? cell.sum / cell.count : 0;
        (residuals[j] as number[])[i] = (residuals[j]?.[i] ?? 0) - mean;
        change = Math.max(change, Math.abs(mean));
      }),
    );
    if (change < 1e-13 * scale) break;
  }
  return residuals;
}

/**
 * σ² and γ(ℓ) of the panel (DESIGN §8): the mean square of the two-way residuals and, at each lag ℓ, the
 * mean product of an employer's residuals ℓ quarters apart. Both are plain averages of the mean-zero
 * residuals, without a degrees-of-freedom correction; in short panels the fixed effects pull them down
 * (γ below zero), which the simulation check is there to expose. Employers with a single quarter are left
 * out. null when the panel has fewer than MIN_PANEL employers (with two quarters or more) or quarters.
 */
export function varianceComponents(panel: readonly PanelUnit[]): VarianceComponents | null {
  // An employer with one quarter has a residual of 0 whatever its outcome: it tells nothing of the variance.
  const units = panel.filter((u) => u.q.length >= 2);
  const quarters = new Set(units.flatMap((u) => u.q));
  if (units.length < MIN_PANEL.employers || quarters.size < MIN_PANEL.quarters) return null;
  const residuals = twoWayResiduals(units);
  const cells = residuals.flat();
  const lags = new Map<number, { sum: number; pairs: number; employers: number }>();
  units.forEach((u, j) => {
    const at = new Map(u.q.map((q, i) => [q, residuals[j]?.[i] ?? 0]));
    const seen = new Set<number>();
    u.q.forEach((q, i) =>
      u.q.slice(i + 1).forEach((later) => {
        const lag = later - q;
        const cell = lags.get(lag) ?? { sum: 0, pairs: 0, employers: 0 };
        lags.set(lag, {
          sum: cell.sum + (at.get(q) ?? 0) * (at.get(later) ?? 0),
          pairs: cell.pairs + 1,
          employers: cell.employers + (seen.has(lag) ? 0 : 1),
        });
        seen.add(lag);
      }),
    );
  });
  return {
    sigma2: cells.reduce((a, r) => a + r * r, 0) / cells.length,
    gamma: [...lags].sort(([a], [b]) => a - b).map(([lag, { sum, pairs, employers }]) => ({ lag, gamma: sum / pairs, pairs, employers })),
    employers_used: units.length,
    cells_used: cells.length,
    quarters_used: quarters.size,
  };
}
