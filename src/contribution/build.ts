import type { Engine, Row } from '../engine/engine';
import { countsFromRowsSql, hireRowsSql, type HireKey, type HireTable } from '../metrics/sources/hire-counts';
import { DRAFT_ID } from '../metrics/sources/pool';
import { traineeCellsSql, trainingCellSizesSql, trainingCellsSql } from '../metrics/sources/training-counts';
import { dateLiteral } from '../sql/quote';
import { mergeLevelsSql, releasedSql, withheldSql, type CellShape } from './disclosure';
import {
  CONTRIBUTION_SCHEMA,
  contributionId,
  employerKey,
  FILE_TABLES,
  quarterLabel,
  type Cell,
  type Contribution,
  type FileTable,
} from './document';
import { certify } from './certificate';

export interface ContributionOptions {
  asOf: string;
  k: number;
  /** The pilot's passphrase: the same employer gets the same key in every file made with it. Null: random keys. */
  pilotCode: string | null;
  producer: string;
  createdAt?: string;
}

/** What one table of the file holds, for the preview. */
export interface TableReport {
  table: FileTable;
  rows: number;
  /** Cells merged by the disclosure rule: occupation, quarter into year, year into all. */
  merged: { occupation: number; year: number; all: number };
  withheldPersons: number;
}

/**
 * How each file table is made from the rows: its full table (SQL over the loaded rows, kept by the
 * original employer_id), the cells the disclosure rule decides on (with their persons `n`), and which
 * columns are cell keys, the rest, and the measures.
 */
interface TablePlan {
  full: (asOf: string) => string;
  cells: (full: string, asOf: string) => string;
  shape: CellShape;
  rest: readonly string[];
  measures: readonly string[];
  persons: string;
}

const HIRE_KEYS: HireKey[] = ['employer_id', 'occupation', 'q', 'grp'];
const HIRE_SHAPE: CellShape = { fixed: ['grp'], quarters: true };
const hireCells = (full: string) => `SELECT employer_id, occupation, q, grp, hires AS n FROM ${full}`;
/** Hire tables decide their cells on the hires table's counts, so every table merges the same cells. */
const HIRES_FULL = '__ler_c_full_hires';

/** A hire table's plan: its full table kept by employer, occupation, quarter and group, its cells decided on the hires table's. */
const hirePlan = (table: HireTable, rest: readonly string[], measures: readonly string[], persons: string): TablePlan => ({
  full: (d) => countsFromRowsSql(table, hireRowsSql({}), d, HIRE_KEYS),
  cells: () => hireCells(HIRES_FULL),
  shape: HIRE_SHAPE,
  rest,
  measures,
  persons,
});

const PLANS: Record<FileTable, TablePlan> = {
  fill: hirePlan('fill', ['grp', 'day'], ['c'], 'sum(t.c)'),
  hire: hirePlan('hire', ['grp', 'day'], ['c'], 'sum(t.c)'),
  tenure: hirePlan(
    'tenure',
    ['grp', 'day'],
    ['events', 'censored', 'voluntary_events', 'voluntary_censored'],
    'sum(t.events + t.censored)',
  ),
  first_year: hirePlan('firstYear', ['grp', 'start_q', 'whole_quarter', 'day'], ['c'], 'sum(t.c)'),
  hires: hirePlan('hires', ['grp'], ['hires', 'with_degree_known', 'without_degree'], 'sum(t.hires)'),
  hiring_costs: hirePlan('hiringCosts', ['grp'], ['with_cost', 'cost_sum'], 'sum(t.with_cost)'),
  comparison: {
    // Hires starting after the as-of date have negative tenure and never reach a landmark: not shared.
    full: (d) =>
      `SELECT * FROM (${countsFromRowsSql('comparison', hireRowsSql({}), d, ['employer_id', 'occupation', 'q'])}) WHERE tenure >= 0`,
    cells: (full) => `SELECT employer_id, occupation, q, sum(c) AS n FROM ${full} GROUP BY ALL`,
    shape: { fixed: [], quarters: true },
    rest: ['tenure', 'event'],
    measures: ['c'],
    persons: 'sum(t.c)',
  },
  training_costs: {
    full: (d) => trainingCellsSql(d),
    cells: (_, d) => trainingCellSizesSql(d),
    shape: { fixed: ['dim', 'key'], quarters: false },
    rest: ['dim', 'key'],
    measures: [
      'enrollments',
      'people',
      'completions',
      'direct_cost',
      'time_cost',
      'ler_credentials',
      'promotions',
      'wage_before_sum',
      'wage_before_n',
      'completions_followed',
      'promotions_followed',
    ],
    persons: 'sum(t.people)',
  },
  trainees: {
    full: (d) => traineeCellsSql(d),
    cells: (full) => `SELECT employer_id, occupation, dim, key, sum(c) FILTER (WHERE part = 'lag') AS n FROM ${full} GROUP BY ALL`,
    shape: { fixed: ['dim', 'key'], quarters: false },
    rest: ['dim', 'key', 'part', 'hire_employer', 'lag', 'day', 'event'],
    measures: ['c'],
    persons: "sum(t.c) FILTER (WHERE t.part = 'lag')",
  },
};

const TABLES = Object.keys(FILE_TABLES) as FileTable[];
const fullName = (t: FileTable) => `__ler_c_full_${t}`;
const levelsName = (t: FileTable) => `__ler_c_levels_${t}`;

/**
 * Makes the contribution file of the loaded rows as of a date: each count table at full grain, the
 * disclosure rule at k, pseudonymous employer keys, and the certificate (results@1 from the rows and from
 * the file, compared). Contributions already pooled in this engine are not part of it.
 */
export async function buildContribution(
  engine: Engine,
  options: ContributionOptions,
): Promise<{ document: Contribution; report: TableReport[] }> {
  const { asOf, k } = options;
  dateLiteral(asOf);
  try {
    for (const t of TABLES) await engine.exec(`CREATE OR REPLACE TEMP TABLE ${fullName(t)} AS ${PLANS[t].full(asOf)}`);
    for (const t of TABLES) {
      await engine.exec(
        `CREATE OR REPLACE TEMP TABLE ${levelsName(t)} AS ${mergeLevelsSql(PLANS[t].cells(fullName(t), asOf), k, PLANS[t].shape)}`,
      );
    }
    const employerRows = await engine.query<{
      employer_id: string;
      industry: string | null;
      size_band: string | null;
      region: string | null;
      q: string | null;
    }>(
      `SELECT employer_id, industry, size_band, region, CASE WHEN ler_adopted_on <= ${dateLiteral(asOf)} THEN date_trunc('quarter', ler_adopted_on) END AS q
       FROM employers ORDER BY employer_id`,
    );
    if (employerRows.length === 0) throw new Error('There are no employers loaded to contribute.');
    const keys = new Map<string, string>();
    for (const e of employerRows) keys.set(e.employer_id, await employerKey(e.employer_id, options.pilotCode));
    const tables = {} as Contribution['tables'];
    const withheld = {} as Contribution['withheld'];
    const report: TableReport[] = [];
    for (const t of TABLES) {
      const plan = PLANS[t];
      const released = await engine.query(releasedSql(fullName(t), levelsName(t), plan.shape, plan));
      // Sorted after the keys replace the ids, so that the order of the rows tells nothing about the ids.
      const rows = released.map((r) => fileRow(t, r, keys)).map((r) => ({ r, sortKey: JSON.stringify(r) }));
      rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
      tables[t] = { columns: FILE_TABLES[t].map(([c]) => c), rows: rows.map(({ r }) => r) };
      const [lost] = await engine.query<{ n: number }>(withheldSql(fullName(t), levelsName(t), plan.shape, plan.persons));
      withheld[t] = Number(lost?.n ?? 0);
      const [merged] = await engine.query<{ occupation: number; year: number; all: number }>(
        `SELECT count(*) FILTER (WHERE level = 2) AS occupation, count(*) FILTER (WHERE level = 3) AS year, count(*) FILTER (WHERE level = 4) AS "all" FROM ${levelsName(t)}`,
      );
      report.push({
        table: t,
        rows: tables[t].rows.length,
        merged: { occupation: merged?.occupation ?? 0, year: merged?.year ?? 0, all: merged?.all ?? 0 },
        withheldPersons: withheld[t],
      });
    }
    const draft: Omit<Contribution, 'id'> = {
      schema: CONTRIBUTION_SCHEMA,
      created_at: options.createdAt ?? new Date().toISOString(),
      as_of: asOf,
      k,
      producer: options.producer,
      employers: employerRows
        .map((e) => ({
          key: keys.get(e.employer_id) ?? '',
          industry: e.industry,
          size_band: e.size_band,
          region: e.region,
          adoption_quarter: quarterLabel(e.q, null),
        }))
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
      tables,
      withheld,
      certificate: {
        median_time_to_fill: { ler: null, non_ler: null },
        retention_365: { ler: null, non_ler: null },
        pilot_att: null,
        pilot_att_retention: null,
        retention_adjusted: null,
        roi_pct: null,
      },
    };
    draft.certificate = await certify(engine, { ...draft, id: DRAFT_ID }, asOf);
    return { document: { ...draft, id: await contributionId(draft) }, report };
  } finally {
    await engine.exec(TABLES.flatMap((t) => [`DROP TABLE IF EXISTS ${fullName(t)};`, `DROP TABLE IF EXISTS ${levelsName(t)};`]).join('\n'));
  }
}

/** A released row in the file's columns: employer keys for ids, quarter labels for quarters. */
function fileRow(table: FileTable, r: Row, keys: Map<string, string>): Cell[] {
  const key = (id: unknown) => (id === null || id === undefined ? null : (keys.get(String(id)) ?? null));
  return FILE_TABLES[table].map(([column]): Cell => {
    if (column === 'employer') return key(r.employer_id);
    if (column === 'hire_employer') return key(r.hire_employer);
    if (column === 'quarter')
      return quarterLabel((r.q as string | null) ?? null, r.year === null || r.year === undefined ? null : Number(r.year));
    if (column === 'group') return r.grp as Cell;
    if (column === 'start_quarter') return quarterLabel(String(r.start_q), null);
    const value = r[column];
    return value === undefined ? null : (value as Cell);
  });
}
