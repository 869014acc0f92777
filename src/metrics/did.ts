import type { Row } from '../engine/engine';
import { estimateOf, type Estimate } from './figures';
import type { Filters } from './filters';
import { num, numOrNull, rowList } from './read-row';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { hireCountsSql } from './sources/read-counts';
import { shownIf, type OrSuppressed } from './suppression';

export const BOOTSTRAP_REPLICATES = 499;
export const BOOTSTRAP_SEED = 20_240_101;
export const EVENT_TIMES = { first: -4, last: 8 } as const;

const quarterIndex = (date: string) => `(year(${date}) * 4 + quarter(${date}) - 1)`;

/**
 * Employer-by-quarter cells of time-to-fill (hire count and sum of days), the aggregate the
 * difference-in-differences and its bootstrap need (DESIGN §7); quarter = requisition_opened_on's.
 */
export function didCellsSql(filters: Filters, settings: MetricSettings): string {
  return `SELECT employer_id, ${quarterIndex('q')} AS q, c AS n, days AS s FROM (${hireCountsSql('fillCells', filters, settings, ['employer_id', 'q'])})`;
}

/**
 * Staggered-adoption DiD with never-treated controls and base period g − 1 (DESIGN §4), for the data
 * (replicate 0) and for employer-cluster bootstrap replicates that resample employers with replacement
 * by a seeded hash, so the same data always gives the same interval. One row: overall ATT, event
 * study, employer counts and dropped cohorts. Employers adopting after the as-of date count as never
 * treated: as of that date they had not adopted.
 *
 * Speed, as the resampled cells run to millions on a pilot of hundreds of employers: the draw's modulus
 * is UBIGINT like the hash (a BIGINT makes it 128-bit arithmetic, ten times slower); the sums of whole
 * days are doubles, exact far beyond any count of hires (a BIGINT sum would be 128-bit too); the
 * cells are grouped on 32-bit keys with never-treated as cohort −1 rather than NULL (a third faster); and
 * only the cells an estimate reads are resampled: a cohort's quarters from its earliest event time (or base
 * quarter) on, the controls' from the earliest cohort's (a quarter of the cells on the bench pool).
 */
export function pilotDidSql(filters: Filters, settings: MetricSettings, replicates = BOOTSTRAP_REPLICATES, seed = BOOTSTRAP_SEED): string {
  return `WITH cells AS (${didCellsSql(filters, settings)}),
    units AS (SELECT employer_id, CASE WHEN adopted THEN ${quarterIndex('adoption_q')} END AS g,
                row_number() OVER (ORDER BY employer_id) - 1 AS idx
              FROM (${employersSql(filters, settings)}) WHERE employer_id IN (SELECT employer_id FROM cells)),
    draws AS (
      SELECT 0 AS b, idx, 1 AS m FROM units
      UNION ALL
      SELECT b, idx, count(*) AS m FROM (
        SELECT r.b, (hash(${seed}, r.b, j.j) % (SELECT count(*) FROM units)::UBIGINT)::BIGINT AS idx
        FROM range(1, ${replicates + 1}) r(b), (SELECT unnest(range((SELECT count(*) FROM units))) AS j) j)
      GROUP BY ALL),
    unit_cells AS MATERIALIZED (SELECT u.idx::INTEGER AS idx, coalesce(u.g, -1)::INTEGER AS g, c.q::INTEGER AS q, c.s::DOUBLE AS s, c.n::DOUBLE AS n
                                FROM cells c JOIN units u USING (employer_id)
                                WHERE c.q >= coalesce(u.g, (SELECT min(g) FROM units)) + ${Math.min(EVENT_TIMES.first, -1)}),
    ybar AS (SELECT d.b, nullif(uc.g, -1) AS g, uc.q, sum(d.m * uc.s) / sum(d.m * uc.n) AS y, sum(d.m * uc.n) AS n
             FROM unit_cells uc JOIN (SELECT b::INTEGER AS b, idx::INTEGER AS idx, m::DOUBLE AS m FROM draws) d USING (idx) GROUP BY d.b, uc.g, uc.q),
    ctrl AS (SELECT b, q, y FROM ybar WHERE g IS NULL),
    base AS (SELECT t.b, t.g, t.y - c.y AS gap FROM ybar t JOIN ctrl c ON c.b = t.b AND c.q = t.q WHERE t.q = t.g - 1),
    att AS (SELECT t.b, t.g, t.q - t.g AS e, t.n, (t.y - c.y) - base.gap AS att
            FROM ybar t JOIN ctrl c ON c.b = t.b AND c.q = t.q JOIN base ON base.b = t.b AND base.g = t.g),
    overall AS (SELECT b, sum(n * att) / sum(n) AS est FROM att WHERE e >= 0 GROUP BY b),
    events AS (SELECT b, e, sum(n * att) / sum(n) AS est, sum(n) AS n FROM att
               WHERE e BETWEEN ${EVENT_TIMES.first} AND ${EVENT_TIMES.last} GROUP BY b, e),
    event_ci AS (SELECT e, any_value(est) FILTER (WHERE b = 0) AS estimate, any_value(n) FILTER (WHERE b = 0) AS n,
                   quantile_cont(est, 0.025) FILTER (WHERE b > 0) AS lo, quantile_cont(est, 0.975) FILTER (WHERE b > 0) AS hi
                 FROM events GROUP BY e HAVING count(*) FILTER (WHERE b = 0) > 0)
    SELECT
      (SELECT est FROM overall WHERE b = 0) AS att,
      (SELECT quantile_cont(est, 0.025) FROM overall WHERE b > 0) AS att_lo,
      (SELECT quantile_cont(est, 0.975) FROM overall WHERE b > 0) AS att_hi,
      (SELECT count(*) FROM overall WHERE b > 0) AS replicates_used,
      -- DuckDB-WASM 1.32's castBigIntToDouble does not reach integers inside a list of structs (no upstream report found), so cast them here.
      (SELECT list({'e': e::DOUBLE, 'estimate': estimate, 'lo': lo, 'hi': hi, 'n': n::DOUBLE} ORDER BY e) FROM event_ci) AS event_study,
      (SELECT count(*) FILTER (WHERE g IS NOT NULL) FROM units) AS treated_employers,
      (SELECT count(*) FILTER (WHERE g IS NULL) FROM units) AS control_employers,
      (SELECT count(DISTINCT g) FROM units WHERE g IS NOT NULL AND g NOT IN (SELECT g FROM base WHERE b = 0)) AS dropped_cohorts`;
}

export interface EventTime {
  e: number;
  estimate: number;
  ci95: [number, number] | null;
  n: number;
}

export interface PilotDid {
  outcome: 'time_to_fill_days';
  att: Estimate;
  event_study: ({ e: number } & OrSuppressed<Omit<EventTime, 'e'>>)[];
  treated_employers: number;
  control_employers: number;
  dropped_cohorts: number;
}

/** The DiD's figures from its one row, each event-study cell suppressed under k hires. */
export function readPilotDid(rows: readonly Row[], k: number): PilotDid {
  const [row] = rows;
  return {
    outcome: 'time_to_fill_days',
    att: estimateOf(numOrNull(row, 'att'), numOrNull(row, 'att_lo'), numOrNull(row, 'att_hi')),
    event_study: rowList(row, 'event_study').map((ev) => {
      const interval = estimateOf(num(ev, 'estimate'), numOrNull(ev, 'lo'), numOrNull(ev, 'hi')).ci95;
      return { e: num(ev, 'e'), ...shownIf(num(ev, 'n'), k, () => ({ estimate: num(ev, 'estimate'), ci95: interval, n: num(ev, 'n') })) };
    }),
    treated_employers: num(row, 'treated_employers'),
    control_employers: num(row, 'control_employers'),
    dropped_cohorts: num(row, 'dropped_cohorts'),
  };
}
