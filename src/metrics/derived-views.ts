import { filteredHiresSql } from './filters';
import { LATEST_DATE_SQL } from './settings';
import { asOfTerms, tenureDaysSql } from './sources/as-of';

/** Named views with the product's own definitions, so analysts start from them in the SQL workbench. */
export const DERIVED_VIEWS = [
  {
    name: 'hire_outcomes',
    description:
      'Each hire with its group, time_to_fill_days, time_to_hire_days, tenure_days and censored flag, as of the latest date in the data.',
    sql: `SELECT f.*, f.offer_accepted_on - f.requisition_opened_on AS time_to_fill_days,
        f.offer_accepted_on - f.applied_on AS time_to_hire_days,
        ${tenureDaysSql('a.latest', 'f')} AS tenure_days,
        NOT coalesce(${asOfTerms('a.latest', 'f').separated}, false) AS censored, a.latest AS as_of
      FROM (${filteredHiresSql({})}) f, (${LATEST_DATE_SQL}) a`,
  },
  {
    name: 'employer_cohorts',
    description: 'Each employer with its adoption cohort (quarter of ler_adopted_on, or never), hires and LER-verified hires.',
    sql: `SELECT e.employer_id, e.industry, e.size_band, e.region, e.ler_adopted_on,
        CASE WHEN e.ler_adopted_on IS NULL THEN 'never' ELSE strftime(e.ler_adopted_on, '%Y') || '-Q' || quarter(e.ler_adopted_on) END AS cohort,
        count(h.hire_id) AS hires, count(h.hire_id) FILTER (WHERE h.ler_verified) AS ler_hires,
        min(h.requisition_opened_on) AS first_requisition, max(h.requisition_opened_on) AS last_requisition
      FROM employers e LEFT JOIN hires h ON h.employer_id = e.employer_id GROUP BY ALL`,
  },
] as const;

/** Creates or refreshes the derived views. */
export const DERIVED_VIEWS_SQL = DERIVED_VIEWS.map((v) => `CREATE OR REPLACE VIEW ${v.name} AS ${v.sql};`).join('\n');
