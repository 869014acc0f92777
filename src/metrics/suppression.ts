/**
 * Small-cell suppression (DESIGN §4), decided once, in each metric's reader: a group or cell with fewer
 * than k persons is this object in place of its figures, in pages, exports and results@1 alike.
 */
export interface Suppressed {
  n: null;
  suppressed: true;
}

export type OrSuppressed<T> = T | Suppressed;

export const SUPPRESSED: Suppressed = { n: null, suppressed: true };

export const isSuppressed = <T extends object>(value: OrSuppressed<T>): value is Suppressed => 'suppressed' in value;

/** The figures built from a group of `n` persons, or SUPPRESSED when n < k. */
export const shownIf = <T>(n: number, k: number, figures: () => T): OrSuppressed<T> => (n >= k ? figures() : SUPPRESSED);
