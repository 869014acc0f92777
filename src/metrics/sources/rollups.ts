import { dateLiteral, ident } from '../../sql/quote';
import { EMPLOYER_LEVEL, filteredEmployersSql, inList, type Filters, type ListFilter } from '../filters';
import { countsFromRowsSql, HIRE_COUNT_TABLES, hireRowsSql, type HireKey, type HireTable } from './hire-counts';
import { pooledEmployersSql, pooledHireCountsSql } from './pool';

/**
 * Count tables built once after every change to the data, for the latest date, rolled up to the keys
 * users filter by most (industry, occupation) or that an estimator groups by (employer and quarter for
 * the DiD, employer for upskilling's comparison group): a filter change then reads cells instead of every
 * hire. The same roll-ups are built from the pooled contributions, which need them as much: a pool
 * keeps every contributor's cells. Hidden from the schema browser by the `__ler_` prefix; kept in the
 * main schema so "Show SQL" runs in the workbench's own connection.
 */
export interface Rollup {
  name: string;
  table: HireTable;
  keys: readonly HireKey[];
}

/** Where a roll-up's cells come from: the loaded rows, or every pooled contribution. */
export type RollupSource = 'rows' | 'pool';

const KEY_SETS: readonly [HireTable, HireKey[]][] = [
  ['fill', ['industry', 'occupation', 'grp', 'q']],
  ['fill', ['industry', 'occupation', 'grp']],
  ['hire', ['industry', 'occupation', 'grp']],
  ['tenure', ['industry', 'occupation', 'grp']],
  ['hires', ['industry', 'occupation', 'grp']],
  ['fillCells', ['employer_id', 'occupation', 'q']],
  ['fillCells', ['employer_id', 'q']],
  ['firstYear', ['employer_id', 'occupation', 'grp']],
  ['comparison', ['occupation', 'employer_id']],
  ['comparison', ['employer_id']],
];

const PREFIX: Record<RollupSource, string> = { rows: '__ler_agg_', pool: '__ler_pool_agg_' };

export const ROLLUPS: Record<RollupSource, readonly Rollup[]> = {
  rows: KEY_SETS.map(([table, keys]) => ({ name: `${PREFIX.rows}${table}_by_${keys.join('_')}`, table, keys })),
  pool: KEY_SETS.map(([table, keys]) => ({ name: `${PREFIX.pool}${table}_by_${keys.join('_')}`, table, keys })),
};

/** Every pooled contribution (a draft being certified is never among them). */
const ALL_CONTRIBUTIONS = { rows: false, contributions: true } as const;

const covers = (outer: readonly HireKey[], inner: readonly HireKey[]) => inner.every((k) => outer.includes(k));

/**
 * The statements that build every roll-up of a source for an as-of date (the pool's have their files'
 * own), each from the smallest roll-up already built that covers its keys (summing its cells), else from
 * the source's count tables; run one at a time, so other queries can go in between.
 */
export function buildRollupStatements(source: RollupSource, asOf: string): string[] {
  const built: Rollup[] = [];
  return [...ROLLUPS[source]]
    .sort((a, b) => b.keys.length - a.keys.length)
    .map((r) => {
      const from = built.filter((b) => b.table === r.table && covers(b.keys, r.keys)).sort((a, b) => a.keys.length - b.keys.length)[0];
      const spec = HIRE_COUNT_TABLES[r.table];
      const d = dateLiteral(asOf);
      const select = from
        ? rollupSql(source, from, {}, r.keys, Object.keys(spec.days(d)), Object.keys(spec.measures(d)))
        : source === 'rows'
          ? countsFromRowsSql(r.table, hireRowsSql({}), asOf, r.keys)
          : pooledHireCountsSql(r.table, {}, ALL_CONTRIBUTIONS, r.keys);
      built.push(r);
      return `CREATE OR REPLACE TABLE ${r.name} AS ${select}`;
    });
}

/** A quarter-aligned requisition period as bounds on `q` (the quarter's first day); null when an end falls inside a quarter. */
function quarterBounds(period: Filters['period']): string[] | null {
  const { from, to } = period ?? {};
  const bounds: string[] = [];
  if (from) {
    if (!/-(01|04|07|10)-01$/.test(from)) return null;
    bounds.push(`q >= ${dateLiteral(from)}`);
  }
  if (to) {
    if (!/-(03-31|06-30|09-30|12-31)$/.test(to)) return null;
    bounds.push(`q <= date_trunc('quarter', ${dateLiteral(to)})`);
  }
  return bounds;
}

/** A requisition period on the pool: the quarters its ends fall in, as the pool's own tables apply it. */
function poolQuarterBounds(period: Filters['period']): string[] {
  const { from, to } = period ?? {};
  return [
    ...(from ? [`q >= date_trunc('quarter', ${dateLiteral(from)})`] : []),
    ...(to ? [`q <= date_trunc('quarter', ${dateLiteral(to)})`] : []),
  ];
}

/**
 * The WHERE clauses that apply the filters to a roll-up (or any table built per source) with these keys,
 * or null when it cannot: a list filter needs its key, or employer_id for one about employers; a period
 * needs `q` (and, on the rows, whole quarters).
 */
export function rollupFilters(source: RollupSource, keys: readonly HireKey[], filters: Filters): string[] | null {
  const clauses: string[] = [];
  const { period, ...lists } = filters;
  for (const [field, values] of Object.entries(lists) as [ListFilter, string[] | undefined][]) {
    const clause = inList(ident(field), values);
    if (clause === null) continue;
    if (keys.includes(field)) clauses.push(clause);
    else if (EMPLOYER_LEVEL.includes(field) && keys.includes('employer_id'))
      clauses.push(
        `employer_id IN (SELECT employer_id FROM (${source === 'rows' ? filteredEmployersSql({ [field]: values }) : pooledEmployersSql({ [field]: values }, ALL_CONTRIBUTIONS)}))`,
      );
    else return null;
  }
  if (period && (period.from || period.to)) {
    const bounds = !keys.includes('q') ? null : source === 'rows' ? quarterBounds(period) : poolQuarterBounds(period);
    if (!bounds) return null;
    clauses.push(...bounds);
  }
  return clauses;
}

/** The smallest roll-up of `table` from a source that has `keys` and can apply the filters, if any. */
export function servingRollup(source: RollupSource, table: HireTable, filters: Filters, keys: readonly HireKey[]): Rollup | null {
  const candidates = ROLLUPS[source].filter(
    (r) => r.table === table && covers(r.keys, keys) && rollupFilters(source, r.keys, filters) !== null,
  );
  return candidates.sort((a, b) => a.keys.length - b.keys.length)[0] ?? null;
}

/**
 * The roll-up's cells that pass the filters, summed to `keys` and the table's days; read as they are when
 * the roll-up has exactly those keys (its cells are sums already, and re-grouping 231k comparison cells
 * costs a tenth of the Upskilling page's query on a 500-employer pool).
 */
export function rollupSql(
  source: RollupSource,
  r: Rollup,
  filters: Filters,
  keys: readonly HireKey[],
  days: readonly string[],
  measures: readonly string[],
): string {
  const clauses = rollupFilters(source, r.keys, filters) ?? [];
  const columns = [...keys, ...days].map(ident);
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  if (r.keys.length === keys.length && covers(keys, r.keys))
    return `SELECT ${[...columns, ...measures.map(ident)].join(', ')} FROM ${r.name} ${where}`;
  const sums = measures.map((m) => `coalesce(sum(${ident(m)}), 0)::BIGINT AS ${ident(m)}`);
  return `SELECT ${[...columns, ...sums].join(', ')} FROM ${r.name} ${where} GROUP BY ALL`;
}
