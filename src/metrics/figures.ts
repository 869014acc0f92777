/** An effect or difference with its 95% interval; null where the data cannot give one. */
export interface Estimate {
  estimate: number | null;
  ci95: [number, number] | null;
}

/** An Estimate from an estimate and interval ends that may each be missing. */
export function estimateOf(estimate: number | null, lo: number | null, hi: number | null): Estimate {
  return { estimate, ci95: lo !== null && hi !== null ? [lo, hi] : null };
}
