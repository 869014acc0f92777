/**
 * Self-check of the reference retention estimators (test/support/reference-metrics.ts: retentionDid,
 * retentionAdjusted) on tiny hand-made records, against values worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../support/plain-csv';
import { retentionAdjusted, retentionDid, staggeredDid } from '../support/reference-metrics';
import { adjustedHires, AS_OF, didEmployers, didHires, employer, hire } from '../support/retention-fixtures';

const tenure = (started: string, separated: string) => dayNumber(separated) - dayNumber(started);

describe('hand-made data: the day counts the expectations rely on', () => {
  it('tenures and the full-follow-up boundary are as the comments say', () => {
    expect(tenure('2024-04-01', '2024-07-10')).toBe(100);
    expect(tenure('2024-07-01', '2025-07-02')).toBe(366);
    expect(tenure('2024-10-01', '2025-10-01')).toBe(365);
    expect(tenure('2024-08-01', '2024-09-20')).toBe(50);
    expect(tenure('2024-12-31', AS_OF)).toBe(365); // 2024Q4 is the last quarter with full follow-up
    expect(tenure('2024-02-01', '2024-05-11')).toBe(100);
    expect(tenure('2024-03-01', AS_OF)).toBe(670);
    expect(tenure('2024-04-01', '2025-04-01')).toBe(365);
    expect(tenure('2024-05-01', '2025-05-02')).toBe(366);
    expect(tenure('2024-06-01', '2024-12-18')).toBe(200);
    expect(tenure('2024-09-01', '2024-10-01')).toBe(30);
    expect(tenure('2024-09-01', '2024-10-31')).toBe(60);
  });
});

const Q = (year: number, quarter: number) => year * 4 + quarter - 1;

describe('retentionDid (DESIGN §4b pilot_did_retention)', () => {
  it('one treated and one control employer over three quarters: ATT 0.5, event study 0 / 1 / 0', () => {
    const did = retentionDid(didEmployers, didHires, AS_OF);
    expect(did.att).toBeCloseTo(0.5, 12);
    expect(did.eventStudy).toEqual([
      { e: -1, estimate: 0, n: 2 },
      { e: 0, estimate: 1, n: 2 },
      { e: 1, estimate: 0, n: 2 },
    ]);
    expect(did.cells).toEqual([
      { g: Q(2024, 3), t: Q(2024, 2), e: -1, n: 2, att: 0 },
      { g: Q(2024, 3), t: Q(2024, 3), e: 0, n: 2, att: 1 },
      { g: Q(2024, 3), t: Q(2024, 4), e: 1, n: 2, att: 0 },
    ]);
    expect(did.treatedEmployers).toBe(1);
    expect(did.controlEmployers).toBe(2); // C and N (N adopts after the as-of date)
    expect(did.droppedCohorts).toBe(0);
    expect(did.lerSharePost).toBeCloseTo(3 / 4, 12);
  });

  it('a hire separated on tenure day 365 is not retained, on day 366 it is', () => {
    // Flip T's 2024Q3 leaver from day 366 to day 365: T 2024Q3 = 1/2, ATT(g, 2024Q3) = 0 − (−1/2) = 1/2.
    const flipped = didHires.map((h) => (h['separated_on'] === '2025-07-02' ? { ...h, separated_on: '2025-07-01' } : h));
    expect(tenure('2024-07-01', '2025-07-01')).toBe(365);
    const did = retentionDid(didEmployers, flipped, AS_OF);
    expect(did.eventStudy.find((p) => p.e === 0)?.estimate).toBeCloseTo(0.5, 12);
    expect(did.att).toBeCloseTo((2 * 0.5 + 2 * 0) / 4, 12);
  });

  it('a cohort whose base quarter lacks full follow-up is dropped and counted; the rest is unchanged', () => {
    // U adopts 2025-04-20: g = 2025Q2, base 2025Q1 has no full follow-up, so Ȳ(g, g−1) is missing.
    // Its 2024Q3 hire makes it a unit (a treated employer); it is in no cell.
    const employers = [...didEmployers, employer('U', '2025-04-20')];
    const hires = [...didHires, hire({ employer_id: 'U', started_on: '2024-08-01' }), hire({ employer_id: 'U', started_on: '2025-02-01' })];
    const did = retentionDid(employers, hires, AS_OF);
    expect(did.droppedCohorts).toBe(1);
    expect(did.treatedEmployers).toBe(2);
    expect(did.controlEmployers).toBe(2);
    expect(did.att).toBeCloseTo(0.5, 12);
    expect(did.cells.map((c) => c.g)).toEqual([Q(2024, 3), Q(2024, 3), Q(2024, 3)]);
    expect(did.lerSharePost).toBeCloseTo(3 / 4, 12); // U has no observation with t ≥ g
  });

  it('full follow-up boundary: as of 2025-12-30, 2024Q4 (last day + 365 = 2025-12-31) drops out', () => {
    // Left: cells e = −1 (0) and e = 0 (1), ATT = 1; N's only hire is in 2024Q4, so N is no longer a unit.
    const did = retentionDid(didEmployers, didHires, '2025-12-30');
    expect(did.cells.map((c) => [c.e, c.att])).toEqual([
      [-1, 0],
      [0, 1],
    ]);
    expect(did.att).toBe(1);
    expect([did.treatedEmployers, did.controlEmployers]).toEqual([1, 1]);
    expect(did.lerSharePost).toBe(1); // T's two 2024Q3 hires, both LER
  });

  it('no adopter observation after adoption: lerSharePost null, ATT null', () => {
    const did = retentionDid(
      [employer('T', '2024-08-15'), employer('C', '')],
      [hire({ employer_id: 'C', started_on: '2024-02-01' })],
      AS_OF,
    );
    expect(did.lerSharePost).toBeNull();
    expect(did.att).toBeNull();
    expect(did.treatedEmployers).toBe(0);
    expect(did.controlEmployers).toBe(1);
  });
});

describe('staggeredDid (time to fill) over the shared implementation', () => {
  it('base quarter, post quarter: ATT = (12 − 20) − (25 − 30) = −3', () => {
    // T (g = 2024Q3): opened 2024Q2 → 20 days, 2024Q3 → 12 days. C: 2024Q2 → 30 days, 2024Q3 → 25 days.
    // A hire whose offer is accepted after the as-of date does not count.
    const hires = [
      hire({ employer_id: 'T', requisition_opened_on: '2024-05-01', offer_accepted_on: '2024-05-21' }),
      hire({ employer_id: 'T', requisition_opened_on: '2024-08-01', offer_accepted_on: '2024-08-13' }),
      hire({ employer_id: 'T', requisition_opened_on: '2024-08-01', offer_accepted_on: '2026-01-01' }),
      hire({ employer_id: 'C', requisition_opened_on: '2024-05-01', offer_accepted_on: '2024-05-31' }),
      hire({ employer_id: 'C', requisition_opened_on: '2024-08-01', offer_accepted_on: '2024-08-26' }),
    ];
    const did = staggeredDid([employer('T', '2024-08-15'), employer('C', '')], hires, AS_OF);
    expect(did.att).toBe(-3);
    expect(did.eventStudy).toEqual([
      { e: -1, estimate: 0, n: 1 },
      { e: 0, estimate: -3, n: 1 },
    ]);
    expect([did.treatedEmployers, did.controlEmployers, did.droppedCohorts]).toEqual([1, 1, 0]);
  });
});

describe('retentionAdjusted (DESIGN §4b retention_adjusted)', () => {
  const result = retentionAdjusted(adjustedHires, AS_OF);

  it('LER-weighted difference of S(365) over the kept strata, with its Greenwood SE and interval', () => {
    const se = Math.sqrt(43 / 24) / 4;
    expect(result.estimate).toBeCloseTo(0.125, 12);
    expect(result.se).toBeCloseTo(se, 12);
    expect(result.lo).toBeCloseTo(0.125 - 1.959963984540054 * se, 12);
    expect(result.hi).toBeCloseTo(0.125 + 1.959963984540054 * se, 12);
  });

  it('kept strata (one with S = 0, V = 0), single-group strata neither kept nor dropped, hire counts', () => {
    expect(result.strata).toBe(2);
    expect(result.droppedStrata).toBe(0);
    expect(result.lerHires).toBe(4);
    expect(result.nonLerHires).toBe(4);
  });

  it('stratified log-rank truncated at day 365', () => {
    expect(result.logrank.observedMinusExpected).toBeCloseTo(-3 / 5, 12);
    expect(result.logrank.variance).toBeCloseTo(1066 / 900, 12);
    expect(result.logrank.chi2).toBeCloseTo(324 / 1066, 12);
  });

  it('stratum B alone: S_ler = 1, S_non = 0 with V = 0 gives difference 1 and SE 0', () => {
    const b = retentionAdjusted(
      adjustedHires.filter((h) => h['occupation'] === ''),
      AS_OF,
    );
    expect(b.estimate).toBe(1);
    expect(b.se).toBe(0);
    expect([b.lo, b.hi]).toEqual([1, 1]);
    expect(b.strata).toBe(1);
  });

  it('full follow-up boundary: started_on + 365 = as-of is in, one day later is out', () => {
    // As of 2025-06-30. LER: started 2024-01-10, still employed: S = 1. Non-LER: started 2024-06-30
    // (+365 = 2025-06-30, in), leaves day 10: S = 0; started 2024-07-01 (+365 = 2025-07-01, out), still
    // employed. Estimate 1 − 0 = 1 over one kept stratum. Had the late hire counted, it would be
    // censored at day 364, the non-LER S(365) would not be estimable and the stratum would be dropped.
    expect(tenure('2024-06-30', '2025-06-30')).toBe(365);
    const boundary = retentionAdjusted(
      [
        hire({ employer_id: 'E', started_on: '2024-01-10', ler_verified: 'true' }),
        hire({ employer_id: 'E', started_on: '2024-06-30', separated_on: '2024-07-10' }),
        hire({ employer_id: 'E', started_on: '2024-07-01' }),
      ],
      '2025-06-30',
    );
    expect([boundary.estimate, boundary.se, boundary.strata, boundary.droppedStrata]).toEqual([1, 0, 1, 0]);
    expect([boundary.lerHires, boundary.nonLerHires]).toEqual([1, 1]);
  });

  it('no stratum with both groups: estimate, interval and SE are null, nothing kept or dropped', () => {
    const none = retentionAdjusted(
      adjustedHires.filter((h) => h['employer_id'] === 'E2'),
      AS_OF,
    );
    expect([none.estimate, none.lo, none.hi, none.se]).toEqual([null, null, null, null]);
    expect([none.strata, none.droppedStrata, none.lerHires, none.nonLerHires]).toEqual([0, 0, 0, 0]);
  });
});
