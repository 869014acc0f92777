import type { Row } from '../engine/engine';
import { waldTest, type ChiSquareTest } from '../stats/wald';
import { estimateOf, type Estimate } from './figures';
import type { Filters } from './filters';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';
import { didCellsSql, quarterIndex, type DidOutcome } from './did-cells';
import { shownIf, type OrSuppressed } from './suppression';

export const BOOTSTRAP_REPLICATES = 499;
export const BOOTSTRAP_SEED = 20_240_101;
export const EVENT_TIMES = { first: -4, last: 8 } as const;

/** The earliest event time an estimate reads: the event study's first, or the base quarter. */
const FIRST_READ = Math.min(EVENT_TIMES.first, -1);

/**
 * The inputs of the staggered-adoption DiD of an outcome (DESIGN §4, §4b) in one row, for readPilotDid to estimate from:
 * `cohorts`, each employer's adoption quarter (null if never treated, or adopting after the as-of date:
 * as of that date it had not), in employer_id order, the employer's place in it being its unit; the
 * employer × quarter cells an estimate reads, as `unit`, `q`, `n` (hires) and `s` (sum of the outcome) lists
 * in one order (a cohort's quarters from its earliest event time or base quarter on, the controls' from
 * the earliest cohort's); and `draws`, the employer-cluster bootstrap's resampling, replicate b's j-th
 * draw being the unit hash(seed, b, j) mod units (a UBIGINT modulus like the hash's: a BIGINT one is
 * 128-bit arithmetic), each given as b × units + unit.
 *
 * With `replicates` 0 there are no draws: the point estimates alone, which a page shows while the bootstrap is computed.
 * The estimates are sums over the replicates' resampled cells (2 million on a pilot of 500 employers),
 * which TypeScript adds up many times faster than a join and group-by in the engine.
 */
export function pilotDidSql(
  filters: Filters,
  settings: MetricSettings,
  outcome: DidOutcome = 'time_to_fill_days',
  replicates = BOOTSTRAP_REPLICATES,
): string {
  const seed = BOOTSTRAP_SEED;
  const inOrder = (column: string, type: string) => `list(${column}::${type} ORDER BY unit, q) AS ${column}`;
  return `WITH cells AS (${didCellsSql(filters, settings, outcome)}),
    units AS MATERIALIZED (SELECT employer_id, CASE WHEN adopted THEN ${quarterIndex('adoption_q')} END AS g,
                row_number() OVER (ORDER BY employer_id) - 1 AS unit
              FROM (${employersSql(filters, settings)}) WHERE employer_id IN (SELECT employer_id FROM cells)),
    unit_count AS (SELECT count(*) AS units FROM units),
    read_cells AS (SELECT u.unit, c.q, c.n, c.s FROM cells c JOIN units u USING (employer_id)
                   WHERE c.q >= coalesce(u.g, (SELECT min(g) FROM units)) + ${FIRST_READ})
    SELECT cohorts, unit, q, n, s, draws
    FROM (SELECT list(g::INTEGER ORDER BY unit) AS cohorts FROM units),
      (SELECT ${inOrder('unit', 'INTEGER')}, ${inOrder('q', 'INTEGER')}, ${inOrder('n', 'DOUBLE')}, ${inOrder('s', 'DOUBLE')} FROM read_cells),
      (SELECT list((r.b * k.units + (hash(${seed}, r.b, j.j) % k.units::UBIGINT)::BIGINT)::INTEGER) AS draws
       FROM unit_count k, range(1, ${replicates + 1}) r(b), (SELECT unnest(range((SELECT units FROM unit_count))) AS j) j)`;
}

/** DuckDB's quantile_cont of sorted values: linear between the two nearest ranks. */
export function quantileCont(sorted: readonly number[], p: number): number {
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const d = rank - lo;
  return lo === hi ? (sorted[lo] ?? Number.NaN) : (sorted[lo] ?? Number.NaN) * (1 - d) + (sorted[hi] ?? Number.NaN) * d;
}

/** A 95% percentile interval of the replicates' estimates (those that exist), or nulls when none does. */
function percentileInterval(values: readonly (number | null)[]): { lo: number | null; hi: number | null } {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? { lo: null, hi: null } : { lo: quantileCont(sorted, 0.025), hi: quantileCont(sorted, 0.975) };
}

interface ReplicateEstimates {
  overall: number | null;
  /** Event time → hire-weighted ATT and hires. */
  events: Map<number, { estimate: number; n: number }>;
  /** Cohorts without both terms of their base quarter. */
  dropped: number;
}

/** The DiD's unbootstrapped and bootstrap estimates from pilotDidSql's row. */
export function estimateDid(row: Row | undefined) {
  const list = (field: string): unknown[] => (Array.isArray(row?.[field]) ? (row[field] as unknown[]) : []);
  const cohorts = list('cohorts').map((g) => (typeof g === 'number' ? g : null));
  // Lists of numbers, as the SQL types them.
  const numbers = (field: string) => Float64Array.from(list(field) as ArrayLike<number>);
  const [unitOf, quarterOf, hiresOf, daysOf, draws] = [numbers('unit'), numbers('q'), numbers('n'), numbers('s'), numbers('draws')];
  const units = cohorts.length;
  const replicates = units > 0 ? draws.length / units : 0;
  const treated = [...new Set(cohorts.filter((g): g is number => g !== null))].sort((a, b) => a - b);
  // Group 0 is the never-treated controls, group i the i-th cohort; a cell's slot is group × quarters + quarter.
  const groupOf = cohorts.map((g) => (g === null ? 0 : treated.indexOf(g) + 1));
  const qMin = quarterOf.reduce((a, b) => Math.min(a, b), Infinity);
  const quarters = quarterOf.length > 0 ? quarterOf.reduce((a, b) => Math.max(a, b), -Infinity) - qMin + 1 : 0;
  const slotOf = Int32Array.from(unitOf, (u, c) => (groupOf[u] ?? 0) * quarters + (quarterOf[c] ?? 0) - qMin);
  // The cells come ordered by unit: unit u's are firstCell[u] up to firstCell[u + 1].
  const firstCell = new Int32Array(units + 1);
  for (const u of unitOf) firstCell[u + 1] = (firstCell[u + 1] ?? 0) + 1;
  for (let u = 0; u < units; u++) firstCell[u + 1] = (firstCell[u + 1] ?? 0) + (firstCell[u] ?? 0);
  // Each unit's multiplicity in each replicate; replicate 0 is the data, every unit once.
  const weight = new Uint16Array((replicates + 1) * units).fill(1, 0, units);
  for (const draw of draws) weight[draw] = (weight[draw] ?? 0) + 1;
  const slots = (treated.length + 1) * quarters;
  const days = new Float64Array(slots);
  const hires = new Float64Array(slots);
  const present = new Uint8Array(slots);
  const replicate = (b: number): ReplicateEstimates => {
    days.fill(0);
    hires.fill(0);
    present.fill(0);
    for (let u = 0; u < units; u++) {
      const m = weight[b * units + u] ?? 0;
      for (let c = firstCell[u] ?? 0, end = m === 0 ? c : (firstCell[u + 1] ?? 0); c < end; c++) {
        const slot = slotOf[c] ?? 0;
        days[slot] = (days[slot] ?? 0) + m * (daysOf[c] ?? 0);
        hires[slot] = (hires[slot] ?? 0) + m * (hiresOf[c] ?? 0);
        present[slot] = 1;
      }
    }
    const mean = (group: number, q: number) => {
      const slot = group * quarters + q - qMin;
      return q >= qMin && q < qMin + quarters && present[slot] ? (days[slot] ?? 0) / (hires[slot] ?? 0) : null;
    };
    let weighted = 0;
    let weights = 0;
    let dropped = 0;
    const events = new Map<number, { sum: number; n: number }>();
    treated.forEach((g, i) => {
      const [cohortBase, controlBase] = [mean(i + 1, g - 1), mean(0, g - 1)];
      if (cohortBase === null || controlBase === null) {
        dropped++;
        return;
      }
      for (let q = qMin; q < qMin + quarters; q++) {
        const [cohort, control] = [mean(i + 1, q), mean(0, q)];
        if (cohort === null || control === null) continue;
        const att = cohort - control - (cohortBase - controlBase);
        const n = hires[(i + 1) * quarters + q - qMin] ?? 0;
        const e = q - g;
        if (e >= 0) {
          weighted += n * att;
          weights += n;
        }
        if (e >= EVENT_TIMES.first && e <= EVENT_TIMES.last) {
          const cell = events.get(e) ?? { sum: 0, n: 0 };
          events.set(e, { sum: cell.sum + n * att, n: cell.n + n });
        }
      }
    });
    return {
      overall: weights > 0 ? weighted / weights : null,
      events: new Map([...events].map(([e, { sum, n }]) => [e, { estimate: sum / n, n }])),
      dropped,
    };
  };
  const [data, ...resampled] = Array.from({ length: replicates + 1 }, (_, b) => replicate(b));
  const overall = percentileInterval(resampled.map((r) => r.overall));
  // The pre-trend test reads the pre-period estimates (e = −4…−2) the data have, over the replicates that have them all.
  const pre = [...(data?.events ?? [])].filter(([e]) => e >= EVENT_TIMES.first && e <= -2).sort(([a], [b]) => a - b);
  const preReplicates = resampled.flatMap((r) => {
    const v = pre.map(([e]) => r.events.get(e)?.estimate);
    return v.every((x): x is number => x !== undefined) ? [v] : [];
  });
  return {
    att: data?.overall ?? null,
    att_lo: overall.lo,
    att_hi: overall.hi,
    event_study: [...(data?.events ?? [])]
      .sort(([a], [b]) => a - b)
      .map(([e, { estimate, n }]) => ({ e, estimate, n, ...percentileInterval(resampled.map((r) => r.events.get(e)?.estimate ?? null)) })),
    treated_employers: cohorts.filter((g) => g !== null).length,
    control_employers: cohorts.filter((g) => g === null).length,
    dropped_cohorts: data?.dropped ?? 0,
    pretrend: waldTest(
      pre.map(([, { estimate }]) => estimate),
      preReplicates,
    ),
  };
}

export interface EventTime {
  e: number;
  estimate: number;
  ci95: [number, number] | null;
  n: number;
}

export interface PilotDid {
  outcome: DidOutcome;
  att: Estimate;
  event_study: ({ e: number } & OrSuppressed<Omit<EventTime, 'e'>>)[];
  treated_employers: number;
  control_employers: number;
  dropped_cohorts: number;
  /**
   * Joint Wald test that the pre-period event-study estimates (e = −4…−2, those present) are zero, with
   * their bootstrap covariance; null when there are none or they do not vary across replicates.
   */
  pretrend: ChiSquareTest | null;
}

/** The DiD's figures from pilotDidSql's row, each event-study cell suppressed under k hires. */
export function readPilotDid(rows: readonly Row[], k: number, outcome: DidOutcome = 'time_to_fill_days'): PilotDid {
  const did = estimateDid(rows[0]);
  return {
    outcome,
    att: estimateOf(did.att, did.att_lo, did.att_hi),
    event_study: did.event_study.map((ev) => ({
      e: ev.e,
      ...shownIf(ev.n, k, () => ({ estimate: ev.estimate, ci95: estimateOf(ev.estimate, ev.lo, ev.hi).ci95, n: ev.n })),
    })),
    treated_employers: did.treated_employers,
    control_employers: did.control_employers,
    dropped_cohorts: did.dropped_cohorts,
    pretrend: did.pretrend,
  };
}
