import { TRAINING } from '../../ingest/contract';
import { dateLiteral, ident } from '../../sql/quote';
import { filteredTrainingSql, type Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { asOfTerms, tenureDaysSql } from './as-of';
import { pooledTraineesSql, pooledTrainingCostsSql, scopeOf, sumOfParts, TRAINING_COST_MEASURES } from './pool';

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
  return `WITH t AS (${t}) ${subsetsOf('t')}`;
}

/** Each enrollment of relation `t` once per subset it belongs to. */
const subsetsOf = (t: string) => `SELECT 'all' AS dim, '' AS key, * FROM ${t}
    UNION ALL SELECT 'program', program, * FROM ${t}
    UNION ALL SELECT 'credential_as_ler', credential_as_ler::VARCHAR, * FROM ${t} WHERE credential_as_ler IS NOT NULL`;

/** Every subset, or only all enrollments together (the overview's training card). */
export type Subsets = 'every' | 'all';

/**
 * Per subset: enrollments, distinct people, completions, direct cost, trainee time (hours at the
 * hourly wage before), credentials issued as LERs, promotions within a year of completion, the sum and
 * count of wage_before, and the completions followed a whole year after (completed_on + 365 ≤ as-of)
 * with the promotions within that year among them (DESIGN §4b's promotion effect).
 */
export function trainingCostsSql(filters: Filters, settings: MetricSettings, subsets: Subsets = 'every'): string {
  const d = dateLiteral(settings.asOf);
  const scope = scopeOf(settings);
  const parts: string[] = [];
  if (scope.rows || !scope.contributions)
    parts.push(`SELECT dim, key, count(*) AS enrollments, count(DISTINCT person_id) AS people, ${costMeasures(d)}
      FROM (${subsetsSql(filters, d, subsets)}) GROUP BY dim, key`);
  if (scope.contributions) parts.push(pooledTrainingCostsSql(filters, scope, subsets === 'all'));
  return sumOfParts(
    parts,
    ['dim', 'key'],
    TRAINING_COST_MEASURES.map(([m]) => m),
  );
}

/** The training cost measures but enrollments and people, over enrollments as of `d`. */
function costMeasures(d: string): string {
  const at = asOfTerms(d);
  return `count(*) FILTER (WHERE ${at.completed}) AS completions,
      sum(cost) AS direct_cost, coalesce(sum(hours * wage_before / ${HOURS_PER_WORK_YEAR}), 0) AS time_cost,
      count(*) FILTER (WHERE credential_as_ler) AS ler_credentials,
      count(*) FILTER (WHERE ${at.completed} AND ${at.promoted} AND promoted_on - completed_on BETWEEN 0 AND ${ONE_YEAR}) AS promotions,
      sum(wage_before) AS wage_before_sum, count(wage_before) AS wage_before_n,
      count(*) FILTER (WHERE completed_on + ${ONE_YEAR} <= ${d}) AS completions_followed,
      count(*) FILTER (WHERE completed_on + ${ONE_YEAR} <= ${d} AND ${at.promoted} AND promoted_on - completed_on BETWEEN 0 AND ${ONE_YEAR}) AS promotions_followed`;
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
  const scope = scopeOf(settings);
  const parts: string[] = [];
  if (scope.rows || !scope.contributions) parts.push(traineePartsSql(traineeRowsSql(filters, settings), []));
  if (scope.contributions) parts.push(pooledTraineesSql(filters, scope, settings.aggregatesAsOf === settings.asOf));
  return sumOfParts(parts, ['dim', 'key', 'part', 'employer_id', 'lag', 'day', 'event'], ['c']);
}

/**
 * Trainee rows counted in the three parts, also kept by `cell` columns; the employer part is keyed by the
 * trainee's hire employer (`employer_id` in the rows).
 */
function traineePartsSql(rows: string, cell: readonly string[]): string {
  const by = (...columns: string[]) => [...cell, 'dim', 'key', ...columns].join(', ');
  return `WITH x AS MATERIALIZED (${rows})
    SELECT ${by()}, 'lag' AS part, NULL::VARCHAR AS employer_id, lag, NULL::BIGINT AS day, NULL::BOOLEAN AS event, count(*) AS c
    FROM x GROUP BY ${by('lag')}
    UNION ALL SELECT ${by()}, 'tenure', NULL, NULL, day, event, count(*) FROM x GROUP BY ${by('day', 'event')}
    UNION ALL SELECT ${by()}, 'employer', employer_id, NULL, NULL, NULL, count(*) FROM x GROUP BY ${by('employer_id')}`;
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

/**
 * Every enrollment started by the as-of date, once per subset, with the hire it links to (the person's
 * latest hire started on or before it; ties: lowest hire_id) and whether it is the person's first in the
 * subset (by start day, then enrollment_id): the grain at which a contribution keeps its training.
 */
function enrollmentCellsSql(d: string): string {
  const columns = TRAINING.columns.map((c) => `t.${ident(c.name)}`).join(', ');
  const enrollments = `SELECT ${columns}, h.occupation, h.started_on AS hire_start, h.separated_on, h.employer_id AS hire_employer
    FROM training t LEFT JOIN hires h ON h.person_id = t.person_id AND h.started_on <= t.started_on
    WHERE ${asOfTerms(d, 't').started}
    QUALIFY row_number() OVER (PARTITION BY t.enrollment_id ORDER BY h.started_on DESC NULLS LAST, h.hire_id) = 1`;
  return `WITH t AS (${enrollments}), sub AS (${subsetsOf('t')})
    SELECT *, person_id IS NOT NULL AND row_number() OVER (PARTITION BY dim, key, person_id ORDER BY started_on, enrollment_id) = 1 AS first
    FROM sub`;
}

/**
 * Training costs as a contribution keeps them: per training employer, occupation of the linked hire and
 * subset, each person counted once per subset, in the cell of their first enrollment in it.
 */
export function trainingCellsSql(asOf: string): string {
  const d = dateLiteral(asOf);
  return `SELECT employer_id, occupation, dim, key, count(*) AS enrollments, count(*) FILTER (WHERE first) AS people, ${costMeasures(d)}
    FROM (${enrollmentCellsSql(d)}) GROUP BY ALL`;
}

/** Trainees as a contribution keeps them: the three parts per employer and occupation of the trainee's first enrollment in the subset. */
export function traineeCellsSql(asOf: string): string {
  const d = dateLiteral(asOf);
  const trainees = `SELECT employer_id AS training_employer, occupation, dim, key, hire_employer AS employer_id, started_on - hire_start AS lag,
      least(${asOfTerms(d, 'x').tenureEnd} - started_on, ${ONE_YEAR + 1}) AS day, coalesce(${asOfTerms(d, 'x').separated}, false) AS event
    FROM (${enrollmentCellsSql(d)}) x
    WHERE first AND hire_start IS NOT NULL AND (separated_on IS NULL OR separated_on >= started_on)`;
  return `SELECT training_employer AS employer_id, occupation, dim, key, part, employer_id AS hire_employer, lag, day, event, c
    FROM (${traineePartsSql(trainees, ['training_employer', 'occupation'])})`;
}

/** Persons per training cell for the disclosure rule: distinct people, each enrollment without a person_id counting as one. */
export function trainingCellSizesSql(asOf: string): string {
  return `SELECT employer_id, occupation, dim, key, count(DISTINCT coalesce(person_id, '#' || enrollment_id)) AS n
    FROM (${enrollmentCellsSql(dateLiteral(asOf))}) GROUP BY ALL`;
}
