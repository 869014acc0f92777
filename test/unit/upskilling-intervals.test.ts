import { describe, expect, it } from 'vitest';
import { DEFAULT_UPSKILLING_ASSUMPTIONS, upskillingFigures, type UpskillingAggregates } from '../../src/metrics/upskilling';

/** 100 trainees, S(365) 0.8 vs 0.7 with Greenwood variances 0.0016 and 0.0009; mean wage $50,000; cost $50,000; 2 promotions. */
const ROW: UpskillingAggregates = {
  dim: 'all',
  key: '',
  enrollments: 120,
  people: 100,
  completions: 90,
  direct_cost: 50_000,
  time_cost: 0,
  ler_credentials: 0,
  promotions: 2,
  completions_followed: 2,
  promotions_followed: 1,
  mean_wage_before: 50_000,
  trainees: 100,
  s_trainee: 0.8,
  s_comparison: 0.7,
  var_trainee: 0.0016,
  var_comparison: 0.0009,
  mean_hiring_cost: null,
};
const ASSUMPTIONS = { ...DEFAULT_UPSKILLING_ASSUMPTIONS, replacementCostShare: 0.2 };

describe('upskilling intervals (DESIGN §4b), worked by hand', () => {
  // Replacement cost 0.2 × 50,000 = 10,000; separations avoided 100 × (0.8 − 0.7) = 10; B = 10 × 10,000 + 2 × 4,700 = 109,400.
  // SE(B) = 100 × 10,000 × √(0.0016 + 0.0009) = 50,000; 1.959963984540054 × 50,000 = 97,998.1992270027.
  const f = upskillingFigures(ROW, ASSUMPTIONS, 4_700);
  const bLo = 109_400 - 97_998.1992270027;
  const bHi = 109_400 + 97_998.1992270027;

  it('benefit ± 1.96 SE, where only separations avoided is sampled', () => {
    expect(f.benefit).toBeCloseTo(109_400, 6);
    expect(f.benefit_ci95?.[0]).toBeCloseTo(bLo, 6);
    expect(f.benefit_ci95?.[1]).toBeCloseTo(bHi, 6);
  });

  it('ROI %, BCR and payback intervals follow from the benefit’s ends (payback from the other end)', () => {
    expect(f.roi_pct_ci95?.[0]).toBeCloseTo(((bLo - 50_000) / 50_000) * 100, 8);
    expect(f.roi_pct_ci95?.[1]).toBeCloseTo(((bHi - 50_000) / 50_000) * 100, 8);
    expect(f.bcr_ci95?.[0]).toBeCloseTo(bLo / 50_000, 10);
    expect(f.bcr_ci95?.[1]).toBeCloseTo(bHi / 50_000, 10);
    expect(f.payback_months_ci95?.[0]).toBeCloseTo((12 * 50_000) / bHi, 10);
    expect(f.payback_months_ci95?.[1]).toBeCloseTo((12 * 50_000) / bLo, 10);
    // The point estimates lie inside their intervals.
    expect(f.roi_pct).toBeGreaterThan(f.roi_pct_ci95?.[0] ?? Infinity);
    expect(f.roi_pct).toBeLessThan(f.roi_pct_ci95?.[1] ?? -Infinity);
  });

  it('a payback end is null where its benefit is not positive', () => {
    // Variances 16× larger: SE(B) = 200,000, so B_lo = 109,400 − 391,992.8 < 0.
    const wide = upskillingFigures({ ...ROW, var_trainee: 0.0256, var_comparison: 0.0144 }, ASSUMPTIONS, 4_700);
    expect(wide.benefit_ci95?.[0]).toBeCloseTo(109_400 - 4 * 97_998.1992270027, 6);
    expect(wide.payback_months_ci95?.[1]).toBeNull();
    expect(wide.payback_months_ci95?.[0]).toBeCloseTo((12 * 50_000) / (109_400 + 4 * 97_998.1992270027), 10);
  });

  it('no interval without a comparison group: nothing sampled is measured', () => {
    const none = upskillingFigures({ ...ROW, s_comparison: null, var_comparison: null }, ASSUMPTIONS, 4_700);
    expect(none.separations_avoided).toBeNull();
    expect([none.benefit_ci95, none.roi_pct_ci95, none.bcr_ci95, none.payback_months_ci95]).toEqual([null, null, null, null]);
  });
});
