import { ident } from '../sql/quote';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { hireCountsSql } from './sources/read-counts';

export type FilterField = 'employer_id' | 'industry' | 'size_band' | 'region' | 'occupation';

/**
 * The values a filter can take, from the loaded rows and pooled contributions, with how many hires
 * (offer accepted by the as-of date) each has.
 */
export function filterOptionsSql(field: FilterField, settings: MetricSettings): string {
  if (field === 'occupation')
    return `SELECT occupation AS value, sum(hires) AS hires FROM (${hireCountsSql('hires', {}, settings, ['occupation'])})
      WHERE occupation IS NOT NULL GROUP BY ALL ORDER BY value`;
  return `SELECT e.${ident(field)} AS value, coalesce(sum(h.hires), 0) AS hires
    FROM (${employersSql({}, settings)}) e LEFT JOIN (${hireCountsSql('hires', {}, settings, ['employer_id'])}) h USING (employer_id)
    WHERE e.${ident(field)} IS NOT NULL GROUP BY ALL ORDER BY value`;
}
