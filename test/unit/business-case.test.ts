import { describe, expect, it } from 'vitest';
import {
  breakEvenShare,
  breakEvenStatement,
  businessCaseScenarios,
  calculateBusinessCase,
  effectValue,
  roiFromTotals,
  sensitivity,
  SCENARIOS,
  type BusinessCase,
} from '../../src/business-case/calculate';
import {
  descriptiveEffects,
  effectsFromResults,
  overrideEffect,
  RETENTION_BENCHMARK,
  type BusinessCaseEffects,
  type Effect,
} from '../../src/business-case/effects';
import { EvidenceRejected, readEvidence } from '../../src/business-case/evidence';
import { DEFAULT_INPUTS, INPUT_SPECS, validateInputs, type BusinessCaseInputs } from '../../src/business-case/inputs';
import type { ResultsFile } from '../../src/metrics/results';
import type { DidOutcome } from '../../src/metrics/did-cells';
import type { PilotDesign } from '../../src/metrics/pilot-design/pilot-design';
import type { Surv } from '../../src/metrics/retention';
import type { Suppressed } from '../../src/metrics/suppression';
import type { UpskillingFigures } from '../../src/metrics/upskilling';
import { Z_975 } from '../../src/stats/normal';

/** Round numbers so every expected value below can be worked by hand. */
const INPUTS: BusinessCaseInputs = {
  annualHires: 200,
  currentTimeToFillDays: 40,
  dailyVacancyCost: 150,
  annualSalary: 50_000,
  annualTurnoverPct: 20,
  replacementCostPct: 20,
  employeesTrainedPerYear: 100,
  costPerTrainee: 1_000,
  trainedLerSharePct: 50,
  newTrainingSpendPct: 0,
  internalFillSaving: 5_000,
  platformFeeAnnual: 12_000,
  costPerCredential: 10,
  staffHoursPerVerification: 0.5,
  staffHourlyCost: 40,
  lerHireSharePct: 25,
};

const effect = (estimate: number, low: number, high: number): Effect => ({
  estimate,
  low,
  high,
  n: 100,
  strength: 'did',
  source: 'test',
});
const EFFECTS: BusinessCaseEffects = {
  timeToFillDays: effect(-4, -6, -2),
  retention12mPoints: effect(0.05, 0.02, 0.08),
  promotionRatePoints: effect(0.1, 0.04, 0.16),
};
const NO_EFFECTS: BusinessCaseEffects = { timeToFillDays: null, retention12mPoints: null, promotionRatePoints: null };

describe('roiFromTotals: published worked cases', () => {
  it.each([
    // ASTD "ROI Basics" (Phillips & Phillips 2005): BCR 3.0, ROI 200%.
    { name: 'ROI Basics', benefit: 60_000, cost: 20_000, bcr: '3.0', roi: '200' },
    // Future-Tel Sales Simulator (ATD casebook ch. 8): BCR 1.574, ROI 57.4%.
    { name: 'Future-Tel', benefit: 617_359, cost: 392_225, bcr: '1.574', roi: '57.4' },
    // Future-Tel after the seasonality adjustment, $617,359 × (1 − 0.097) = $557,475: BCR 1.421, ROI 42.1%.
    { name: 'Future-Tel, seasonality-adjusted', benefit: 557_475, cost: 392_225, bcr: '1.421', roi: '42.1' },
  ])('$name: $benefit against $cost → BCR $bcr, ROI $roi%', ({ benefit, cost, bcr, roi }) => {
    const figures = roiFromTotals(benefit, cost);
    const decimals = (s: string) => s.split('.')[1]?.length ?? 0;
    expect(figures.bcr?.toFixed(decimals(bcr))).toBe(bcr);
    expect(figures.roiPct?.toFixed(decimals(roi))).toBe(roi);
  });

  it('gives the ROI Basics case exactly', () => {
    expect(roiFromTotals(60_000, 20_000)).toEqual({ benefit: 60_000, cost: 20_000, net: 40_000, roiPct: 200, bcr: 3, paybackMonths: 4 });
  });

  it.each([
    // 12 × 20,000 / 60,000 = 4 months.
    [60_000, 20_000, 4],
    // 12 × 12,000 / 48,000 = 3 months.
    [48_000, 12_000, 3],
    // 12 × 30,000 / 20,000 = 18 months: pays back in the second year.
    [20_000, 30_000, 18],
    [0, 10_000, null],
    [-5_000, 10_000, null],
  ])('payback of %s benefit against %s cost is %s months', (benefit, cost, months) => {
    expect(roiFromTotals(benefit, cost).paybackMonths).toBe(months);
  });

  it('has no ROI or BCR without a cost', () => {
    expect(roiFromTotals(10_000, 0)).toMatchObject({ roiPct: null, bcr: null, paybackMonths: 0, net: 10_000 });
  });
});

describe('calculateBusinessCase: hand-worked expected scenario', () => {
  const result = calculateBusinessCase(INPUTS, EFFECTS, 'expected');

  it('counts LER hires and LER credentials issued', () => {
    // 200 hires × 25% = 50 LER hires; 100 trainees × 50% = 50 credentials issued as LERs.
    expect(result.lerHires).toBe(50);
    expect(result.lerCredentialsIssued).toBe(50);
  });

  it.each([
    // 50 LER hires × 4 days faster = 200 vacancy days × $150 = $30,000.
    ['vacancyDays', 30_000],
    // 50 LER hires × 0.05 = 2.5 separations avoided × ($50,000 × 20% = $10,000) = $25,000.
    ['turnoverAvoided', 25_000],
    // 50 LER-credentialed trainees × 0.10 = 5 extra promotions × $5,000 = $25,000.
    ['internalPromotions', 25_000],
  ] as const)('value from %s is %s', (source, usd) => {
    expect(result.value[source]).toBeCloseTo(usd, 6);
  });

  it('reports the units behind each value', () => {
    expect(result.units.vacancyDaysSaved).toBeCloseTo(200, 9);
    expect(result.units.separationsAvoided).toBeCloseTo(2.5, 9);
    expect(result.units.promotionsGained).toBeCloseTo(5, 9);
  });

  it.each([
    ['platform', 12_000],
    // $10 × (50 LER hires + 50 trainee credentials) = $1,000.
    ['credentials', 1_000],
    // 0.5 h × $40/h × 50 LER hires = $1,000.
    ['verification', 1_000],
    // 0% of the training is new spend.
    ['training', 0],
  ] as const)('cost of %s is %s', (item, usd) => {
    expect(result.costs[item]).toBeCloseTo(usd, 9);
  });

  it('totals benefit, cost, net, ROI, BCR and payback', () => {
    // B = 30,000 + 25,000 + 25,000 = 80,000; C = 12,000 + 1,000 + 1,000 = 14,000; net 66,000.
    expect(result.benefit).toBeCloseTo(80_000, 6);
    expect(result.cost).toBeCloseTo(14_000, 9);
    expect(result.net).toBeCloseTo(66_000, 6);
    // ROI = 66,000 / 14,000 × 100 = 471.43%; BCR = 80 / 14 = 5.714; payback = 12 × 14,000 / 80,000 = 2.1 months.
    expect(result.roiPct).toBeCloseTo(471.4285714, 5);
    expect(result.bcr).toBeCloseTo(5.7142857, 6);
    expect(result.paybackMonths).toBeCloseTo(2.1, 9);
    expect(result.capped).toEqual([]);
  });

  it('counts training cost only as far as it is new spend', () => {
    // 100 trainees × $1,000 × 50% = $50,000; C = 14,000 + 50,000 = 64,000.
    const withTraining = calculateBusinessCase({ ...INPUTS, newTrainingSpendPct: 50 }, EFFECTS, 'expected');
    expect(withTraining.costs.training).toBe(50_000);
    expect(withTraining.cost).toBeCloseTo(64_000, 9);
  });
});

describe('calculateBusinessCase: scenarios', () => {
  it.each([
    // low: time-to-fill at its less favourable end −2: 50 × 2 × 150 = 15,000; retention 0.02: 1 × 10,000;
    // promotion 0.04: 2 × 5,000 = 10,000. B = 35,000, net 21,000, payback 12 × 14 / 35 = 4.8 months.
    { scenario: 'low', ttf: -2, vacancy: 15_000, turnover: 10_000, promotions: 10_000, net: 21_000, payback: 4.8 },
    { scenario: 'expected', ttf: -4, vacancy: 30_000, turnover: 25_000, promotions: 25_000, net: 66_000, payback: 2.1 },
    // high: −6 days: 50 × 6 × 150 = 45,000; 0.08: 4 × 10,000; 0.16: 8 × 5,000. B = 125,000, payback 12 × 14 / 125 = 1.344.
    { scenario: 'high', ttf: -6, vacancy: 45_000, turnover: 40_000, promotions: 40_000, net: 111_000, payback: 1.344 },
  ] as const)('$scenario', ({ scenario, ttf, vacancy, turnover, promotions, net, payback }) => {
    const result = calculateBusinessCase(INPUTS, EFFECTS, scenario);
    expect(result.effects.timeToFillDays).toBe(ttf);
    expect(result.value.vacancyDays).toBeCloseTo(vacancy, 6);
    expect(result.value.turnoverAvoided).toBeCloseTo(turnover, 6);
    expect(result.value.internalPromotions).toBeCloseTo(promotions, 6);
    expect(result.net).toBeCloseTo(net, 6);
    expect(result.paybackMonths).toBeCloseTo(payback, 9);
  });

  it.each([
    ['timeToFillDays', -2, -6],
    ['retention12mPoints', 0.02, 0.08],
    ['promotionRatePoints', 0.04, 0.16],
  ] as const)('%s: low takes the least favourable end (%s), high the most favourable (%s)', (key, low, high) => {
    expect(effectValue(key, EFFECTS[key], 'low')).toBe(low);
    expect(effectValue(key, EFFECTS[key], 'high')).toBe(high);
  });

  it('orders every value source and the totals low ≤ expected ≤ high', () => {
    const all = businessCaseScenarios(INPUTS, EFFECTS);
    const picks: ((c: BusinessCase) => number)[] = [
      (c) => c.net,
      (c) => c.value.vacancyDays,
      (c) => c.value.turnoverAvoided,
      (c) => c.value.internalPromotions,
    ];
    for (const pick of picks) {
      expect(pick(all.low)).toBeLessThanOrEqual(pick(all.expected));
      expect(pick(all.expected)).toBeLessThanOrEqual(pick(all.high));
    }
    expect(all.low.paybackMonths ?? Infinity).toBeGreaterThanOrEqual(all.expected.paybackMonths ?? Infinity);
    expect(all.expected.paybackMonths ?? Infinity).toBeGreaterThanOrEqual(all.high.paybackMonths ?? Infinity);
  });

  it('keeps the ordering when an interval straddles zero (LER hires might be slower)', () => {
    const effects = { ...EFFECTS, timeToFillDays: effect(-1, -3, 2) };
    const [low, expected, high] = SCENARIOS.map((s) => calculateBusinessCase(INPUTS, effects, s).value.vacancyDays);
    // low: +2 days slower: 50 × −2 × 150 = −15,000; expected 50 × 1 × 150 = 7,500; high 50 × 3 × 150 = 22,500.
    expect([low, expected, high]).toEqual([-15_000, 7_500, 22_500]);
  });

  it('adds no value for an effect the data cannot measure', () => {
    const result = calculateBusinessCase(INPUTS, NO_EFFECTS, 'expected');
    expect(result.effects).toEqual({ timeToFillDays: null, retention12mPoints: null, promotionRatePoints: null });
    expect(result.benefit).toBe(0);
    expect(result.cost).toBeCloseTo(14_000, 9);
    expect(result.paybackMonths).toBeNull();
  });

  it('caps the effects at what the baseline allows', () => {
    const big = { ...EFFECTS, timeToFillDays: effect(-50, -60, -40), retention12mPoints: effect(0.3, 0.25, 0.35) };
    const result = calculateBusinessCase(INPUTS, big, 'expected');
    // No more than the 40-day vacancy: 50 × 40 × 150 = 300,000. No more than the 20% who leave: 50 × 0.2 × 10,000 = 100,000.
    expect(result.value.vacancyDays).toBeCloseTo(300_000, 6);
    expect(result.value.turnoverAvoided).toBeCloseTo(100_000, 6);
    expect(result.capped).toEqual(['timeToFillDays', 'retention12mPoints']);
  });
});

describe('break-even share of hires arriving with an LER', () => {
  // Each LER hire: value 4 days × $150 + 0.05 × $10,000 = $1,100; cost $10 + 0.5 h × $40 = $30; net $1,070.
  // Fixed: promotions $25,000 − 50 trainee credentials × $10 = $24,500, less the platform fee.
  it.each([
    // Platform $12,000: fixed = +12,500 ≥ 0, so it pays back at any share.
    { name: 'pays back at any share', platform: 12_000, share: 0 },
    // Platform $45,900: fixed = −21,400; 21,400 / 1,070 = 20 LER hires = 10% of 200.
    { name: 'needs 10%', platform: 45_900, share: 10 },
    // Platform $24,500 + 1,070 × 200 × 0.375 = $104,750: 75 LER hires = 37.5%.
    { name: 'needs 37.5%', platform: 104_750, share: 37.5 },
    // Platform $1,000,000: even 200 LER hires give 24,500 − 1,000,000 + 214,000 < 0.
    { name: 'never within 0–100%', platform: 1_000_000, share: null },
  ])('$name', ({ platform, share }) => {
    const result = breakEvenShare({ ...INPUTS, platformFeeAnnual: platform }, EFFECTS);
    if (share === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(share, 9);
  });

  it('is exactly where net value crosses zero', () => {
    const inputs = { ...INPUTS, platformFeeAnnual: 45_900 };
    expect(calculateBusinessCase({ ...inputs, lerHireSharePct: 10 }, EFFECTS, 'expected').net).toBeCloseTo(0, 6);
  });

  it('never pays back when each LER hire costs more than it brings in', () => {
    // No hiring effects: each LER hire costs $30 and brings $0; fixed 0 − 12,000 − 500 < 0.
    expect(breakEvenShare(INPUTS, { ...NO_EFFECTS })).toBeNull();
  });

  it('uses the scenario’s effects', () => {
    // low: each LER hire 2 × 150 + 0.02 × 10,000 − 30 = $470; fixed 50 × 0.04 × 5,000 − 500 − 12,000 = −2,500.
    // 2,500 / 470 = 5.3191 LER hires = 2.6596% of 200.
    expect(breakEvenShare(INPUTS, EFFECTS, 'low')).toBeCloseTo((2_500 / 470 / 200) * 100, 9);
  });

  it.each([
    // 10% = 20 of 200 hires.
    [45_900, 'With the expected effects, it pays back if at least 10% of hires arrive with an LER (20 of 200 hires a year).'],
    // −fixed = 105,820 − 24,500 = 81,320 → 81,320 / 1,070 = 76 LER hires = 38%.
    [105_820, 'With the expected effects, it pays back if at least 38% of hires arrive with an LER (76 of 200 hires a year).'],
    // −fixed = 21,400 + 107 = 21,507 → 20.1 LER hires = 10.05%, rounded up to 10.1% and 21 hires.
    [46_007, 'With the expected effects, it pays back if at least 10.1% of hires arrive with an LER (21 of 200 hires a year).'],
    [12_000, 'With the expected effects, it pays back even if no hires arrive with an LER.'],
    [1_000_000, 'With the expected effects, it does not pay back at any share of hires arriving with an LER (0–100%).'],
  ])('platform fee %s: %s', (platform, statement) => {
    expect(breakEvenStatement({ ...INPUTS, platformFeeAnnual: platform }, EFFECTS)).toBe(statement);
  });
});

describe('sensitivity', () => {
  const rows = sensitivity(INPUTS, EFFECTS);
  const byKey = (key: string) => rows.find((r) => r.key === key);

  it('covers every input and every available effect, largest swing first', () => {
    expect(rows).toHaveLength(INPUT_SPECS.length + 3);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]?.swing ?? 0).toBeGreaterThanOrEqual(rows[i]?.swing ?? 0);
    expect(sensitivity(INPUTS, { ...EFFECTS, promotionRatePoints: null }).map((r) => r.key)).not.toContain('promotionRatePoints');
  });

  it.each([
    // Platform fee ±20%: 9,600 / 14,400 → net 66,000 ± 2,400.
    { key: 'platformFeeAnnual', low: 9_600, high: 14_400, netAtLow: 68_400, netAtHigh: 63_600 },
    // Published range 16%–200%: 2.5 separations × $50,000 × 16% = 20,000 and × 200% = 250,000, against 25,000 at 20%.
    { key: 'replacementCostPct', low: 16, high: 200, netAtLow: 61_000, netAtHigh: 291_000 },
    // Retention effect at its interval ends 0.02 / 0.08: turnover value 10,000 / 40,000 against 25,000.
    { key: 'retention12mPoints', low: 0.02, high: 0.08, netAtLow: 51_000, netAtHigh: 81_000 },
    // Current time-to-fill ±20% = 32 / 48 days: the 4-day effect is far below either, so nothing moves.
    { key: 'currentTimeToFillDays', low: 32, high: 48, netAtLow: 66_000, netAtHigh: 66_000 },
    // Share with an LER ±20%: 20% / 30% → 40 / 60 LER hires × $1,070 net each, against 50.
    { key: 'lerHireSharePct', low: 20, high: 30, netAtLow: 66_000 - 10_700, netAtHigh: 66_000 + 10_700 },
    // No new training spend: ±20% of 0 moves nothing.
    { key: 'newTrainingSpendPct', low: 0, high: 0, netAtLow: 66_000, netAtHigh: 66_000 },
  ])('$key: $low → $netAtLow, $high → $netAtHigh', ({ key, low, high, netAtLow, netAtHigh }) => {
    const r = byKey(key);
    expect(r?.low).toBeCloseTo(low, 9);
    expect(r?.high).toBeCloseTo(high, 9);
    expect(r?.netAtLow).toBeCloseTo(netAtLow, 6);
    expect(r?.netAtHigh).toBeCloseTo(netAtHigh, 6);
  });

  it('puts the widest published range on top and moves effects to their interval ends', () => {
    expect(rows[0]?.key).toBe('replacementCostPct');
    const ttf = byKey('timeToFillDays');
    expect([ttf?.low, ttf?.high, ttf?.netAtLow, ttf?.netAtHigh]).toEqual([-6, -2, 81_000, 51_000]);
  });

  it('clamps ±20% to the input’s limits', () => {
    const share = sensitivity({ ...INPUTS, lerHireSharePct: 100 }, EFFECTS).find((r) => r.key === 'lerHireSharePct');
    expect([share?.low, share?.high]).toEqual([80, 100]);
  });

  it('moves an assumed point effect ±20%', () => {
    const assumed = { ...EFFECTS, timeToFillDays: overrideEffect(EFFECTS.timeToFillDays, -4) };
    const ttf = sensitivity(INPUTS, assumed).find((r) => r.key === 'timeToFillDays');
    // −4 ± 20% = −4.8 / −3.2 days: 50 × 0.8 × 150 = ±6,000 around 66,000.
    expect(ttf?.low).toBeCloseTo(-4.8, 12);
    expect(ttf?.high).toBeCloseTo(-3.2, 12);
    expect(ttf?.netAtLow).toBeCloseTo(72_000, 6);
    expect(ttf?.netAtHigh).toBeCloseTo(60_000, 6);
  });

  it('keeps derived inputs still: salary moves only the replacement cost', () => {
    // Salary 40,000 / 60,000 → replacement cost 2.5 × 20% × salary = 20,000 / 30,000 against 25,000.
    expect(byKey('annualSalary')).toMatchObject({ low: 40_000, high: 60_000 });
    expect(byKey('annualSalary')?.netAtLow).toBeCloseTo(61_000, 6);
    expect(byKey('annualSalary')?.netAtHigh).toBeCloseTo(71_000, 6);
  });
});

describe('inputs', () => {
  it('has one spec per input, and valid defaults', () => {
    expect(INPUT_SPECS.map((s) => s.key).sort()).toEqual(Object.keys(DEFAULT_INPUTS).sort());
    expect(validateInputs(DEFAULT_INPUTS)).toEqual({});
  });

  it.each([
    ['currentTimeToFillDays', 42, '42 days'],
    ['annualTurnoverPct', 19, '19%'],
    ['replacementCostPct', 21, '21% of salary'],
    ['costPerTrainee', 1_280, '$1,280'],
    ['internalFillSaving', 4_700, '$4,700'],
  ] as const)('%s defaults to the published %s, with the source that publishes it', (key, value, published) => {
    expect(DEFAULT_INPUTS[key]).toBe(value);
    const spec = INPUT_SPECS.find((s) => s.key === key);
    expect(spec?.provenance).toBe('benchmark');
    // The cited source states the very figure used as the default.
    expect(spec?.source).toContain(published);
  });

  it('derives the daily vacancy cost from salary, and names no source for assumptions', () => {
    // $50,000 / 365 days = $136.99 a day.
    expect(DEFAULT_INPUTS.dailyVacancyCost).toBeCloseTo(136.9863, 4);
    expect(INPUT_SPECS.find((s) => s.key === 'dailyVacancyCost')?.provenance).toBe('derived');
    for (const s of INPUT_SPECS.filter((x) => x.provenance === 'assumed')) expect(s.source).toBeNull();
    expect(INPUT_SPECS.find((s) => s.key === 'platformFeeAnnual')?.provenance).toBe('assumed');
  });

  it('keeps every published range around its default', () => {
    for (const s of INPUT_SPECS) {
      if (s.publishedRange === null) continue;
      expect(s.publishedRange.low).toBeLessThanOrEqual(DEFAULT_INPUTS[s.key]);
      expect(s.publishedRange.high).toBeGreaterThanOrEqual(DEFAULT_INPUTS[s.key]);
    }
  });

  it.each([
    ['lerHireSharePct', 120, 'Hires arriving with an LER must be between 0 and 100%.'],
    ['lerHireSharePct', -5, 'Hires arriving with an LER must be between 0 and 100%.'],
    ['trainedLerSharePct', 100.5, 'Trainees whose credential is issued as an LER must be between 0 and 100%.'],
    ['annualHires', 10.5, 'Annual external hires must be a whole number, 0 or more.'],
    ['annualHires', -1, 'Annual external hires must be a whole number, 0 or more.'],
    ['employeesTrainedPerYear', 2.25, 'Employees trained per year must be a whole number, 0 or more.'],
    ['currentTimeToFillDays', -3, 'Current time-to-fill must be 0 days or more.'],
    ['replacementCostPct', 400, 'Replacement cost must be between 0 and 300% of salary.'],
    ['dailyVacancyCost', Number.NaN, 'Daily vacancy cost must be a number.'],
    ['staffHourlyCost', Number.POSITIVE_INFINITY, 'Staff cost per hour must be a number.'],
    ['platformFeeAnnual', -1, 'LER platform fee must be 0 USD/year or more.'],
  ] as const)('%s = %s: "%s"', (key, value, message) => {
    expect(validateInputs({ ...DEFAULT_INPUTS, [key]: value })).toEqual({ [key]: message });
  });

  it('reports every bad input at once', () => {
    expect(Object.keys(validateInputs({ ...DEFAULT_INPUTS, annualHires: -1, lerHireSharePct: 101 })).sort()).toEqual([
      'annualHires',
      'lerHireSharePct',
    ]);
  });
});

const SUPPRESSED: Suppressed = { n: null, suppressed: true };

/** A Kaplan-Meier group whose 12-month S has the given SE: σ = SE / S on the log scale, lo = S·e^(−zσ), hi = min(1, S·e^(zσ)). */
function surv(n: number, s: number, se: number): Surv {
  const sigma = se / s;
  const point = { s, lo: s * Math.exp(-Z_975 * sigma), hi: Math.min(1, s * Math.exp(Z_975 * sigma)), at_risk: n };
  return { n, events: 0, median_tenure_days: null, km: { '90': point, '180': point, '365': point } };
}

function figures(completions: number, promotions: number): UpskillingFigures {
  return {
    enrollments: completions,
    completions,
    trainees: completions,
    cost: 0,
    benefit: 0,
    promotions,
    completions_followed_365: completions,
    promotion_rate_365: completions > 0 ? promotions / completions : null,
    separations_avoided: null,
    roi_pct: null,
    bcr: null,
    payback_months: null,
    benefit_ci95: null,
    roi_pct_ci95: null,
    bcr_ci95: null,
    payback_months_ci95: null,
  };
}

function noDesign(outcome: DidOutcome): PilotDesign {
  const none = { sigma2: null, gamma: {}, employers_used: 0, cells_used: 0, mde: null, simulated_power_at_mde: null, runs: 0, seed: 1 };
  return { outcome, ...none, J: null, P: null, m: null, r: null };
}

function results(): ResultsFile {
  const dist = { n: 50, mean: 40, median: 38, p25: 30, p75: 50, p90: 60 };
  return {
    schema: 'ler-outcomes/results@1',
    data: 'employer data',
    as_of: '2025-12-31',
    filters: {},
    suppression_k: 10,
    counts: { employers: 20, hires: 1_000, enrollments: 200, rejected_rows: 0 },
    sources: { rows: { employers: 20, hires: 1_000 }, contributions: [] },
    time_to_fill: { ler: dist, non_ler: dist, mean_diff: { estimate: 0, ci95: [-1, 1] } },
    time_to_hire: { ler: dist, non_ler: dist, mean_diff: { estimate: 0, ci95: [-1, 1] } },
    cost_per_hire: { ler: 4_000, non_ler: 4_200 },
    // LER: S = 0.80 with SE 0.02; non-LER: S = 0.75 with SE 0.015.
    retention: { ler: surv(400, 0.8, 0.02), non_ler: surv(600, 0.75, 0.015), logrank: { chi2: 4, p: 0.0455 } },
    pilot_did: {
      outcome: 'time_to_fill_days',
      att: { estimate: -3, ci95: [-5, -1] },
      event_study: [],
      treated_employers: 12,
      control_employers: 8,
      dropped_cohorts: 0,
      pretrend: null,
      ler_share_post: 0.5,
      subgroups: { industry: [], size_band: [], region: [] },
    },
    pilot_did_retention: {
      outcome: 'retained_365',
      att: { estimate: 0.02, ci95: [-0.01, 0.05] },
      event_study: [],
      treated_employers: 12,
      control_employers: 8,
      dropped_cohorts: 0,
      pretrend: null,
      ler_share_post: 0.4,
    },
    retention_adjusted: {
      estimate: 0.06,
      ci95: [0.03, 0.09],
      strata: 30,
      dropped_strata: 0,
      ler_hires: 300,
      non_ler_hires: 500,
      logrank: { chi2: 9, p: 0.0027 },
    },
    pilot_design: noDesign('time_to_fill_days'),
    pilot_design_retention: noDesign('retained_365'),
    upskilling: {
      ...figures(200, 30),
      by_program: [],
      // LER credential: 20 of 100 promoted (0.2); other: 10 of 100 (0.1).
      by_credential_as_ler: { true: figures(100, 20), false: figures(100, 10) },
      assumptions: {
        ler_cost_per_credential: 0,
        internal_fill_saving: 4_700,
        internal_fill_saving_source: 'benchmark',
        replacement_cost_share: 0.21,
      },
    },
  };
}

describe('effectsFromResults', () => {
  const effects = effectsFromResults(results());

  it("takes time-to-fill from the DiD ATT per LER hire: ATT / s_p at the pilot's LER share (linear dose), n = treated + control employers", () => {
    // ATT −3 (−5 to −1) at s_p = 0.5: −6 (−10 to −2) days per LER hire.
    expect(effects.timeToFillDays).toMatchObject({ estimate: -6, low: -10, high: -2, n: 20, strength: 'did' });
    expect(effects.timeToFillDays?.source).toContain('difference-in-differences');
    expect(effects.timeToFillDays?.source).toContain('LER share of 50.0%');
  });

  it('takes the ATT as it is when the results give no LER share (a file from before it existed)', () => {
    const old = results();
    old.pilot_did.ler_share_post = null;
    expect(effectsFromResults(old).timeToFillDays).toMatchObject({ estimate: -3, low: -5, high: -1 });
    expect(effectsFromResults(old).timeToFillDays?.source).toContain('understates the effect');
  });

  it('takes retention from the retention DiD per LER hire, else the within-employer comparison, never the raw difference', () => {
    // ATT 0.02 (−0.01 to 0.05) at s_p = 0.4: 0.05 (−0.025 to 0.125) per LER hire.
    expect(effects.retention12mPoints).toMatchObject({
      estimate: expect.closeTo(0.05, 12),
      low: expect.closeTo(-0.025, 12),
      high: expect.closeTo(0.125, 12),
      n: 20,
      strength: 'did',
    });
    expect(effects.retention12mPoints?.source).toContain('ATT on 12-month retention 2.0 points');
    const noDid = results();
    noDid.pilot_did_retention.att = { estimate: null, ci95: null };
    const within = effectsFromResults(noDid).retention12mPoints;
    expect(within).toMatchObject({ estimate: 0.06, low: 0.03, high: 0.09, n: 800, strength: 'within_employer' });
    expect(within?.source).toContain('30 strata');
  });

  it("takes another pilot's retention effect as evidence when the data give neither, else the published benchmark", () => {
    const none = results();
    none.pilot_did_retention.att = { estimate: null, ci95: null };
    none.retention_adjusted = SUPPRESSED;
    const evidence = { name: 'other.json', results: results() };
    expect(effectsFromResults(none, evidence).retention12mPoints).toMatchObject({
      estimate: expect.closeTo(0.05, 12),
      strength: 'evidence',
    });
    expect(effectsFromResults(none, evidence).retention12mPoints?.source).toMatch(/^evidence: other\.json .*ATT on 12-month retention/);
    // A results file from before the retention estimates existed: the benchmark.
    const old = results() as Partial<ResultsFile>;
    delete old.pilot_did_retention;
    delete old.retention_adjusted;
    expect(effectsFromResults(none, { name: 'old.json', results: old as ResultsFile }).retention12mPoints).toEqual(RETENTION_BENCHMARK);
    expect(effectsFromResults(none).retention12mPoints).toEqual(RETENTION_BENCHMARK);
    expect(RETENTION_BENCHMARK).toMatchObject({ estimate: 0.1, low: 0, high: 0.1, n: null, strength: 'benchmark' });
    expect(RETENTION_BENCHMARK.source).toContain('Burning Glass Institute');
  });

  it('shows the raw retention difference as descriptive: S_ler(365) − S_non_ler(365) with a normal interval on the difference', () => {
    // 0.80 − 0.75 = 0.05; SE = √(0.02² + 0.015²) = 0.025; half-width 1.959964 × 0.025 = 0.0489991.
    const r = descriptiveEffects(results()).retention12mPoints;
    expect(r?.strength).toBe('descriptive');
    expect(r?.estimate).toBeCloseTo(0.05, 12);
    expect(r?.low).toBeCloseTo(0.05 - 0.0489991, 6);
    expect(r?.high).toBeCloseTo(0.05 + 0.0489991, 6);
    expect(r?.n).toBe(1_000);
  });

  it('takes promotion over completions followed a whole year only, and none from a file without those counts', () => {
    const r = results();
    // LER: 30 of 80 followed completions promoted (0.375); other: 10 of 50 (0.2). Difference 0.175,
    // SE = √(0.375 × 0.625 / 80 + 0.2 × 0.8 / 50) = √(0.0029296875 + 0.0032) = √0.0061296875.
    Object.assign(r.upskilling.by_credential_as_ler.true ?? {}, { completions_followed_365: 80, promotion_rate_365: 0.375 });
    Object.assign(r.upskilling.by_credential_as_ler.false ?? {}, { completions_followed_365: 50, promotion_rate_365: 0.2 });
    const p = effectsFromResults(r).promotionRatePoints;
    const half = 1.959963984540054 * Math.sqrt(0.0061296875);
    expect(p).toMatchObject({ estimate: expect.closeTo(0.175, 12), low: expect.closeTo(0.175 - half, 12), n: 130 });
    expect(p?.source).toContain('37.5% of 80');
    for (const g of ['true', 'false'] as const) {
      const figures = r.upskilling.by_credential_as_ler[g] as Partial<UpskillingFigures>;
      delete figures.completions_followed_365;
      delete figures.promotion_rate_365;
    }
    expect(effectsFromResults(r).promotionRatePoints).toBeNull();
  });

  it('takes promotion as a difference of proportions with a Wald interval', () => {
    // 0.2 − 0.1 = 0.1; SE = √(0.2 × 0.8 / 100 + 0.1 × 0.9 / 100) = √0.0025 = 0.05; half-width 0.0979982.
    const p = effects.promotionRatePoints;
    expect(p?.estimate).toBeCloseTo(0.1, 12);
    expect(p?.low).toBeCloseTo(0.1 - 0.0979982, 6);
    expect(p?.high).toBeCloseTo(0.1 + 0.0979982, 6);
    expect(p?.n).toBe(200);
  });

  it.each([
    [
      'a suppressed LER retention group',
      'retention12mPoints',
      (r: ResultsFile) => {
        r.retention.ler = SUPPRESSED;
      },
    ],
    [
      'a suppressed non-LER retention group',
      'retention12mPoints',
      (r: ResultsFile) => {
        r.retention.non_ler = SUPPRESSED;
      },
    ],
    [
      'no 12-month interval',
      'retention12mPoints',
      (r: ResultsFile) => {
        const ler = surv(400, 0.8, 0.02);
        ler.km['365'] = { s: 0.8, lo: null, hi: null, at_risk: 400 };
        r.retention.ler = ler;
      },
    ],
    [
      'a suppressed credential group',
      'promotionRatePoints',
      (r: ResultsFile) => {
        r.upskilling.by_credential_as_ler.false = SUPPRESSED;
      },
    ],
    [
      'a missing credential group',
      'promotionRatePoints',
      (r: ResultsFile) => {
        delete r.upskilling.by_credential_as_ler.true;
      },
    ],
    [
      'no completions',
      'promotionRatePoints',
      (r: ResultsFile) => {
        r.upskilling.by_credential_as_ler.true = figures(0, 0);
      },
    ],
    [
      'no ATT',
      'timeToFillDays',
      (r: ResultsFile) => {
        r.pilot_did.att = { estimate: null, ci95: null };
      },
    ],
    [
      'an ATT without an interval',
      'timeToFillDays',
      (r: ResultsFile) => {
        r.pilot_did.att = { estimate: -3, ci95: null };
      },
    ],
  ] as const)('gives null for %s, leaving the other effects', (_, key, change) => {
    const file = results();
    change(file);
    const changed = {
      ...effectsFromResults(file),
      ...descriptiveEffects(file),
      retention12mPoints: descriptiveEffects(file).retention12mPoints ?? null,
    };
    expect(changed[key]).toBeNull();
    for (const other of ['timeToFillDays', 'retention12mPoints', 'promotionRatePoints'] as const) {
      if (other !== key) expect(changed[other]).not.toBeNull();
    }
  });
});

describe('effects from the strongest source (DESIGN §4b)', () => {
  const other = (): ResultsFile => {
    const r = results();
    r.pilot_did.att = { estimate: -2.5, ci95: [-4, -1] };
    r.pilot_did.treated_employers = 30;
    r.pilot_did.control_employers = 25;
    const certificate = {
      median_time_to_fill: { ler: 0, non_ler: 0 },
      retention_365: { ler: 0, non_ler: 0 },
      pilot_att: 0,
      pilot_att_retention: 0,
      retention_adjusted: 0,
      roi_pct: 0,
    };
    const contribution = (id: string) => ({ id, employers: 20, as_of: '2025-12-31', k: 10, withheld_persons: 0, certificate });
    r.sources = { rows: null, contributions: [contribution('x'), contribution('y')] };
    return r;
  };
  const evidence = { name: 'state-pilot.json', results: other() };

  it("takes another pilot's ATT, as evidence, when the loaded data give none; the loaded data's DiD comes first", () => {
    const mine = results();
    mine.pilot_did.att = { estimate: null, ci95: null };
    const e = effectsFromResults(mine, evidence).timeToFillDays;
    expect(e).toMatchObject({ estimate: -5, low: -8, high: -2, n: 55, strength: 'evidence' });
    expect(e?.source).toContain('state-pilot.json');
    expect(e?.source).toContain('pooled from 2 contributions');
    expect(effectsFromResults(results(), evidence).timeToFillDays).toMatchObject({ estimate: -6, strength: 'did' });
  });

  it("takes another pilot's promotion difference as evidence when the loaded data have none, and nothing when neither has", () => {
    const mine = results();
    delete mine.upskilling.by_credential_as_ler.true;
    expect(effectsFromResults(mine, evidence).promotionRatePoints).toMatchObject({
      estimate: expect.closeTo(0.1, 12),
      strength: 'evidence',
    });
    expect(effectsFromResults(mine).promotionRatePoints).toBeNull();
    expect(effectsFromResults(results()).promotionRatePoints?.strength).toBe('descriptive');
  });

  it('reads a results file as evidence, and refuses in one line what is not one', () => {
    const text = JSON.stringify(other());
    expect(readEvidence(text, 'a.json').results.pilot_did.att.estimate).toBe(-2.5);
    expect(() => readEvidence('{oops', 'b.json')).toThrow(/^b\.json is not JSON/);
    expect(() => readEvidence(JSON.stringify({ schema: 'ler-outcomes/contribution@1' }), 'c.json')).toThrow(/not a results file/);
    const noDid = JSON.parse(text) as Record<string, unknown>;
    delete noDid.pilot_did;
    expect(() => readEvidence(JSON.stringify(noDid), 'd.json')).toThrow(/no readable pilot_did/);
    const badSplit = JSON.parse(text) as ResultsFile;
    (badSplit.upskilling.by_credential_as_ler as Record<string, unknown>).true = { completions: 'many' };
    expect(() => readEvidence(JSON.stringify(badSplit), 'e.json')).toThrow(/upskilling split/);
    const badRetention = JSON.parse(text) as Record<string, unknown>;
    badRetention.pilot_did_retention = { att: { estimate: 'high' } };
    expect(() => readEvidence(JSON.stringify(badRetention), 'f.json')).toThrow(/unreadable pilot_did_retention/);
    const badAdjusted = JSON.parse(text) as Record<string, unknown>;
    badAdjusted.retention_adjusted = { estimate: 0.1, ci95: [0, 1] };
    expect(() => readEvidence(JSON.stringify(badAdjusted), 'g.json')).toThrow(/unreadable retention_adjusted/);
    expect(readEvidence(text, 'a.json').results.retention_adjusted).toMatchObject({ estimate: 0.06, strata: 30 });
    for (const bad of ['d.json', 'e.json']) expect(() => readEvidence('[]', bad)).toThrow(EvidenceRejected);
  });
});

describe('overrideEffect', () => {
  it('marks a user value as an assumption without n', () => {
    const measured = effectsFromResults(results()).timeToFillDays;
    const assumed = overrideEffect(measured, -2);
    expect(assumed).toMatchObject({ estimate: -2, low: -2, high: -2, n: null, strength: 'assumed' });
    expect(assumed.source).toBe('assumed: user override (did estimate -6)');
  });

  it('takes an optional range, widened to contain the value, and works with no measured effect', () => {
    expect(overrideEffect(null, 0.05, { low: 0.08, high: 0.02 })).toMatchObject({
      estimate: 0.05,
      low: 0.02,
      high: 0.08,
      strength: 'assumed',
    });
    expect(overrideEffect(null, 0.1, { low: 0.02, high: 0.08 })).toMatchObject({ low: 0.02, high: 0.1 });
    expect(overrideEffect(null, 0.05).source).toBe('assumed: user override (no estimate)');
  });

  it('flows into the business case: an assumed effect replaces the measured one in every scenario', () => {
    const effects = { ...EFFECTS, retention12mPoints: overrideEffect(EFFECTS.retention12mPoints, 0.1) };
    // 50 LER hires × 0.1 × $10,000 = $50,000 in all three scenarios.
    for (const s of SCENARIOS) expect(calculateBusinessCase(INPUTS, effects, s).value.turnoverAvoided).toBeCloseTo(50_000, 6);
  });
});
