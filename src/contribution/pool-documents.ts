import type { Engine } from '../engine/engine';
import { CREATE_POOL_SQL, POOL, POOLED_TRAINING_COLUMNS, pooledHireColumns, type PooledHireTable } from '../metrics/sources/pool';
import { ident, str } from '../sql/quote';
import type { Cell, Contribution, FileTable } from './document';

/** A cell as a CSV field in the dialect the pool reads: strings double-quoted (quotes doubled), null as `null`. */
const field = (v: Cell) => (v === null ? 'null' : typeof v === 'string' ? `"${v.replaceAll('"', '""')}"` : String(v));

/**
 * A row as a CSV line of that dialect. JSON writes a row the same way when it needs no escapes, and
 * natively, many times faster than joining fields; a row with an escape in its JSON is written field by field.
 */
function csvLine(row: Cell[]): string {
  const json = JSON.stringify(row);
  return json.includes('\\') ? row.map(field).join(',') : json.slice(1, -1);
}

const HIRE_TABLES: Record<Exclude<FileTable, 'training_costs' | 'trainees'>, PooledHireTable> = {
  fill: 'fill',
  hire: 'hire',
  tenure: 'tenure',
  first_year: 'firstYear',
  hires: 'hires',
  hiring_costs: 'hiringCosts',
  comparison: 'comparison',
};

/** A checked contribution to pool, under its id (or a draft's), with the name of its file. */
export interface Pooling {
  doc: Contribution;
  id: string;
  file: string;
}

/** A quarter label's quarter as its first day ("2024-Q2" → 2024-04-01; a year label or null → null), in SQL. */
export const quarterStartSql = (label: string) =>
  `CASE WHEN length(${label}) = 7 THEN make_date(CAST(${label}[1:4] AS INTEGER), CAST(${label}[7] AS INTEGER) * 3 - 2, 1) END`;

/** How a pool table is read from its CSV: the CSV's columns after the batch index, and what is inserted after the contribution id. */
interface PoolLoad {
  table: string;
  columns: [string, string][];
  select: string;
  rowsOf: (doc: Contribution) => Cell[][];
}

const withoutId = (columns: [string, string][]) => columns.filter(([c]) => c !== 'contribution_id');

/**
 * A hire table's CSV holds the file's quarter labels where the pool keeps a quarter's first day (and, for
 * the cell's quarter, its year).
 */
function hireLoad(fileTable: keyof typeof HIRE_TABLES, poolTable: PooledHireTable): PoolLoad {
  const rest = withoutId(pooledHireColumns(poolTable)).filter(([c]) => !['employer_id', 'occupation', 'q', 'year'].includes(c));
  const restSelect = rest.map(([c, type]) => (type === 'DATE' ? quarterStartSql(`c.${ident(c)}`) : `c.${ident(c)}`));
  return {
    table: POOL.hires(poolTable),
    columns: [
      ['employer_id', 'VARCHAR'],
      ['occupation', 'VARCHAR'],
      ['quarter', 'VARCHAR'],
      ...rest.map(([c, type]): [string, string] => [c, type === 'DATE' ? 'VARCHAR' : type]),
    ],
    select: `c.employer_id, c.occupation, ${quarterStartSql('c.quarter')}, CAST(c.quarter[1:4] AS INTEGER), ${restSelect.join(', ')}`,
    rowsOf: (doc) => doc.tables[fileTable].rows,
  };
}

const POOL_LOADS: readonly PoolLoad[] = [
  ...(Object.entries(HIRE_TABLES) as [keyof typeof HIRE_TABLES, PooledHireTable][]).map(([fileTable, poolTable]) =>
    hireLoad(fileTable, poolTable),
  ),
  {
    table: POOL.trainingCosts,
    columns: withoutId(POOLED_TRAINING_COLUMNS.trainingCosts),
    select: 'c.* EXCLUDE (i)',
    rowsOf: (doc) => doc.tables.training_costs.rows,
  },
  {
    table: POOL.trainees,
    columns: withoutId(POOLED_TRAINING_COLUMNS.trainees),
    select: 'c.* EXCLUDE (i)',
    rowsOf: (doc) => doc.tables.trainees.rows,
  },
  {
    table: POOL.employers,
    columns: [
      ['employer_id', 'VARCHAR'],
      ['industry', 'VARCHAR'],
      ['size_band', 'VARCHAR'],
      ['region', 'VARCHAR'],
      ['adoption_quarter', 'VARCHAR'],
    ],
    select: `c.* EXCLUDE (i, adoption_quarter), ${quarterStartSql('c.adoption_quarter')}`,
    rowsOf: (doc) => doc.employers.map((e) => [e.key, e.industry, e.size_band, e.region, e.adoption_quarter]),
  },
];

/** A pool table's rows from every contribution of a batch as CSV, each line led by its contribution's place in the batch (far shorter than its id). */
function poolCsv(load: PoolLoad, batch: readonly Pooling[]): string {
  const lines = [['i', ...load.columns.map(([c]) => c)].join(',')];
  batch.forEach((p, i) => {
    for (const row of load.rowsOf(p.doc)) lines.push(`${i},${csvLine(row)}`);
  });
  return lines.join('\n');
}

/** A batch's pool tables as CSV, built on the page before the engine is free to insert them. */
export interface PreparedPool {
  batch: readonly Pooling[];
  csv: Blob[];
}

/**
 * Builds the CSV of every pool table for a batch (the page's part of pooling, about as long as the
 * engine's): a batch loads while the next is being prepared.
 */
export function preparePool(batch: readonly Pooling[]): PreparedPool {
  return { batch, csv: POOL_LOADS.map((l) => new Blob([poolCsv(l, batch)], { type: 'text/csv' })) };
}

/**
 * Inserts the prepared contributions whose places in the batch are `accepted` (all when omitted) into
 * the pool tables, all in one transaction (each table read once, from CSV, however many files). No
 * checks for duplicates: the loader does those; the certificate pools a draft under a temporary id.
 */
export async function insertPool(engine: Engine, prepared: PreparedPool, accepted?: readonly number[]): Promise<void> {
  const places = accepted ?? prepared.batch.map((_, i) => i);
  if (places.length === 0) return;
  await engine.exec(CREATE_POOL_SQL);
  const paths = await Promise.all(POOL_LOADS.map((l, i) => engine.registerFile(`${l.table}.csv`, prepared.csv[i] ?? new Blob([]))));
  // Rows of a contribution not accepted find no id here and are left out by the join.
  const ids = `(VALUES ${places.map((i) => `(${i}, ${str(prepared.batch[i]?.id ?? '')})`).join(', ')}) ids(i, id)`;
  try {
    const inserts = POOL_LOADS.map((l, i) => {
      const columns = `{'i': 'INTEGER', ${l.columns.map(([c, t]) => `${str(c)}: ${str(t)}`).join(', ')}}`;
      return `INSERT INTO ${l.table} SELECT ids.id, ${l.select} FROM read_csv(${str(paths[i] ?? '')}, header = true, auto_detect = false,
        columns = ${columns}, delim = ',', quote = '"', escape = '"', nullstr = 'null', allow_quoted_nulls = false, new_line = '\\n') c
        JOIN ${ids} ON c.i = ids.i;`;
    });
    const records = places.flatMap((i) => {
      const pooling = prepared.batch[i];
      if (!pooling) return [];
      const { doc, id, file } = pooling;
      const withheldPersons = Object.values(doc.withheld).reduce((a, b) => a + b, 0);
      const values = [
        id,
        doc.as_of,
        doc.k,
        doc.created_at,
        doc.producer,
        file,
        doc.employers.length,
        withheldPersons,
        JSON.stringify(doc.withheld),
        JSON.stringify(doc.certificate),
      ];
      return [`(${values.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')})`];
    });
    await engine.exec(`BEGIN TRANSACTION;
      ${inserts.join('\n')}
      INSERT INTO ${POOL.contributions} VALUES ${records.join(', ')};
      COMMIT;`);
  } catch (err) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    for (const path of paths) await engine.dropFile(path).catch(() => undefined);
  }
}

/** Inserts checked contributions into the pool tables in one transaction (see insertPool). */
export function poolDocuments(engine: Engine, batch: readonly Pooling[]): Promise<void> {
  return insertPool(engine, preparePool(batch));
}
