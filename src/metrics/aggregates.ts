import { dateLiteral, ident, str } from '../sql/quote';
import { GROUP_SQL, type Filters } from './filters';
import type { MetricSettings } from './settings';

/**
 * Pre-aggregated hires (DESIGN §7's whole-day aggregates, materialised): built once after every data
 * change for one as-of date, keyed by the filters a user changes most (industry, occupation) and the
 * group, so a filter change reads thousands of cells instead of scanning every hire. Every count is an
 * integer, so sums over cells equal counts over rows and each metric gets exactly the relation its
 * row-level SQL gives. Hidden from the schema browser by the `__ler_` prefix; kept in the main schema
 * so "Show SQL" runs in the workbench's own connection.
 */
export const AGGREGATE_TABLES = {
  /** Hires with offer_accepted_on ≤ as-of by requisition quarter `q` and whole days of time-to-fill `day`: `c`. */
  fillByQuarter: '__ler_agg_fill_q',
  /** The same without the quarter (far fewer rows). */
  fill: '__ler_agg_fill',
  /** Hires with applied_on and offer_accepted_on ≤ as-of by whole days of time-to-hire `day`: `c`. */
  hire: '__ler_agg_hire',
  /** Hires started by the as-of date by tenure `day`: events and censored, counting all separations or voluntary ones only. */
  tenure: '__ler_agg_tenure',
  /** Hires with offer_accepted_on ≤ as-of: count, with has_degree known, without a degree. */
  hires: '__ler_agg_hires',
  /**
   * Each person and day an enrollment of theirs started, with the person's latest hire started on or
   * before that day (ties: lowest hire_id): the upskilling trainee's hire. Depends on neither filters nor the as-of date.
   */
  trainingHires: '__ler_agg_training_hires',
  /** Never-enrolled hires with a person_id by employer, tenure as of the as-of date and event: upskilling's comparison group. */
  comparison: '__ler_agg_comparison',
} as const;

/** The filters the aggregates keep: any other filter in use sends the metrics back to the rows. */
const KEYS = ['industry', 'occupation'] as const;

/**
 * The statements that build (or rebuild) the aggregates for an as-of date from the same joined rows the
 * metrics read; one at a time, so other queries can run in between.
 */
export function buildAggregatesStatements(asOf: string): string[] {
  const d = dateLiteral(asOf);
  const t = AGGREGATE_TABLES;
  // The unfiltered rows of filteredHiresSql, with the employer's industry; only named columns, as extra columns could clash.
  const columns = [
    'occupation',
    'requisition_opened_on',
    'applied_on',
    'offer_accepted_on',
    'started_on',
    'separated_on',
    'separation_type',
    'has_degree',
  ];
  const rows = `SELECT ${columns.map((c) => `h.${ident(c)}`).join(', ')}, e.industry, ${GROUP_SQL} AS grp
      FROM hires h JOIN employers e ON e.employer_id = h.employer_id`;
  const event = (voluntary: boolean) => `separated_on <= ${d}${voluntary ? ` AND separation_type = 'voluntary'` : ''}`;
  return [
    `CREATE OR REPLACE TABLE ${t.fillByQuarter} AS
      SELECT industry, occupation, grp, date_trunc('quarter', requisition_opened_on) AS q, offer_accepted_on - requisition_opened_on AS day, count(*) AS c
      FROM (${rows}) WHERE offer_accepted_on <= ${d} GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${t.fill} AS
      SELECT industry, occupation, grp, day, sum(c)::BIGINT AS c FROM ${t.fillByQuarter} GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${t.hire} AS
      SELECT industry, occupation, grp, offer_accepted_on - applied_on AS day, count(*) AS c
      FROM (${rows}) WHERE offer_accepted_on <= ${d} AND applied_on IS NOT NULL GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${t.tenure} AS
      SELECT industry, occupation, grp, CASE WHEN separated_on <= ${d} THEN separated_on - started_on ELSE ${d} - started_on END AS day,
        count(*) FILTER (WHERE ${event(false)}) AS events, count(*) FILTER (WHERE NOT coalesce(${event(false)}, false)) AS censored,
        count(*) FILTER (WHERE ${event(true)}) AS voluntary_events, count(*) FILTER (WHERE NOT coalesce(${event(true)}, false)) AS voluntary_censored
      FROM (${rows}) WHERE started_on <= ${d} GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${t.hires} AS
      SELECT industry, occupation, grp, count(*) AS hires, count(has_degree) AS with_degree_known, count(*) FILTER (WHERE NOT has_degree) AS without_degree
      FROM (${rows}) WHERE offer_accepted_on <= ${d} GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${t.trainingHires} AS
      SELECT p.person_id, p.started_on, h.started_on AS hire_start, h.separated_on, h.employer_id
      FROM (SELECT DISTINCT person_id, started_on FROM training WHERE person_id IS NOT NULL) p
        JOIN hires h ON h.person_id = p.person_id AND h.started_on <= p.started_on
      QUALIFY row_number() OVER (PARTITION BY p.person_id, p.started_on ORDER BY h.started_on DESC, h.hire_id) = 1`,
    `CREATE OR REPLACE TABLE ${t.comparison} AS
      SELECT e.industry, h.occupation, h.employer_id, CASE WHEN h.separated_on <= ${d} THEN h.separated_on ELSE ${d} END - h.started_on AS tenure,
        coalesce(h.separated_on <= ${d}, false) AS event, count(*) AS c
      FROM hires h JOIN employers e ON e.employer_id = h.employer_id
      WHERE h.person_id IS NOT NULL AND h.person_id NOT IN (SELECT person_id FROM training WHERE person_id IS NOT NULL)
      GROUP BY ALL`,
  ];
}

/** Drops the aggregates (no data, so no as-of date to build them for). */
export const DROP_AGGREGATES_SQL = Object.values(AGGREGATE_TABLES)
  .map((name) => `DROP TABLE IF EXISTS ${name};`)
  .join('\n');

/** Whether these filters and settings can read the aggregates: built for this as-of date, and only industry or occupation filtered. */
export function readsAggregates(filters: Filters, settings: MetricSettings): boolean {
  if (!settings.aggregatesAsOf || settings.aggregatesAsOf !== settings.asOf) return false;
  const { period, ...lists } = filters;
  if (period && (period.from || period.to)) return false;
  return Object.entries(lists).every(([name, values]) => (KEYS as readonly string[]).includes(name) || !values || values.length === 0);
}

/** The WHERE clause of an aggregate table for the industry and occupation filters. */
export function aggregateWhere(filters: Filters): string {
  const clauses = KEYS.flatMap((key) => {
    const values = filters[key];
    return values && values.length > 0 ? [`${ident(key)} IN (${values.map(str).join(', ')})`] : [];
  });
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}
