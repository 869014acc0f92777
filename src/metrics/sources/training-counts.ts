import { dateLiteral } from '../../sql/quote';
import { filteredTrainingSql, type Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { asOfTerms, tenureDaysSql } from './as-of';

/**
 * The count tables of training (DESIGN §7) for upskilling, always summed from the filtered rows, each
 * kept by subset: every enrollment (`all`), each program, and whether the credential was issued as an
 * LER. Person ids stop here: what leaves is counts and sums.
 */

export const HOURS_PER_WORK_YEAR = 2_080;
/** Upskilling looks one year ahead: promotions within it, retention at its end. */
export const ONE_YEAR = 365;

/**
 * Each person and day an enrollment of theirs started, with the person's latest hire started on or
 * before that day (ties: lowest hire_id): the upskilling trainee's hire. Built once per data change, as
 * it depends on neither filters nor the as-of date.
 */
export const TRAINING_HIRES_TABLE = '__ler_agg_training_hires';

export const BUILD_TRAINING_HIRES_SQL = `CREATE OR REPLACE TABLE ${TRAINING_HIRES_TABLE} AS
  SELECT p.person_id, p.started_on, h.started_on AS hire_start, h.separated_on, h.employer_id
  FROM (SELECT DISTINCT person_id, started_on FROM training WHERE person_id IS NOT NULL) p
    JOIN hires h ON h.person_id = p.person_id AND h.started_on <= p.started_on
  QUALIFY row_number() OVER (PARTITION BY p.person_id, p.started_on ORDER BY h.started_on DESC, h.hire_id) = 1`;

/** Enrollments started by the as-of date that pass the filters, once per subset they belong to (`dim`, `key`). */
function subsetsSql(filters: Filters, d: string, subsets: Subsets): string {
  const t = `SELECT * FROM (${filteredTrainingSql(filters)}) WHERE ${asOfTerms(d).started}`;
  if (subsets === 'all') return `SELECT 'all' AS dim, '' AS key, * FROM (${t})`;
  return `WITH t AS (${t})
    SELECT 'all' AS dim, '' AS key, * FROM t
    UNION ALL SELECT 'program', program, * FROM t
    UNION ALL SELECT 'credential_as_ler', credential_as_ler::VARCHAR, * FROM t WHERE credential_as_ler IS NOT NULL`;
}

/** Every subset, or only all enrollments together (the overview's training card). */
export type Subsets = 'every' | 'all';

/**
 * Per subset: enrollments, distinct people, completions, direct cost, trainee time (hours at the
 * hourly wage before), credentials issued as LERs, promotions within a year of completion and the
 * sum and count of wage_before.
 */
export function trainingCostsSql(filters: Filters, settings: MetricSettings, subsets: Subsets = 'every'): string {
  const d = dateLiteral(settings.asOf);
  const at = asOfTerms(d);
  return `SELECT dim, key, count(*) AS enrollments, count(DISTINCT person_id) AS people,
      count(*) FILTER (WHERE ${at.completed}) AS completions,
      sum(cost) AS direct_cost, coalesce(sum(hours * wage_before / ${HOURS_PER_WORK_YEAR}), 0) AS time_cost,
      count(*) FILTER (WHERE credential_as_ler) AS ler_credentials,
      count(*) FILTER (WHERE ${at.completed} AND ${at.promoted} AND promoted_on - completed_on BETWEEN 0 AND ${ONE_YEAR}) AS promotions,
      sum(wage_before) AS wage_before_sum, count(wage_before) AS wage_before_n
    FROM (${subsetsSql(filters, d, subsets)}) GROUP BY dim, key`;
}

/**
 * Per subset, the trainees counted three ways (`part`): by days from their hire's start to their first
 * enrollment in the subset (`lag`); by whole days of tenure from that enrollment (`day`; every day past a
 * year pooled into 366, as only retention at 365 days is read) and whether it ended in a separation
 * (`event`); and by the employer of their hire (`employer_id`). A trainee is a person whose first
 * enrollment in the subset follows a hire of theirs still running then (their latest hire started by that
 * day); with the lookup table built, the hire is looked up by person and day instead of joining every hire.
 */
export function traineesSql(filters: Filters, settings: MetricSettings): string {
  return `WITH x AS MATERIALIZED (${traineeRowsSql(filters, settings)})
    SELECT dim, key, 'lag' AS part, NULL::VARCHAR AS employer_id, lag, NULL::BIGINT AS day, NULL::BOOLEAN AS event, count(*) AS c
    FROM x GROUP BY dim, key, lag
    UNION ALL SELECT dim, key, 'tenure', NULL, NULL, day, event, count(*) FROM x GROUP BY dim, key, day, event
    UNION ALL SELECT dim, key, 'employer', employer_id, NULL, NULL, NULL, count(*) FROM x GROUP BY dim, key, employer_id`;
}

/** One row per trainee and subset: the employer of their hire, lag, tenure day and event. */
function traineeRowsSql(filters: Filters, settings: MetricSettings): string {
  const d = dateLiteral(settings.asOf);
  const firsts = `SELECT dim, key, person_id, min(started_on) AS first_start FROM (${subsetsSql(filters, d, 'every')}) WHERE person_id IS NOT NULL GROUP BY ALL`;
  const linked = settings.aggregatesAsOf
    ? `SELECT f.dim, f.key, f.first_start, l.hire_start, l.separated_on, l.employer_id
       FROM (${firsts}) f JOIN ${TRAINING_HIRES_TABLE} l ON l.person_id = f.person_id AND l.started_on = f.first_start
       WHERE l.separated_on IS NULL OR l.separated_on >= f.first_start`
    : `SELECT dim, key, first_start, hire_start, separated_on, employer_id FROM (
         SELECT f.dim, f.key, f.first_start, h.started_on AS hire_start, h.separated_on, h.employer_id,
           row_number() OVER (PARTITION BY f.dim, f.key, f.person_id ORDER BY h.started_on DESC, h.hire_id) AS pick
         FROM (${firsts}) f JOIN hires h ON h.person_id = f.person_id AND h.started_on <= f.first_start)
       WHERE pick = 1 AND (separated_on IS NULL OR separated_on >= first_start)`;
  // The tenure clock starts at the first enrollment: tenureDaysSql counts from started_on, so it is renamed.
  return `SELECT dim, key, employer_id, first_start - hire_start AS lag, least(${tenureDaysSql(d, 'x')}, ${ONE_YEAR + 1}) AS day,
      coalesce(${asOfTerms(d, 'x').separated}, false) AS event
    FROM (SELECT dim, key, employer_id, hire_start, first_start AS started_on, separated_on, first_start FROM (${linked})) x`;
}
