import type { Filters } from './filters';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { hireCountsSql } from './sources/read-counts';

/** The outcome a pilot DiD measures: time-to-fill in days (DESIGN §4), or the share retained past day 365 (§4b). */
export type DidOutcome = 'time_to_fill_days' | 'retained_365';

export const quarterIndex = (date: string) => `(year(${date}) * 4 + quarter(${date}) - 1)`;

/**
 * The employer-by-quarter cells of a DiD outcome, the aggregate the estimate and its bootstrap need
 * (DESIGN §7): `q` the period's quarter index, `n` the hires and `s` the sum of their outcome. Time-to-fill:
 * the requisition's quarter and the sum of days. Retention: the start quarter, only quarters followed for
 * a whole year (their last day + 365 ≤ as-of), and the hires still employed after day 365.
 */
export function didCellsSql(filters: Filters, settings: MetricSettings, outcome: DidOutcome = 'time_to_fill_days'): string {
  if (outcome === 'time_to_fill_days')
    return `SELECT employer_id, ${quarterIndex('q')} AS q, c AS n, days AS s FROM (${hireCountsSql('fillCells', filters, settings, ['employer_id', 'q'])})`;
  return `SELECT employer_id, ${quarterIndex('start_q')} AS q, sum(c) AS n, coalesce(sum(c) FILTER (WHERE day = 366), 0) AS s
    FROM (${hireCountsSql('firstYear', filters, settings, ['employer_id'])}) WHERE whole_quarter GROUP BY ALL`;
}

/**
 * The pilot's LER share s_p (DESIGN §4b): the LER-verified share of the adopting employers' hires in the
 * DiD's periods from their adoption quarter on, which the ATT was measured at; null without such hires.
 * Time-to-fill: requisition quarters, offer accepted by the as-of date (on a pool, cells merged out of their
 * quarter are not counted). Retention: start quarters followed for a whole year.
 */
export function lerSharePostSql(filters: Filters, settings: MetricSettings, outcome: DidOutcome = 'time_to_fill_days'): string {
  const hires =
    outcome === 'time_to_fill_days'
      ? `SELECT employer_id, q, grp, hires FROM (${hireCountsSql('hires', filters, settings, ['employer_id', 'q', 'grp'])})`
      : `SELECT employer_id, start_q AS q, grp, c AS hires FROM (${hireCountsSql('firstYear', filters, settings, ['employer_id', 'grp'])}) WHERE whole_quarter`;
  return `SELECT (sum(h.hires) FILTER (WHERE h.grp = 'ler'))::DOUBLE / nullif(sum(h.hires), 0) AS ler_share_post
    FROM (${hires}) h JOIN (${employersSql(filters, settings)}) e USING (employer_id)
    WHERE e.adopted AND h.q >= e.adoption_q`;
}
