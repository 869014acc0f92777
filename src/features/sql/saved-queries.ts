import { browserList } from '../../store/browser-list';
import { STORAGE_PREFIX } from '../../store/browser-storage';

/** Example queries that answer the four questions from the product's own views. */
export const EXAMPLE_QUERIES: readonly { name: string; sql: string }[] = [
  {
    name: 'Hiring: time-to-fill by group and industry',
    sql: `SELECT industry, grp, count(*) AS hires,
  round(avg(time_to_fill_days), 1) AS mean_days,
  quantile_cont(time_to_fill_days, 0.5) AS median_days
FROM hire_outcomes JOIN employers USING (employer_id)
GROUP BY ALL ORDER BY industry, grp;`,
  },
  {
    name: 'Retention: share still employed at one year, hires followed a full year',
    sql: `SELECT grp, count(*) AS hires_followed_a_year,
  round(avg(CASE WHEN tenure_days >= 365 THEN 1 ELSE 0 END), 3) AS still_employed_at_365
FROM hire_outcomes
WHERE as_of - started_on >= 365
GROUP BY grp;`,
  },
  {
    name: 'Upskilling: completions, promotions and cost by program',
    sql: `SELECT program, count(*) AS enrollments, count(completed_on) AS completions,
  count(*) FILTER (WHERE promoted_on - completed_on BETWEEN 0 AND 365) AS promoted_within_a_year,
  sum(cost) AS direct_cost
FROM training GROUP BY program ORDER BY enrollments DESC;`,
  },
  {
    name: 'Adoption: cohorts and their LER-verified hires',
    sql: `SELECT cohort, count(*) AS employers, sum(hires) AS hires, sum(ler_hires) AS ler_hires
FROM employer_cohorts GROUP BY cohort ORDER BY cohort;`,
  },
];

export interface SavedQuery {
  name: string;
  sql: string;
}

export const savedQueries = browserList<SavedQuery>(`${STORAGE_PREFIX}saved-queries@1`, (q): q is SavedQuery => {
  const item = q as Partial<SavedQuery> | null;
  return typeof item?.name === 'string' && typeof item.sql === 'string';
});
