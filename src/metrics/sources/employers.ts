import { dateLiteral } from '../../sql/quote';
import { filteredEmployersSql, type Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { asOfTerms } from './as-of';
import { pooledEmployersSql, scopeOf } from './pool';

/**
 * The employers that pass the employer-level filters, with what the estimators need of them: their
 * attributes, whether they had adopted LERs by the as-of date and the quarter they did (its first day;
 * null for employers that had not: as of that date they are never-adopting).
 */
export function employersSql(filters: Filters, settings: MetricSettings): string {
  const adopted = asOfTerms(dateLiteral(settings.asOf)).adopted;
  const scope = scopeOf(settings);
  const rows = `SELECT employer_id, industry, size_band, region, coalesce(${adopted}, false) AS adopted,
      CASE WHEN ${adopted} THEN date_trunc('quarter', ler_adopted_on) END AS adoption_q
    FROM (${filteredEmployersSql(filters)})`;
  if (!scope.contributions) return rows;
  const pooled = pooledEmployersSql(filters, scope);
  return scope.rows ? `${rows} UNION ALL BY NAME ${pooled}` : pooled;
}
