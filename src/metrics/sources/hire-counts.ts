import { dateLiteral, ident } from '../../sql/quote';
import { filteredHiresSql, type Filters } from '../filters';
import { asOfTerms, tenureDaysSql } from './as-of';

/**
 * The whole-day count tables of hires (DESIGN §7). Every hire-side estimator reads these and nothing
 * else: counts by whole day of time-to-fill, time-to-hire and tenure, hire counts and money sums, each
 * kept by employer, occupation, requisition quarter and group. read-counts.ts decides where a query's
 * counts come from.
 */

/** What a count table can be kept by: the employer and its attributes, occupation, requisition quarter (`q`, its first day) and group. */
export type HireKey = 'employer_id' | 'industry' | 'size_band' | 'region' | 'occupation' | 'q' | 'grp';

export interface HireCountTable {
  /** Which hires it counts, as of `d` (a SQL DATE). */
  counts: (d: string) => string;
  /** Its columns besides the keys, one value per hire (whole days, or an event flag). */
  days: (d: string) => Record<string, string>;
  /** Its measures, as aggregates over the hires that share keys and days. */
  measures: (d: string) => Record<string, string>;
  /** Integer counts add up the same in any order; sums of money do not (the last bits move), so they are never read from a built table. */
  exact: boolean;
  /** Column types of the days (INTEGER or BOOLEAN) and the measures that are money (DOUBLE; the others count, BIGINT), as pooled tables store them. */
  types: { days: Record<string, 'INTEGER' | 'BOOLEAN' | 'DATE'>; money: readonly string[] };
  /** Whether the table is kept by group (`grp`); upskilling's comparison group is not. */
  grouped: boolean;
}

const DAY = { days: { day: 'INTEGER' }, money: [] } as const;
const NO_DAYS = { days: {}, money: [] } as const;

const voluntary = (d: string) => `${asOfTerms(d).separated} AND separation_type = 'voluntary'`;

export const HIRE_COUNT_TABLES = {
  /** Hires with an accepted offer by whole days of time-to-fill. */
  fill: {
    counts: (d) => asOfTerms(d).hired,
    days: () => ({ day: 'offer_accepted_on - requisition_opened_on' }),
    measures: () => ({ c: 'count(*)' }),
    exact: true,
    types: DAY,
    grouped: true,
  },
  /**
   * Hires with an accepted offer and the sum of their whole days of time-to-fill: the employer-by-quarter
   * cells of the difference-in-differences, whose means need only these two integers.
   */
  fillCells: {
    counts: (d) => asOfTerms(d).hired,
    days: () => ({}),
    measures: () => ({ c: 'count(*)', days: 'sum(offer_accepted_on - requisition_opened_on)' }),
    exact: true,
    types: NO_DAYS,
    grouped: true,
  },
  /** Hires with an application date and an accepted offer by whole days of time-to-hire. */
  hire: {
    counts: (d) => `${asOfTerms(d).hired} AND applied_on IS NOT NULL`,
    days: () => ({ day: 'offer_accepted_on - applied_on' }),
    measures: () => ({ c: 'count(*)' }),
    exact: true,
    types: DAY,
    grouped: true,
  },
  /** Hires started by the as-of date by whole days of tenure: separations (all, and voluntary only) and the rest, censored. */
  tenure: {
    counts: (d) => asOfTerms(d).started,
    days: (d) => ({ day: tenureDaysSql(d) }),
    measures: (d) => ({
      events: `count(*) FILTER (WHERE ${asOfTerms(d).separated})`,
      censored: `count(*) FILTER (WHERE NOT coalesce(${asOfTerms(d).separated}, false))`,
      voluntary_events: `count(*) FILTER (WHERE ${voluntary(d)})`,
      voluntary_censored: `count(*) FILTER (WHERE NOT coalesce(${voluntary(d)}, false))`,
    }),
    exact: true,
    types: DAY,
    grouped: true,
  },
  /**
   * Hires followed for a whole first year (started_on + 365 ≤ as-of), the retention effects' only input
   * (DESIGN §4b): by start quarter (`start_q`, its first day), whether that whole quarter is followed (its
   * last day + 365 ≤ as-of: the retention DiD's periods), and the tenure day of a separation within 365
   * days, 366 for a hire still employed after day 365 (whose later tenure neither estimate reads).
   */
  firstYear: {
    counts: (d) => `started_on + 365 <= ${d}`,
    days: (d) => ({
      start_q: "date_trunc('quarter', started_on)",
      whole_quarter: `(date_trunc('quarter', started_on) + INTERVAL 3 MONTH)::DATE + 364 <= ${d}`,
      day: `CASE WHEN ${asOfTerms(d).separated} AND separated_on - started_on <= 365 THEN separated_on - started_on ELSE 366 END`,
    }),
    measures: () => ({ c: 'count(*)' }),
    exact: true,
    types: { days: { start_q: 'DATE', whole_quarter: 'BOOLEAN', day: 'INTEGER' }, money: [] },
    grouped: true,
  },
  /** Hires with an accepted offer: how many, how many with has_degree known, how many without a degree. */
  hires: {
    counts: (d) => asOfTerms(d).hired,
    days: () => ({}),
    measures: () => ({
      hires: 'count(*)',
      with_degree_known: 'count(has_degree)',
      without_degree: 'count(*) FILTER (WHERE NOT has_degree)',
    }),
    exact: true,
    types: NO_DAYS,
    grouped: true,
  },
  /** Hires with an accepted offer: how many give a hiring_cost, and its sum (USD). */
  hiringCosts: {
    counts: (d) => asOfTerms(d).hired,
    days: () => ({}),
    measures: () => ({ with_cost: 'count(hiring_cost)', cost_sum: 'sum(hiring_cost)' }),
    exact: false,
    types: { days: {}, money: ['cost_sum'] },
    grouped: true,
  },
  /**
   * Never-enrolled hires with a person_id (upskilling's comparison group) by whole days of tenure and
   * whether it ended in a separation; hires starting after the as-of date have negative tenure.
   */
  comparison: {
    // Qualified: were training to lack person_id, a bare name would bind to the hire's own and match everyone
    // (standard SQL scoping, https://github.com/duckdb/duckdb/issues/6853).
    counts: () => 'person_id IS NOT NULL AND person_id NOT IN (SELECT t.person_id FROM training t WHERE t.person_id IS NOT NULL)',
    days: (d) => ({ tenure: tenureDaysSql(d), event: `coalesce(${asOfTerms(d).separated}, false)` }),
    measures: () => ({ c: 'count(*)' }),
    exact: true,
    types: { days: { tenure: 'INTEGER', event: 'BOOLEAN' }, money: [] },
    grouped: false,
  },
} satisfies Record<string, HireCountTable>;

export type HireTable = keyof typeof HIRE_COUNT_TABLES;

/** The filtered hires with every key a count table can be kept by. */
export function hireRowsSql(filters: Filters): string {
  return `SELECT *, date_trunc('quarter', requisition_opened_on) AS q FROM (${filteredHiresSql(filters, ['industry', 'size_band', 'region'])})`;
}

/** The count table summed from the hires of `rows` (unfiltered or filtered), grouped by `keys` and the table's days. */
export function countsFromRowsSql(table: HireTable, rows: string, asOf: string, keys: readonly HireKey[]): string {
  const d = dateLiteral(asOf);
  const spec: HireCountTable = HIRE_COUNT_TABLES[table];
  const columns = [
    ...keys.map(ident),
    ...Object.entries(spec.days(d)).map(([name, sql]) => `${sql} AS ${ident(name)}`),
    ...Object.entries(spec.measures(d)).map(([name, sql]) => `${sql} AS ${ident(name)}`),
  ];
  return `SELECT ${columns.join(', ')} FROM (${rows}) WHERE ${spec.counts(d)} GROUP BY ALL`;
}
