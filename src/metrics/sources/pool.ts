import { dateLiteral, ident, str } from '../../sql/quote';
import { EMPLOYER_LEVEL, inList, type Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { HIRE_COUNT_TABLES, type HireCountTable, type HireKey, type HireTable } from './hire-counts';

/**
 * Contributions pooled into this engine (DESIGN §7): each contribution file's count tables, loaded into
 * tables of the same shape as the count tables the rows give, kept by contribution, pseudonymous
 * employer key, occupation, requisition quarter and group. A cell merged by the disclosure rule has
 * occupation '(other occupations)', or no quarter (`q` null) but its `year`, or neither (all years).
 */

/** The hire count tables a contribution carries (the DiD's cells are summed from its time-to-fill counts). */
export const POOLED_HIRE_TABLES = ['fill', 'hire', 'tenure', 'firstYear', 'hires', 'hiringCosts', 'comparison'] as const;
export type PooledHireTable = (typeof POOLED_HIRE_TABLES)[number];

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const POOL = {
  contributions: 'pool_contributions',
  employers: 'pool_employers',
  hires: (table: PooledHireTable) => `pool_${snake(table)}`,
  trainingCosts: 'pool_training_costs',
  trainees: 'pool_trainees',
} as const;

/** The id under which a contribution being made is pooled for a moment, to compute its certificate. */
export const DRAFT_ID = '__ler_certificate_check';

/** The merged occupation of the disclosure rule. */
export const OTHER_OCCUPATIONS = '(other occupations)';

/** A pooled hire table's columns in order, with their SQL types. */
export function pooledHireColumns(table: PooledHireTable): [string, string][] {
  const spec: HireCountTable = HIRE_COUNT_TABLES[table];
  const d = 'NULL';
  return [
    ['contribution_id', 'VARCHAR'],
    ['employer_id', 'VARCHAR'],
    ['occupation', 'VARCHAR'],
    ['q', 'DATE'],
    ['year', 'INTEGER'],
    ...(spec.grouped ? ([['grp', 'VARCHAR']] as [string, string][]) : []),
    ...Object.entries(spec.types.days),
    ...Object.keys(spec.measures(d)).map((m): [string, string] => [m, spec.types.money.includes(m) ? 'DOUBLE' : 'BIGINT']),
  ];
}

export const TRAINING_COST_MEASURES = [
  ['enrollments', 'BIGINT'],
  ['people', 'BIGINT'],
  ['completions', 'BIGINT'],
  ['direct_cost', 'DOUBLE'],
  ['time_cost', 'DOUBLE'],
  ['ler_credentials', 'BIGINT'],
  ['promotions', 'BIGINT'],
  ['wage_before_sum', 'DOUBLE'],
  ['wage_before_n', 'BIGINT'],
  ['completions_followed', 'BIGINT'],
  ['promotions_followed', 'BIGINT'],
] as const;

const CELL: [string, string][] = [
  ['contribution_id', 'VARCHAR'],
  ['employer_id', 'VARCHAR'],
  ['occupation', 'VARCHAR'],
  ['dim', 'VARCHAR'],
  ['key', 'VARCHAR'],
];

export const POOLED_TRAINING_COLUMNS: Record<'trainingCosts' | 'trainees', [string, string][]> = {
  trainingCosts: [...CELL, ...TRAINING_COST_MEASURES.map(([name, type]): [string, string] => [name, type])],
  trainees: [
    ...CELL,
    ['part', 'VARCHAR'],
    ['hire_employer', 'VARCHAR'],
    ['lag', 'INTEGER'],
    ['day', 'INTEGER'],
    ['event', 'BOOLEAN'],
    ['c', 'BIGINT'],
  ],
};

const createTable = (name: string, columns: [string, string][]) =>
  `CREATE TABLE IF NOT EXISTS ${name} (${columns.map(([c, t]) => `${ident(c)} ${t}`).join(', ')});`;

/** Creates the pool's tables, empty, if they do not exist yet. */
export const CREATE_POOL_SQL = [
  createTable(POOL.contributions, [
    ['contribution_id', 'VARCHAR'],
    ['as_of', 'DATE'],
    ['k', 'INTEGER'],
    ['created_at', 'VARCHAR'],
    ['producer', 'VARCHAR'],
    ['file', 'VARCHAR'],
    ['employers', 'INTEGER'],
    ['withheld_persons', 'BIGINT'],
    ['withheld', 'VARCHAR'],
    ['certificate', 'VARCHAR'],
  ]),
  createTable(POOL.employers, [
    ['contribution_id', 'VARCHAR'],
    ['employer_id', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['size_band', 'VARCHAR'],
    ['region', 'VARCHAR'],
    ['adoption_q', 'DATE'],
  ]),
  ...POOLED_HIRE_TABLES.map((t) => createTable(POOL.hires(t), pooledHireColumns(t))),
  createTable(POOL.trainingCosts, POOLED_TRAINING_COLUMNS.trainingCosts),
  createTable(POOL.trainees, POOLED_TRAINING_COLUMNS.trainees),
].join('\n');

/** The latest as-of date of the pooled contributions: the default as-of date when no rows are loaded. */
export const POOL_LATEST_SQL = `SELECT max(as_of) AS latest FROM ${POOL.contributions} WHERE contribution_id <> ${str(DRAFT_ID)}`;

/** Every pool table, for clearing and for removing one contribution. */
export const POOL_TABLE_NAMES: readonly string[] = [
  POOL.contributions,
  POOL.employers,
  ...POOLED_HIRE_TABLES.map(POOL.hires),
  POOL.trainingCosts,
  POOL.trainees,
];

/** Removes one contribution from every pool table. */
export const removeContributionSql = (id: string) =>
  POOL_TABLE_NAMES.map((t) => `DELETE FROM ${t} WHERE contribution_id = ${str(id)};`).join('\n');

/** Which loaded data a metric reads: the rows, and the contributions (all, one by id, or none). */
export type SourceScope = NonNullable<MetricSettings['sources']>;

/** The scope of these settings: the rows only unless settings say otherwise. */
export const scopeOf = (settings: MetricSettings): SourceScope => settings.sources ?? { rows: true, contributions: false };

/**
 * WHERE clauses for pooled data: employer-level filters on the employer (`e`); on a cell table (`p`,
 * when `cells`) occupation, a requisition period by the quarters its ends fall in (when `quarters`;
 * cells merged out of their quarter then drop out); and the contribution when one is asked for.
 */
function poolWhere(filters: Filters, scope: SourceScope, { cells, quarters }: { cells: boolean; quarters: boolean }): string {
  const clauses = EMPLOYER_LEVEL.map((f) => inList(`e.${ident(f)}`, filters[f]));
  if (cells) clauses.push(inList('p.occupation', filters.occupation));
  const { from, to } = filters.period ?? {};
  if (cells && quarters && from) clauses.push(`p.q >= date_trunc('quarter', ${dateLiteral(from)})`);
  if (cells && quarters && to) clauses.push(`p.q <= date_trunc('quarter', ${dateLiteral(to)})`);
  // A draft pooled for a moment to certify it is never part of "every contribution".
  clauses.push(
    typeof scope.contributions === 'string' ? `e.contribution_id = ${str(scope.contributions)}` : `e.contribution_id <> ${str(DRAFT_ID)}`,
  );
  const present = clauses.filter((c): c is string => c !== null);
  return present.length > 0 ? `WHERE ${present.join(' AND ')}` : '';
}

const KEY_COLUMN: Record<HireKey, string> = {
  employer_id: 'p.employer_id',
  industry: 'e.industry',
  size_band: 'e.size_band',
  region: 'e.region',
  occupation: 'p.occupation',
  q: 'p.q',
  grp: 'p.grp',
};

const joinEmployers = (table: string) => `${table} p JOIN ${POOL.employers} e USING (contribution_id, employer_id)`;

/** A hire count table from the pool, grouped by `keys` and the table's days, as hireCountsSql gives it from the rows. */
export function pooledHireCountsSql(table: HireTable, filters: Filters, scope: SourceScope, keys: readonly HireKey[]): string {
  const spec: HireCountTable = HIRE_COUNT_TABLES[table];
  const keyColumns = keys.map((k) => `${KEY_COLUMN[k]} AS ${ident(k)}`);
  if (table === 'fillCells')
    return `SELECT ${[...keyColumns, 'coalesce(sum(p.c), 0)::BIGINT AS c', 'coalesce(sum(p.day * p.c), 0)::BIGINT AS days'].join(', ')}
      FROM ${joinEmployers(POOL.hires('fill'))} ${poolWhere(filters, scope, { cells: true, quarters: true })} GROUP BY ALL`;
  const days = Object.keys(spec.types.days).map((name) => `p.${ident(name)} AS ${ident(name)}`);
  // Zero, not null, when no cell passes the filters, and typed as the rows' count tables are (a sum of
  // BIGINT is HUGEINT, which every later sum and window would carry, slower).
  const measures = Object.keys(spec.measures('NULL')).map(
    (m) => `coalesce(sum(p.${ident(m)}), 0)::${spec.types.money.includes(m) ? 'DOUBLE' : 'BIGINT'} AS ${ident(m)}`,
  );
  return `SELECT ${[...keyColumns, ...days, ...measures].join(', ')}
    FROM ${joinEmployers(POOL.hires(table))} ${poolWhere(filters, scope, { cells: true, quarters: true })} GROUP BY ALL`;
}

/** The pooled employers passing the employer-level filters, in the shape of employersSql; adopted by their file's as-of date when they have an adoption quarter. */
export function pooledEmployersSql(filters: Filters, scope: SourceScope): string {
  return `SELECT e.employer_id, e.industry, e.size_band, e.region, e.adoption_q IS NOT NULL AS adopted, e.adoption_q
    FROM ${POOL.employers} e ${poolWhere(filters, scope, { cells: false, quarters: false })}`;
}

/**
 * Pooled training costs per subset (all subsets, or all enrollments together), in the shape of
 * trainingCostsSql. Training is kept by the training employer and the occupation of the trainee's hire,
 * not by quarter: a requisition period does not apply to it on a pool.
 */
export function pooledTrainingCostsSql(filters: Filters, scope: SourceScope, onlyAll: boolean): string {
  const measures = TRAINING_COST_MEASURES.map(([m, type]) => `sum(p.${m})::${type} AS ${m}`);
  const where = poolWhere(filters, scope, { cells: true, quarters: false });
  const all = onlyAll ? `${where ? `${where} AND` : 'WHERE'} p.dim = 'all'` : where;
  return `SELECT p.dim, p.key, ${measures.join(', ')} FROM ${joinEmployers(POOL.trainingCosts)} ${all} GROUP BY ALL`;
}

/**
 * The pooled trainees rolled up by industry and occupation, and by industry alone, the filters pages use
 * most: a half and a quarter of the pool's rows, and no join to the employers. Built after every data
 * change with the hire roll-ups.
 */
export const POOLED_TRAINEES_ROLLUPS = {
  occupation: '__ler_pool_agg_trainees_by_industry_occupation',
  industry: '__ler_pool_agg_trainees_by_industry',
} as const;

const TRAINEE_COLUMNS = 'p.dim, p.key, p.part, p.hire_employer, p.lag, p.day, p.event';

export const BUILD_POOLED_TRAINEES_ROLLUPS_SQL = [
  `CREATE OR REPLACE TABLE ${POOLED_TRAINEES_ROLLUPS.occupation} AS
    SELECT e.industry, p.occupation, ${TRAINEE_COLUMNS}, sum(p.c)::BIGINT AS c
    FROM ${joinEmployers(POOL.trainees)} ${poolWhere({}, { rows: false, contributions: true }, { cells: true, quarters: false })} GROUP BY ALL`,
  `CREATE OR REPLACE TABLE ${POOLED_TRAINEES_ROLLUPS.industry} AS
    SELECT p.industry, ${TRAINEE_COLUMNS}, sum(p.c)::BIGINT AS c FROM ${POOLED_TRAINEES_ROLLUPS.occupation} p GROUP BY ALL`,
];

/**
 * Pooled trainees in the shape of traineesSql (the employer part keyed by the trainee's hire employer),
 * from the smallest roll-up that keeps the filters when they are built (a period does not apply to
 * training on a pool).
 */
export function pooledTraineesSql(filters: Filters, scope: SourceScope, rollupsBuilt: boolean): string {
  const columns = `${TRAINEE_COLUMNS.replace('p.hire_employer', 'p.hire_employer AS employer_id')}, sum(p.c)::BIGINT AS c`;
  const others = (['employer_id', 'size_band', 'region'] as const).some((f) => inList(f, filters[f]) !== null);
  if (rollupsBuilt && scope.contributions === true && !others) {
    const byOccupation = inList('p.occupation', filters.occupation);
    const clauses = [inList('p.industry', filters.industry), byOccupation].filter((c) => c !== null);
    const table = byOccupation === null ? POOLED_TRAINEES_ROLLUPS.industry : POOLED_TRAINEES_ROLLUPS.occupation;
    return `SELECT ${columns} FROM ${table} p ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''} GROUP BY ALL`;
  }
  return `SELECT ${columns} FROM ${joinEmployers(POOL.trainees)} ${poolWhere(filters, scope, { cells: true, quarters: false })} GROUP BY ALL`;
}

/**
 * One relation from the rows' part and the pool's: a single part as it is, two summed per group (counts
 * stay exact; money sums agree to the last bits only when summed in the same order).
 */
export function sumOfParts(parts: readonly string[], groups: readonly string[], measures: readonly string[]): string {
  if (parts.length === 1) return parts[0] ?? '';
  const sums = measures.map((m) => `sum(${ident(m)}) AS ${ident(m)}`);
  return `SELECT ${[...groups.map(ident), ...sums].join(', ')} FROM (${parts.join(' UNION ALL BY NAME ')}) GROUP BY ALL`;
}
