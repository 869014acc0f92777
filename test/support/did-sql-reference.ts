import { BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, EVENT_TIMES } from '../../src/metrics/did';
import { didCellsSql, type DidOutcome } from '../../src/metrics/did-cells';
import type { Filters } from '../../src/metrics/filters';
import type { MetricSettings } from '../../src/metrics/settings';
import { employersSql } from '../../src/metrics/sources/employers';

const quarterIndex = (date: string) => `(year(${date}) * 4 + quarter(${date}) - 1)`;

/**
 * The pilot DiD and its employer-cluster bootstrap written wholly in SQL, as the product computed them
 * before readPilotDid summed the resampled cells in TypeScript: a second implementation (the engine's
 * join, group-by and quantile_cont, every cell resampled) for the product's to agree with. One row: att, att_lo, att_hi,
 * event_study (e, estimate, lo, hi, n), the pre-trend test's inputs (pretrend_theta, the pre-period estimates in e
 * order; pretrend_cov, covar_samp over the replicates that have them all, as (e1, e2, c)), treated_employers,
 * control_employers, dropped_cohorts.
 */
export function didInSqlReference(filters: Filters, settings: MetricSettings, outcome: DidOutcome = 'time_to_fill_days'): string {
  const [replicates, seed] = [BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED];
  return `WITH cells AS (${didCellsSql(filters, settings, outcome)}),
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
                                FROM cells c JOIN units u USING (employer_id)),
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
                 FROM events GROUP BY e HAVING count(*) FILTER (WHERE b = 0) > 0),
    pre AS (SELECT e, est FROM events WHERE b = 0 AND e BETWEEN ${EVENT_TIMES.first} AND -2),
    pre_draws AS (SELECT b, e, est FROM events WHERE b > 0 AND e IN (SELECT e FROM pre)
                  QUALIFY count(*) OVER (PARTITION BY b) = (SELECT count(*) FROM pre)),
    pre_cov AS (SELECT x.e AS e1, y.e AS e2, covar_samp(x.est, y.est) AS c FROM pre_draws x JOIN pre_draws y USING (b) GROUP BY x.e, y.e)
    SELECT
      (SELECT est FROM overall WHERE b = 0) AS att,
      (SELECT quantile_cont(est, 0.025) FROM overall WHERE b > 0) AS att_lo,
      (SELECT quantile_cont(est, 0.975) FROM overall WHERE b > 0) AS att_hi,
      (SELECT count(*) FROM overall WHERE b > 0) AS replicates_used,
      -- DuckDB-WASM 1.32's castBigIntToDouble does not reach integers inside a list of structs (no upstream report found), so cast them here.
      (SELECT list({'e': e::DOUBLE, 'estimate': estimate, 'lo': lo, 'hi': hi, 'n': n::DOUBLE} ORDER BY e) FROM event_ci) AS event_study,
      (SELECT list(est::DOUBLE ORDER BY e) FROM pre) AS pretrend_theta,
      (SELECT list({'e1': e1::DOUBLE, 'e2': e2::DOUBLE, 'c': c} ORDER BY e1, e2) FROM pre_cov) AS pretrend_cov,
      (SELECT count(DISTINCT b) FROM pre_draws) AS pretrend_replicates,
      (SELECT count(*) FILTER (WHERE g IS NOT NULL) FROM units) AS treated_employers,
      (SELECT count(*) FILTER (WHERE g IS NULL) FROM units) AS control_employers,
      (SELECT count(DISTINCT g) FROM units WHERE g IS NOT NULL AND g NOT IN (SELECT g FROM base WHERE b = 0)) AS dropped_cohorts`;
}
