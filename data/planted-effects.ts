/**
 * The effects planted in the synthetic sample data (data/generate-sample.ts), exported so that
 * tests can check the product recovers them. See data/README.md for what each one means exactly.
 */

/** Seed of the generator's PRNG (sfc32, its state filled by splitmix32 from this number). */
export const SEED = 20_231_102;

/** End of observation: no date in the sample is later, and at least one date equals it. */
export const AS_OF = '2025-12-31';

/** First and last day on which a requisition may be opened. */
export const FIRST_REQUISITION_ON = '2022-01-01';
export const LAST_REQUISITION_ON = '2025-12-31';

/**
 * Shift of the expected time-to-fill (days) for every hire of an adopting employer whose
 * requisition was opened in the adoption quarter or later. Added before rounding; the noise is
 * unchanged, so each treated hire's whole-day time-to-fill is exactly 6 days shorter than it would
 * have been (except in the rare case it is clamped at 1 day).
 */
export const PLANTED_TTF_EFFECT_DAYS = -6;

/** Hazard ratio of separation, LER-verified hires vs the rest (proportional hazards, whole tenure). */
export const PLANTED_RETENTION_HR = 0.75;

/** Hazard ratio of separation from a trainee's first enrollment on (time-varying, proportional). */
export const PLANTED_TRAINEE_HR = 0.8;

/** Probability a completed enrollment draws a promotion, by credential_as_ler. */
export const PLANTED_PROMOTION_PROB_BASE = 0.15;
export const PLANTED_PROMOTION_PROB_LER = 0.22;

/** A drawn promotion falls uniformly this many days after completion (inclusive). */
export const PROMOTION_DELAY_DAYS = { min: 30, max: 365 } as const;

/** wage_after = wage_before × (1 + base raise + promotion raise if promoted within 365 days of completion). */
export const WAGE_BASE_RAISE = 0.03;
export const WAGE_PROMOTION_RAISE = 0.05;
