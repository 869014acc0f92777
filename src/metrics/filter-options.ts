import { ident } from '../sql/quote';

export type FilterField = 'employer_id' | 'industry' | 'size_band' | 'region' | 'occupation';

/** The values a filter can take, from the loaded data, with how many hires each has. */
export function filterOptionsSql(field: FilterField): string {
  const column = field === 'occupation' ? `h.${ident(field)}` : `e.${ident(field)}`;
  return `SELECT ${column} AS value, count(h.hire_id) AS hires
    FROM employers e LEFT JOIN hires h ON h.employer_id = e.employer_id
    WHERE ${column} IS NOT NULL GROUP BY ALL ORDER BY value`;
}
