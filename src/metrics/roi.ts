/** Return on investment as the ROI Institute defines it, on a year's benefit and cost; null where it cannot be computed. */
export interface Roi {
  /** (B − C) / C × 100; null without a cost. */
  roiPct: number | null;
  /** B / C; null without a cost. */
  bcr: number | null;
  /** 12 · C / B; null without a benefit. */
  paybackMonths: number | null;
}

/** A ratio over a tiny positive amount (a cost of 1e-300 USD is valid input) can overflow: not computable, null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** ROI %, BCR and payback months from benefit and cost; the Upskilling page and the business case both use this. */
export function roi(benefit: number, cost: number): Roi {
  return {
    roiPct: cost > 0 ? finiteOrNull(((benefit - cost) / cost) * 100) : null,
    bcr: cost > 0 ? finiteOrNull(benefit / cost) : null,
    paybackMonths: benefit > 0 ? finiteOrNull((12 * cost) / benefit) : null,
  };
}
