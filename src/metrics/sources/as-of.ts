/**
 * What the data looked like on the as-of date `d` (a SQL DATE expression): every metric counts a hire,
 * a separation or an enrollment through these, so the date rules are written once. `x` qualifies the
 * columns (a table alias), empty for none.
 */
export function asOfTerms(d: string, x = '') {
  const c = (column: string) => (x ? `${x}.${column}` : column);
  return {
    /** A hire counts for hiring metrics once its offer was accepted. */
    hired: `${c('offer_accepted_on')} <= ${d}`,
    /** A hire or an enrollment has started. */
    started: `${c('started_on')} <= ${d}`,
    /** A separation has been observed (one on the as-of date is). */
    separated: `${c('separated_on')} <= ${d}`,
    /** An enrollment was completed. */
    completed: `${c('completed_on')} <= ${d}`,
    /** A promotion had happened. */
    promoted: `${c('promoted_on')} <= ${d}`,
    /** An employer had adopted LERs. */
    adopted: `${c('ler_adopted_on')} <= ${d}`,
    /** The last day of a tenure as observed: the separation, or the as-of date for those still employed (right-censored). */
    tenureEnd: `CASE WHEN ${c('separated_on')} <= ${d} THEN ${c('separated_on')} ELSE ${d} END`,
  };
}

/** Whole days of tenure on the as-of date, from started_on. */
export const tenureDaysSql = (d: string, x = '') => `${asOfTerms(d, x).tenureEnd} - ${x ? `${x}.` : ''}started_on`;
