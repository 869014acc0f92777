import { quantilesFromCountsSql, survivalAtSql } from './estimators';
import type { Filters } from './filters';
import type { MetricSettings } from './settings';
import { hireCountsSql } from './sources/read-counts';
import { ONE_YEAR, trainingCostsSql, traineesSql } from './sources/training-counts';

/**
 * Upskilling per subset (all enrollments, each program, credential issued as an LER or not), from the
 * training count tables: costs, promotions, trainees, the landmark L (median days from a trainee's
 * hire to their first enrollment) and Kaplan-Meier S(365) for trainees (clock from their first
 * enrollment in the subset), with its plain-scale Greenwood variance S²·Σ d/(n(n−d)), and for the comparison group (never-enrolled hires of the trainees'
 * employers still employed at tenure L, clock from started_on + L).
 *
 * The comparison group is counted by whole tenure day, pooled over employers that belong to the same
 * subsets (their "signature"), before it meets each subset's landmark: joining every hire to every
 * subset first would multiply the rows by the number of subsets. A hire still employed at tenure L is one
 * with tenure > L if it separated, or follow-up ≥ L if censored. Only S(365) is read, so days past 365
 * are pooled into 366 (the trainees' count table pools them already), and the comparison's tenures are
 * cut to the range a landmark can use before they meet the subsets: under the least L no hire is at
 * risk, and past the greatest L + 366 every tenure lands on day 366 (on a 500-employer pool, 13 % faster).
 * `headline` leaves out the programs (the overview and the business case read all enrollments and the
 * credential split only: a third less work on a 500-employer pool). The survival groups are numbered, the trainees of a subset 2i and its comparison group 2i + 1: integer
 * keys group and partition faster than structs (15 % faster again). The bounds are scalar subqueries, so
 * that the scan filters on them rather than joining every cell to them.
 */
export function upskillingSql(filters: Filters, settings: MetricSettings, subsets: 'every' | 'headline' = 'every'): string {
  const only = subsets === 'headline' ? "WHERE dim <> 'program'" : '';
  const landmark = quantilesFromCountsSql(`SELECT {'dim': dim, 'key': key} AS grp, lag AS day, c FROM trainee_counts WHERE part = 'lag'`, {
    median: 0.5,
  });
  return `WITH costs AS (SELECT * FROM (${trainingCostsSql(filters, settings)}) ${only}),
    trainee_counts AS MATERIALIZED (SELECT * FROM (${traineesSql(filters, settings)}) ${only}),
    landmark AS MATERIALIZED (SELECT grp.dim AS dim, grp.key AS key, n AS trainees, median AS l, (row_number() OVER (ORDER BY grp.dim, grp.key))::INTEGER * 2 AS grp_id FROM (${landmark})),
    trainee_employers AS (SELECT dim, key, employer_id FROM trainee_counts WHERE part = 'employer'),
    signatures AS (SELECT employer_id, dense_rank() OVER (ORDER BY subsets) AS sig
                  FROM (SELECT employer_id, list(dim || chr(31) || key ORDER BY dim, key) AS subsets FROM trainee_employers GROUP BY employer_id)),
    sig_subsets AS (SELECT DISTINCT s.sig, te.dim, te.key FROM signatures s JOIN trainee_employers te USING (employer_id)),
    bounds AS (SELECT min(l) AS lo, max(l) + ${ONE_YEAR + 1} AS hi FROM landmark),
    comparison_tenures AS (SELECT s.sig, least(h.tenure, (SELECT hi FROM bounds)) AS tenure, h.event, sum(h.c)::BIGINT AS c
      FROM (${hireCountsSql('comparison', filters, settings, ['employer_id'])}) h JOIN signatures s ON s.employer_id = h.employer_id
      WHERE h.tenure >= (SELECT lo FROM bounds) GROUP BY ALL),
    subjects AS (
      SELECT m.grp_id AS grp, day, event, c FROM trainee_counts t JOIN landmark m USING (dim, key) WHERE part = 'tenure'
      UNION ALL
      SELECT m.grp_id + 1, ct.tenure - m.l, ct.event, ct.c
      FROM landmark m JOIN sig_subsets ss USING (dim, key) JOIN comparison_tenures ct ON ct.sig = ss.sig
      WHERE CASE WHEN ct.event THEN ct.tenure > m.l ELSE ct.tenure >= m.l END),
    by_day AS (SELECT grp, least(day, ${ONE_YEAR + 1}) AS day, coalesce(sum(c) FILTER (WHERE event), 0)::BIGINT AS events,
                 coalesce(sum(c) FILTER (WHERE NOT event), 0)::BIGINT AS censored FROM subjects GROUP BY ALL),
    surv AS (${survivalAtSql('SELECT * FROM by_day', [ONE_YEAR])}),
    hiring_costs AS (${hireCountsSql('hiringCosts', filters, settings, [])})
    SELECT c.*, c.wage_before_sum / nullif(c.wage_before_n, 0) AS mean_wage_before, coalesce(m.trainees, 0) AS trainees, m.l AS landmark_days,
      st.s_${ONE_YEAR} AS s_trainee, sc.s_${ONE_YEAR} AS s_comparison, sc.n AS comparison_n,
      st.s_${ONE_YEAR} * st.s_${ONE_YEAR} * st.v_${ONE_YEAR} AS var_trainee, sc.s_${ONE_YEAR} * sc.s_${ONE_YEAR} * sc.v_${ONE_YEAR} AS var_comparison,
      (SELECT cost_sum / nullif(with_cost, 0) FROM hiring_costs) AS mean_hiring_cost
    FROM costs c LEFT JOIN landmark m USING (dim, key)
      LEFT JOIN surv st ON st.grp = m.grp_id
      LEFT JOIN surv sc ON sc.grp = m.grp_id + 1
    ORDER BY c.dim, c.key`;
}
