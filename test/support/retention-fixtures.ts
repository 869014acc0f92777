/**
 * Hand-made hires and employers for the retention effects of DESIGN §4b, with every expected figure
 * worked out in the comments: the plain reference (test/unit/reference-retention.test.ts) and the
 * product on the engine (test/integration/retention-effects.test.ts) are both checked against them.
 */
import type { CsvRecord } from './reference-metrics';

export const AS_OF = '2025-12-31';

/** A hire record with every field the estimators read ('' unless given). */
export const hire = (fields: Partial<Record<string, string>>): CsvRecord => ({
  employer_id: '',
  occupation: '',
  started_on: '',
  separated_on: '',
  ler_verified: 'false',
  requisition_opened_on: '',
  offer_accepted_on: '',
  ...fields,
});
export const employer = (employer_id: string, ler_adopted_on: string): CsvRecord => ({ employer_id, ler_adopted_on });
/*
 * retentionDid, as of 2025-12-31: a start quarter has full follow-up when its last day + 365 ≤ as-of,
 * so 2024Q4 (2024-12-31 + 365 = 2025-12-31) is the last one in; 2025Q1 is out.
 *
 * T adopts 2024-08-15: cohort g = 2024Q3, base quarter 2024Q2. C never adopts. N adopts 2026-01-10,
 * after the as-of date, so it is a never-treated control.
 *
 *            2024Q2 (base)                2024Q3 (e = 0)                    2024Q4 (e = 1)
 *   T   stays; leaves day 100 → 1/2    stays; leaves day 366 → 2/2 = 1  stays; leaves day 365 → 1/2
 *   C   stays; leaves after as-of → 1  stays; leaves day 50 → 1/2       stays
 *   N                                                                   stays   (controls 2024Q4: 2/2 = 1)
 *
 * ATT(g, 2024Q2) = 0 by construction (n = 2)
 * ATT(g, 2024Q3) = (1 − 1/2) − (1/2 − 1) = 1   (n = 2)
 * ATT(g, 2024Q4) = (1/2 − 1/2) − (1 − 1) = 0   (n = 2)
 * overall ATT = (2·1 + 2·0) / 4 = 0.5; event study e = −1: 0, e = 0: 1, e = 1: 0, each n = 2.
 * Excluded: T and C hires in 2025Q1 (no full follow-up; had they counted, a 2025Q1 cell would exist
 * and T 2025Q1 = 0 would move the ATT), a hire without started_on, a hire of an employer not in the
 * employers file.
 * lerSharePost: T's observations with t ≥ g are its 2 hires of 2024Q3 (both LER) and 2 of 2024Q4
 * (one LER) → 3/4. T's LER hire in 2024Q2 (pre) and non-LER one in 2025Q1 (no follow-up) and C's LER
 * hires do not count.
 */
export const didEmployers = [employer('T', '2024-08-15'), employer('C', ''), employer('N', '2026-01-10')];
export const didHires = [
  hire({ employer_id: 'T', started_on: '2024-04-01', ler_verified: 'true' }),
  hire({ employer_id: 'T', started_on: '2024-04-01', separated_on: '2024-07-10' }),
  hire({ employer_id: 'T', started_on: '2024-07-01', ler_verified: 'true' }),
  hire({ employer_id: 'T', started_on: '2024-07-01', separated_on: '2025-07-02', ler_verified: 'true' }),
  hire({ employer_id: 'T', started_on: '2024-10-01', ler_verified: 'true' }),
  hire({ employer_id: 'T', started_on: '2024-10-01', separated_on: '2025-10-01' }),
  hire({ employer_id: 'T', started_on: '2025-01-02', separated_on: '2025-02-01' }),
  hire({ employer_id: 'C', started_on: '2024-05-15', ler_verified: 'true' }),
  hire({ employer_id: 'C', started_on: '2024-05-15', separated_on: '2026-01-05' }),
  hire({ employer_id: 'C', started_on: '2024-07-20', ler_verified: 'true' }),
  hire({ employer_id: 'C', started_on: '2024-08-01', separated_on: '2024-09-20' }),
  hire({ employer_id: 'C', started_on: '2024-11-11' }),
  hire({ employer_id: 'C', started_on: '2025-03-01' }),
  hire({ employer_id: 'C', started_on: '' }),
  hire({ employer_id: 'N', started_on: '2024-12-01' }),
  hire({ employer_id: 'X', started_on: '2024-07-01', separated_on: '2024-07-02' }),
];
/*
 * retentionAdjusted, as of 2025-12-31: hires with started_on + 365 ≤ as-of (started on or before 2024-12-31).
 *
 * Stratum A = E1 × nurse × 2024.
 *   LER: leaves day 100 (event); stays (censored at 670); leaves day 365 (event, day 365 counts).
 *     KM: t = 100, n = 3, d = 1 → 2/3; t = 365, n = 2, d = 1 → 1/3. S = 1/3.
 *     Greenwood Σ = 1/(3·2) + 1/(2·1) = 2/3; V = (1/3)²·2/3 = 2/27.
 *   non-LER: leaves day 366 (event after the landmark); leaves day 200.
 *     KM at 365: t = 200, n = 2, d = 1 → 1/2 (the day-366 event is later). S = 1/2.
 *     Greenwood Σ = 1/(2·1) = 1/2; V = (1/2)²·1/2 = 1/8.
 *   w = 3, difference 1/3 − 1/2 = −1/6.
 * Stratum B = E1 × (empty occupation) × 2024.
 *   LER: stays (censored at 486): S = 1, V = 0.
 *   non-LER: leaves day 30, leaves day 60: the curve reaches 0 before day 365 → S = 0, kept, V = 0.
 *   w = 1, difference 1.
 * Stratum C = E2 × nurse × 2024: LER hires only → neither kept nor dropped.
 * Stratum D = E1 × nurse × 2023: one non-LER hire only (it would change A without the year) → neither.
 * Excluded (no full follow-up): E1 × nurse × 2025 hires, an LER one started 2025-01-01 (leaves day 1)
 * and a non-LER one started 2025-02-01 (still employed, so it would be censored at day 333); had they
 * counted, that stratum would have both groups and be dropped (the non-LER S(365) not estimable).
 * Also excluded: a hire without started_on.
 *
 * estimate = (3·(−1/6) + 1·1) / 4 = 0.5 / 4 = 0.125
 * SE = √(3²·(2/27 + 1/8) + 1²·0) / 4 = √(9·43/216) / 4 = √(43/24) / 4
 * strata 2, dropped 0, LER hires 3 + 1 = 4, non-LER hires 2 + 2 = 4.
 *
 * Log-rank truncated at day 365 (time' = min(time, 365), event' = event and time ≤ 365):
 *   A: LER (100, E), (365, c), (365, E); non (365, c) (its day-366 event is past the truncation), (200, E).
 *     t = 100: n_L = 3, n = 5, d = 1, d_L = 1: O−E = 1 − 3/5 = 2/5;  V = (3/5)(2/5)·4/4 = 6/25
 *     t = 200: n_L = 2, n = 4, d = 1, d_L = 0: O−E = −1/2;          V = (1/2)(1/2)·3/3 = 1/4
 *     t = 365: n_L = 2, n = 3, d = 1, d_L = 1: O−E = 1 − 2/3 = 1/3;  V = (2/3)(1/3)·2/2 = 2/9
 *     O−E = 7/30, V = 641/900
 *   B: LER (365, c); non (30, E), (60, E).
 *     t = 30: n_L = 1, n = 3, d = 1, d_L = 0: O−E = −1/3; V = (1/3)(2/3)·2/2 = 2/9
 *     t = 60: n_L = 1, n = 2, d = 1, d_L = 0: O−E = −1/2; V = (1/2)(1/2)·1/1 = 1/4
 *     O−E = −5/6, V = 17/36 = 425/900
 *   Σ O−E = 7/30 − 25/30 = −3/5; Σ V = 1066/900; χ² = (9/25)/(1066/900) = 324/1066.
 */
export const adjustedHires = [
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2024-02-01', separated_on: '2024-05-11', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2024-03-01', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2024-04-01', separated_on: '2025-04-01', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2024-05-01', separated_on: '2025-05-02' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2024-06-01', separated_on: '2024-12-18' }),
  hire({ employer_id: 'E1', occupation: '', started_on: '2024-09-01', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: '', started_on: '2024-09-01', separated_on: '2024-10-01' }),
  hire({ employer_id: 'E1', occupation: '', started_on: '2024-09-01', separated_on: '2024-10-31' }),
  hire({ employer_id: 'E2', occupation: 'nurse', started_on: '2024-03-01', ler_verified: 'true' }),
  hire({ employer_id: 'E2', occupation: 'nurse', started_on: '2024-04-01', separated_on: '2024-04-11', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2023-12-01', separated_on: '2023-12-11' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2025-01-01', separated_on: '2025-01-02', ler_verified: 'true' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '2025-02-01' }),
  hire({ employer_id: 'E1', occupation: 'nurse', started_on: '', ler_verified: 'true' }),
];
