import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import type { Filters } from '../../src/metrics/filters';
import { durationHistogramSql, readHistogram } from '../../src/metrics/hiring';
import { computeResults, type ResultsFile } from '../../src/metrics/results';
import { atRiskSql, readRetentionCurve, retentionCurveSql } from '../../src/metrics/retention';
import { DEFAULT_UPSKILLING_ASSUMPTIONS, type UpskillingAssumptions } from '../../src/metrics/upskilling';
import { freshEngine } from '../support/engine';
import { fileOf } from '../support/files';
import { shown } from '../support/shown';

/** Hand-checkable fixtures: every expected number below is worked out in the comments beside it. */
let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});

const Z = 1.959963984540054;
const HIRES_HEADER =
  'hire_id,employer_id,person_id,occupation,requisition_opened_on,applied_on,offer_accepted_on,started_on,separated_on,separation_type,ler_verified,hiring_cost';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function load(files: Record<string, string>) {
  await clearDataset(engine);
  const reports = await ingestFiles(
    engine,
    Object.entries(files).map(([name, text]) => fileOf(name, text)),
  );
  for (const r of reports) expect([r.file, r.error, r.rowsRejected]).toEqual([r.file, null, 0]);
}

const results = (asOf: string, k: number, filters: Filters = {}, assumptions: UpskillingAssumptions = DEFAULT_UPSKILLING_ASSUMPTIONS) =>
  computeResults((sql) => engine.query(sql), filters, { asOf, k }, assumptions);

describe('hiring and the pilot DiD on a hand-made panel', () => {
  // Quarters 2023Q1..Q4. A adopts in Q2, B in Q3, E in Q1 (no 2022Q4 hires: its base is missing), C and D never.
  // Time-to-fill days per employer and quarter; A's and B's hires from their adoption quarter on are LER-verified.
  const panel: Record<string, (number[] | null)[]> = {
    A: [[20, 30], [10], [12, 14], null],
    B: [[40], [30, 34], [20], [22]],
    C: [[30], [32], [30], null],
    D: [[34], [36], [34, 32], null],
    E: [[50], [40], null, null],
  };
  const lerFromQuarter: Record<string, number> = { A: 1, B: 2 };
  const quarterStart = ['2023-01-10', '2023-04-10', '2023-07-10', '2023-10-10'];
  let hires = HIRES_HEADER;
  let id = 0;
  for (const [employer, quarters] of Object.entries(panel)) {
    quarters.forEach((days, q) => {
      for (const d of days ?? []) {
        const n = ++id;
        const opened = quarterStart[q] ?? '';
        const ler = q >= (lerFromQuarter[employer] ?? Infinity);
        const cost = ler ? (n % 2 === 0 ? '1000' : '3000') : '500';
        hires += `\nH${n},${employer},P${n},Sales,${opened},${addDays(opened, Math.floor(d / 2))},${addDays(opened, d)},${addDays(opened, d + 10)},,,${ler},${cost}`;
      }
    });
  }
  const employers =
    'employer_id,industry,ler_adopted_on\nA,Retail,2023-04-10\nB,Retail,2023-07-05\nC,Retail,\nD,Health,\nE,Health,2023-01-15';
  let r: ResultsFile;
  beforeAll(async () => {
    await load({ 'employers.csv': employers, 'hires.csv': hires });
    r = await results('2024-06-30', 1);
  });

  it('describes time-to-fill per group by R type 7 quantiles', () => {
    // LER: 10, 12, 14, 20, 22 → n 5, mean 78/5, median 14, p25 (h = 1) 12, p75 (h = 3) 20, p90 (h = 3.6) 20 + 0.6·2.
    expect(shown(r.time_to_fill.ler)).toEqual({ n: 5, mean: 15.6, median: 14, p25: 12, p75: 20, p90: expect.closeTo(21.2, 12) });
    // Other: 20, 30×4, 32×2, 34×3, 36, 40×2, 50 → n 14, mean 472/14; median h = 6.5 → (32 + 34)/2;
    // p25 h = 3.25 → 30; p75 h = 9.75 → 34 + 0.75·2; p90 h = 11.7 → 40.
    expect(shown(r.time_to_fill.non_ler)).toEqual({
      n: 14,
      mean: expect.closeTo(472 / 14, 12),
      median: 33,
      p25: 30,
      p75: 35.5,
      p90: expect.closeTo(40, 12),
    });
    expect(r.time_to_fill.mean_diff.estimate).toBeCloseTo(15.6 - 472 / 14, 12);
    const [lo, hi] = r.time_to_fill.mean_diff.ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThan(15.6 - 472 / 14);
    expect(hi).toBeGreaterThan(15.6 - 472 / 14);
  });

  it('measures time-to-hire from applied_on', () => {
    // applied_on = opened + ⌊d/2⌋, so time-to-hire = d − ⌊d/2⌋: LER 5, 6, 7, 10, 11.
    expect(shown(r.time_to_hire.ler)).toMatchObject({ n: 5, mean: 39 / 5, median: 7 });
  });

  it('divides hiring cost by the hires that have one', () => {
    // LER hires H3, H4, H5, H9, H10 (even ids cost 1000, odd 3000): 3000 + 1000 + 3000 + 3000 + 1000 = 11,000 over 5.
    expect(r.cost_per_hire).toEqual({ ler: 2200, non_ler: 500 });
  });

  it('gives ATT(g,t), the event study and the overall ATT worked by hand', () => {
    // Controls Ȳ(∞,t): Q1 (30 + 34)/2 = 32, Q2 (32 + 36)/2 = 34, Q3 (30 + 34 + 32)/3 = 32, Q4 missing.
    // A (g = Q2, base Q1: Ȳ 25 vs 32): ATT(Q2) = (10 − 25) − (34 − 32) = −17 (N 1); ATT(Q3) = (13 − 25) − (32 − 32) = −12 (N 2).
    // B (g = Q3, base Q2: Ȳ 32 vs 34): ATT(Q1) = (40 − 32) − (32 − 34) = 10 (e −2); ATT(Q3) = (20 − 32) − (32 − 34) = −10; Q4 has no controls: skipped.
    // E (g = Q1) has no base quarter: dropped.
    const did = r.pilot_did;
    expect(did.event_study.map((x) => [x.e, 'estimate' in x ? x.estimate : null, x.n])).toEqual([
      [-2, 10, 1],
      [-1, 0, 4],
      [0, (-17 - 10) / 2, 2],
      [1, -12, 2],
    ]);
    expect(did.att.estimate).toBeCloseTo((-17 * 1 - 12 * 2 - 10 * 1) / 4, 12);
    expect([did.treated_employers, did.control_employers, did.dropped_cohorts]).toEqual([3, 2, 1]);
    const [lo, hi] = did.att.ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(hi);
  });

  it('applies filters to every metric', async () => {
    // Without B and E, only A is treated: overall ATT = (−17·1 − 12·2)/3; the LER hires are A's three; hires 5 + 3 + 4.
    const filtered = await results('2024-06-30', 1, { employer_id: ['A', 'C', 'D'] });
    expect(filtered.pilot_did.att.estimate).toBeCloseTo(-41 / 3, 12);
    expect(shown(filtered.time_to_fill.ler)).toMatchObject({ n: 3, mean: 12 });
    expect(filtered.counts).toMatchObject({ employers: 3, hires: 12 });
    // Health is D (4 hires) and E (2); 2023Q3 requisitions: A 2, B 1, C 1, D 2.
    const byIndustry = await results('2024-06-30', 1, { industry: ['Health'] });
    expect(byIndustry.counts).toMatchObject({ employers: 2, hires: 6 });
    const byPeriod = await results('2024-06-30', 1, { period: { from: '2023-07-01', to: '2023-09-30' } });
    expect(byPeriod.counts.hires).toBe(6);
    expect(shown(byPeriod.time_to_fill.ler)).toMatchObject({ n: 3, mean: (12 + 14 + 20) / 3 });
  });

  it('suppresses groups and cells under k, and the comparisons that would reveal them', async () => {
    const k6 = await results('2024-06-30', 6);
    expect(k6.time_to_fill.ler).toEqual({ n: null, suppressed: true });
    expect(k6.time_to_fill.mean_diff).toEqual({ estimate: null, ci95: null });
    expect(k6.cost_per_hire.ler).toEqual({ n: null, suppressed: true });
    expect(shown(k6.time_to_fill.non_ler).n).toBe(14);
    expect(k6.pilot_did.event_study.every((x) => 'suppressed' in x)).toBe(true);
    expect(k6.counts.hires).toBe(19);
  });

  it('answers an empty filter result with suppressed groups and zero counts, not an error', async () => {
    const none = await results('2024-06-30', 1, { employer_id: ['nobody'] });
    expect(none.counts).toEqual({ employers: 0, hires: 0, enrollments: 0, rejected_rows: 0 });
    expect(none.time_to_fill).toEqual({
      ler: { n: null, suppressed: true },
      non_ler: { n: null, suppressed: true },
      mean_diff: { estimate: null, ci95: null },
    });
    expect(none.retention.logrank).toEqual({ chi2: null, p: null });
    expect(none.pilot_did).toMatchObject({
      att: { estimate: null, ci95: null },
      event_study: [],
      treated_employers: 0,
      control_employers: 0,
    });
  });

  it('gives identical results, bootstrap included, every time', async () => {
    expect(await results('2024-06-30', 1)).toEqual(r);
  });
});

describe('the time-to-fill histogram suppresses each bin under k hires, and enough others that none can be worked out', () => {
  // k = 3. LER hires by time-to-fill: 5 in the 0–6 day bin, 4 in 7–13, 1 in 14–20 (under k), 3 in 21–27.
  // The 14–20 bin alone could be worked out from the group's n, so the next smallest (21–27, 3) goes too:
  // together they hold 4 ≥ k. Other hires: 3 in 0–6 and 3 in 7–13, all shown; 2 in total would be hidden.
  const days = { ler: [2, 2, 3, 4, 6, 8, 9, 10, 12, 15, 21, 22, 27], non_ler: [1, 1, 1, 7, 7, 7] };
  const hires = [
    HIRES_HEADER,
    ...Object.entries(days).flatMap(([grp, ds]) =>
      ds.map((d, i) => `${grp}${i},X,,,${addDays('2024-01-01', -d)},,2024-01-01,2024-01-15,,,${grp === 'ler'},`),
    ),
  ].join('\n');
  beforeAll(async () => {
    await load({ 'employers.csv': 'employer_id\nX', 'hires.csv': hires });
  });

  it('draws only bins of k or more, as shares of the whole group', async () => {
    const settings = { asOf: '2024-06-30', k: 3 };
    const { bins, hidden, suppressedBins } = readHistogram(await engine.query(durationHistogramSql({}, settings, 'time_to_fill')), 3);
    expect(bins.map((b) => [b.grp, b.bin, b.hires, b.share])).toEqual([
      ['ler', 0, 5, 5 / 13],
      ['non_ler', 0, 3, 3 / 6],
      ['ler', 7, 4, 4 / 13],
      ['non_ler', 7, 3, 3 / 6],
    ]);
    expect([hidden, suppressedBins]).toEqual([[], 2]);
  });

  it('hides a whole group under k hires', async () => {
    const { bins, hidden } = readHistogram(await engine.query(durationHistogramSql({}, { asOf: '2024-06-30', k: 7 }, 'time_to_fill')), 7);
    expect(hidden).toEqual(['non_ler']);
    // LER alone at k = 7: every bin is under 7, so all are suppressed.
    expect(bins).toEqual([]);
  });
});

describe('retention on a hand-made cohort with censoring at the as-of date', () => {
  // As of 2024-06-30. LER: two leave after 30 days (a tie), one leaves on the as-of date itself (day 181,
  // observed), one leaves after it (censored at 181), one starts after it (excluded).
  // Other: leaves after 10 days, after 20 days, one stays (censored at 181).
  const rows = [
    ['h1', '2024-01-01', '2024-01-31', true],
    ['h2', '2024-01-01', '2024-01-31', true],
    ['h3', '2024-01-01', '2024-06-30', true],
    ['h4', '2024-01-01', '2024-08-01', true],
    ['h5', '2024-07-15', '', true],
    ['h6', '2024-01-01', '', false],
    ['h7', '2024-03-01', '2024-03-11', false],
    ['h8', '2024-03-01', '2024-03-21', false],
  ] as const;
  const hires = [
    HIRES_HEADER,
    ...rows.map(([id, start, sep, ler]) => `${id},X,,,${addDays(start, -40)},,${addDays(start, -10)},${start},${sep},,${ler},`),
  ].join('\n');
  let r: ResultsFile;
  beforeAll(async () => {
    await load({ 'employers.csv': 'employer_id\nX', 'hires.csv': hires });
    r = await results('2024-06-30', 1);
  });

  it('gives Kaplan-Meier, Greenwood intervals and median tenure worked by hand', () => {
    // LER: day 30 four at risk, two leave → S = 1/2 (Greenwood 2/(4·2)); day 181 two at risk, one leaves → 1/4.
    const ler = shown(r.retention.ler);
    expect([ler.n, ler.events, ler.median_tenure_days]).toEqual([4, 3, 30]);
    const se90 = Math.sqrt(2 / (4 * 2));
    // At risk at 90 and 180: h3 and h4 (tenure 181 each).
    expect(ler.km['90']).toEqual({ s: 0.5, lo: expect.closeTo(0.5 * Math.exp(-Z * se90), 12), hi: 1, at_risk: 2 });
    expect(shown(ler.km['180']).s).toBe(0.5);
    // Nobody was followed to day 365: not estimated.
    expect(ler.km['365']).toEqual({ s: null, lo: null, hi: null, at_risk: 0 });
    // Other: day 10 three at risk → 2/3; day 20 two at risk → 1/3; median 20.
    const other = shown(r.retention.non_ler);
    expect([other.n, other.events, other.median_tenure_days]).toEqual([3, 2, 20]);
    expect(shown(other.km['90']).s).toBeCloseTo(1 / 3, 12);
    const se = Math.sqrt(1 / (3 * 2) + 1 / (2 * 1));
    expect(shown(other.km['90']).lo).toBeCloseTo((1 / 3) * Math.exp(-Z * se), 12);
  });

  it('suppresses each S(t) with fewer than k at risk at t, and stops the curve where fewer than k are at risk', async () => {
    // k = 2: both groups are shown (4 and 3 hires). LER has 2 at risk at 90 (h3, h4), other hires 1 (h6).
    const k2 = await results('2024-06-30', 2);
    expect(shown(shown(k2.retention.ler).km['90']).s).toBe(0.5);
    expect(shown(k2.retention.non_ler).km['90']).toEqual({ n: null, suppressed: true });
    // The other hires' curve: day 10 (3 at risk) and day 20 (2 at risk) are drawn; LER's day 181 has 2 at risk and is drawn.
    const settings = { asOf: '2024-06-30', k: 2 };
    const curve = readRetentionCurve(
      await engine.query(retentionCurveSql({}, settings)),
      await engine.query(atRiskSql({}, settings, [0])),
      2,
    );
    expect(curve.points.map((p) => [p.grp, p.day])).toEqual([
      ['ler', 30],
      ['ler', 181],
      ['non_ler', 10],
      ['non_ler', 20],
    ]);
    // k = 3: the other hires' day 20 (2 at risk) and LER's day 181 (2 at risk) are not.
    const k3 = readRetentionCurve(
      await engine.query(retentionCurveSql({}, { ...settings, k: 3 })),
      await engine.query(atRiskSql({}, settings, [0])),
      3,
    );
    expect(k3.points.map((p) => [p.grp, p.day])).toEqual([
      ['ler', 30],
      ['non_ler', 10],
    ]);
  });

  it('gives the log-rank chi-square worked by hand', () => {
    // Event days (at risk LER, other; events): 10 (4, 3; other 1), 20 (4, 2; other 1), 30 (4, 1; LER 2), 181 (2, 1; LER 1).
    const oMinusE = 0 - 4 / 7 + (0 - 4 / 6) + (2 - (2 * 4) / 5) + (1 - 2 / 3);
    const v = (4 / 7) * (3 / 7) + (4 / 6) * (2 / 6) + 2 * (4 / 5) * (1 / 5) * (3 / 4) + (2 / 3) * (1 / 3);
    expect(r.retention.logrank.chi2).toBeCloseTo(oMinusE ** 2 / v, 12);
    // For 1 df, P(χ² > x) = P(|Z| > √x); check against the normal tail at a textbook point instead of the library.
    expect(r.retention.logrank.p).toBeGreaterThan(0.5);
    expect(r.retention.logrank.p).toBeLessThan(0.7);
  });
});

describe('upskilling ROI on a hand-made employer', () => {
  // Employer X, as of 2024-12-31. P1 and P2 enroll (90 and 180 days after starting); P3, P4, P5 never do.
  const hires = [
    HIRES_HEADER,
    'h1,X,P1,,2022-12-01,,2022-12-20,2023-01-01,,,false,4000',
    'h2,X,P2,,2022-12-01,,2022-12-20,2023-01-01,,,false,5000',
    'h3,X,P3,,2022-12-01,,2022-12-20,2023-01-01,2023-03-01,voluntary,false,',
    'h4,X,P4,,2022-12-01,,2022-12-20,2023-01-01,,,false,',
    'h5,X,P5,,2022-12-01,,2022-12-20,2023-01-01,2023-12-01,voluntary,false,',
  ].join('\n');
  const training = [
    'enrollment_id,employer_id,person_id,program,started_on,completed_on,cost,hours,credential_as_ler,wage_before,wage_after,promoted_on',
    'T1,X,P1,Alpha,2023-04-01,2023-05-01,1000,20,true,52000,,2023-11-01',
    'T2,X,P2,Alpha,2023-06-30,,500,,false,41600,,',
  ].join('\n');
  let r: ResultsFile;
  beforeAll(async () => {
    await load({ 'employers.csv': 'employer_id\nX', 'hires.csv': hires, 'training.csv': training });
    r = await results('2024-12-31', 1);
  });

  it('totals fully loaded costs and first-year benefits', () => {
    // C = 1000 + 500 + 20 h × 52,000/2080 = 2000. Promotions: T1, 184 days after completion → 1.
    // Saving = mean hiring_cost 4500. Trainees P1 (clock 640 days, stays), P2 (550 days, stays): S_t(365) = 1.
    // L = median(90, 180) = 135; comparison at L: P4 (stays), P5 (left at tenure 334 → clock 199); P3 left before L.
    // S_c(365) = 1/2 → separations avoided = 2 × (1 − 1/2) = 1; replacement = 21% × mean(52,000, 41,600) = 9828.
    const benefit = 1 * 4500 + 1 * 0.21 * 46800;
    expect(shown(r.upskilling)).toMatchObject({
      enrollments: 2,
      completions: 1,
      trainees: 2,
      promotions: 1,
      cost: 2000,
      separations_avoided: 1,
      benefit: expect.closeTo(benefit, 9),
      roi_pct: expect.closeTo(((benefit - 2000) / 2000) * 100, 9),
      bcr: expect.closeTo(benefit / 2000, 12),
      payback_months: expect.closeTo((12 * 2000) / benefit, 12),
    });
    expect(r.upskilling.assumptions).toEqual({
      ler_cost_per_credential: 0,
      internal_fill_saving: 4500,
      internal_fill_saving_source: 'measured: mean hiring_cost of the filtered hires',
      replacement_cost_share: 0.21,
    });
  });

  it('splits by credential_as_ler and by program', () => {
    // true: T1 only. C = 1500; trainee P1 (L = 90); comparison P4 (stays), P5 (clock 244, leaves) → S_c = 1/2;
    // avoided 1 × 1/2; replacement 21% × 52,000. false: T2 only. C = 500; L = 180; avoided 1/2; replacement 21% × 41,600.
    expect(shown(r.upskilling.by_credential_as_ler.true)).toMatchObject({
      cost: 1500,
      promotions: 1,
      separations_avoided: 0.5,
      benefit: expect.closeTo(4500 + 0.5 * 0.21 * 52000, 9),
    });
    expect(shown(r.upskilling.by_credential_as_ler.false)).toMatchObject({
      cost: 500,
      promotions: 0,
      separations_avoided: 0.5,
      benefit: expect.closeTo(0.5 * 0.21 * 41600, 9),
    });
    const breakdowns = new Set(['by_program', 'by_credential_as_ler', 'assumptions']);
    const overall = Object.fromEntries(Object.entries(r.upskilling).filter(([key]) => !breakdowns.has(key)));
    expect(r.upskilling.by_program).toEqual([{ program: 'Alpha', ...overall }]);
  });

  it('uses the assumptions the user sets', async () => {
    const custom = await results('2024-12-31', 1, {}, { lerCostPerCredential: 100, internalFillSaving: 1000, replacementCostShare: 0.5 });
    // C = 2000 + 100 × 1 LER credential; B = 1 × 1000 + 1 × 50% × 46,800.
    expect(shown(custom.upskilling)).toMatchObject({ cost: 2100, benefit: expect.closeTo(1000 + 23400, 9) });
    expect(custom.upskilling.assumptions.internal_fill_saving_source).toBe('assumed');
  });

  it('suppresses programs with fewer than k people', async () => {
    const k3 = await results('2024-12-31', 3);
    expect(k3.upskilling.by_program).toEqual([{ program: 'Alpha', n: null, suppressed: true }]);
    expect('enrollments' in k3.upskilling).toBe(false);
  });
});
