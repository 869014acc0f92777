import type { Engine } from '../engine/engine';
import type { FileReport } from '../ingest/load';
import { CREATE_POOL_SQL, POOL, POOLED_TRAINING_COLUMNS, pooledHireColumns, type PooledHireTable } from '../metrics/sources/pool';
import { str } from '../sql/quote';
import { createDatasetTables } from '../ingest/tables';
import { consistencyProblem } from './consistency';
import { CONTRIBUTION_SCHEMA, contributionId, type Cell, type Contribution, type FileTable } from './document';
import { schemaProblems } from './schema';

/** A contribution file refused, with one line saying why; nothing of it was loaded. */
export class ContributionRejected extends Error {}

/** Far above any real contribution (a million count rows is a few tens of MB). */
export const MAX_CONTRIBUTION_BYTES = 256 * 1024 * 1024;

const GZIP = [0x1f, 0x8b];

/** Whether a file looks like a contribution (JSON or gzip) rather than a CSV or Parquet file, from its name and first bytes. */
export async function isContributionFile(file: Blob & { name?: string }): Promise<boolean> {
  if (/\.json(\.gz)?$/i.test(file.name ?? '')) return true;
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) return true;
  return /^\s*\{/.test(new TextDecoder().decode(head));
}

/** Reads, decompresses, parses and checks a contribution file: schema, consistency, and that its id is its content's. */
export async function readContribution(file: Blob): Promise<Contribution> {
  if (file.size > MAX_CONTRIBUTION_BYTES)
    throw new ContributionRejected(`it is ${Math.round(file.size / 1e6)} MB, more than a contribution can be (at most 256 MB)`);
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  let text: string;
  try {
    text =
      head[0] === GZIP[0] && head[1] === GZIP[1]
        ? await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text()
        : await file.text();
  } catch {
    throw new ContributionRejected('it is gzip-compressed but cannot be decompressed (truncated or damaged)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ContributionRejected(`it is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (schema !== CONTRIBUTION_SCHEMA)
    throw new ContributionRejected(
      typeof schema === 'string'
        ? `it is a ${schema.slice(0, 60)} file, not ${CONTRIBUTION_SCHEMA}`
        : `it is not a ${CONTRIBUTION_SCHEMA} file`,
    );
  const problems = schemaProblems(parsed);
  if (problems.length > 0) throw new ContributionRejected(`it does not follow the contribution schema: ${problems.join('; ')}`);
  const doc = parsed as Contribution;
  const problem = consistencyProblem(doc);
  if (problem) throw new ContributionRejected(`its numbers are inconsistent: ${problem}`);
  if ((await contributionId(doc)) !== doc.id)
    throw new ContributionRejected('its id does not match its content: the file was changed after it was saved');
  return doc;
}

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

/** A hire table's CSV holds the file's quarter label where the pool keeps the quarter's first day and its year. */
function hireLoad(fileTable: keyof typeof HIRE_TABLES, poolTable: PooledHireTable): PoolLoad {
  const rest = withoutId(pooledHireColumns(poolTable)).filter(([c]) => !['employer_id', 'occupation', 'q', 'year'].includes(c));
  return {
    table: POOL.hires(poolTable),
    columns: [['employer_id', 'VARCHAR'], ['occupation', 'VARCHAR'], ['quarter', 'VARCHAR'], ...rest],
    select: `c.employer_id, c.occupation, ${quarterStartSql('c.quarter')}, CAST(c.quarter[1:4] AS INTEGER), c.* EXCLUDE (i, employer_id, occupation, quarter)`,
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

/**
 * Inserts checked contributions into the pool tables, all in one transaction (each table read once, from
 * CSV, however many files). No checks for duplicates: poolContributions does those; the certificate pools
 * a draft under a temporary id.
 */
export async function poolDocuments(engine: Engine, batch: readonly Pooling[]): Promise<void> {
  if (batch.length === 0) return;
  await engine.exec(CREATE_POOL_SQL);
  const paths = await Promise.all(
    POOL_LOADS.map((l) => engine.registerFile(`${l.table}.csv`, new Blob([poolCsv(l, batch)], { type: 'text/csv' }))),
  );
  const ids = `(VALUES ${batch.map((p, i) => `(${i}, ${str(p.id)})`).join(', ')}) ids(i, id)`;
  try {
    const inserts = POOL_LOADS.map((l, i) => {
      const columns = `{'i': 'INTEGER', ${l.columns.map(([c, t]) => `${str(c)}: ${str(t)}`).join(', ')}}`;
      return `INSERT INTO ${l.table} SELECT ids.id, ${l.select} FROM read_csv(${str(paths[i] ?? '')}, header = true, auto_detect = false,
        columns = ${columns}, delim = ',', quote = '"', escape = '"', nullstr = 'null', allow_quoted_nulls = false, new_line = '\\n') c
        JOIN ${ids} ON c.i = ids.i;`;
    });
    const records = batch.map(({ doc, id, file }) => {
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
      return `(${values.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')})`;
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

/**
 * Pools checked contributions, refusing (one line each) a file already loaded or given twice (same id)
 * and one that names an employer the pool, the loaded rows or an earlier file of the batch already
 * holds (the same employer contributed twice under one pilot code). Returns each file's refusal, or null.
 */
export async function poolContributions(engine: Engine, batch: readonly { doc: Contribution; file: string }[]): Promise<(string | null)[]> {
  await createDatasetTables(engine);
  const ids = new Map(
    (await engine.query<{ id: string; file: string }>(`SELECT contribution_id AS id, file FROM ${POOL.contributions}`)).map((r) => [
      r.id,
      r.file,
    ]),
  );
  const keys = new Map(
    (
      await engine.query<{ key: string; file: string }>(
        `SELECT p.employer_id AS key, c.file FROM ${POOL.employers} p JOIN ${POOL.contributions} c USING (contribution_id)`,
      )
    ).map((r) => [r.key, r.file]),
  );
  const batchKeys = batch.flatMap(({ doc }) => doc.employers.map((e) => str(e.key)));
  const rowIds =
    batchKeys.length > 0
      ? new Set(
          (
            await engine.query<{ id: string }>(`SELECT employer_id AS id FROM employers WHERE employer_id IN (${batchKeys.join(', ')})`)
          ).map((r) => r.id),
        )
      : new Set<string>();
  const accepted: Pooling[] = [];
  const refusals = batch.map(({ doc, file }): string | null => {
    const twice = ids.get(doc.id);
    const clash = doc.employers.find((e) => keys.has(e.key) || rowIds.has(e.key));
    if (twice !== undefined) return `it is already loaded (as ${twice})`;
    if (clash && rowIds.has(clash.key)) return `its employer ${clash.key} has the id of an employer in the loaded rows`;
    if (clash)
      return `its employer ${clash.key} is already in the pool (from ${keys.get(clash.key)}): the same employer contributed twice under one pilot code`;
    accepted.push({ doc, id: doc.id, file });
    ids.set(doc.id, file);
    for (const e of doc.employers) keys.set(e.key, file);
    return null;
  });
  await poolDocuments(engine, accepted);
  return refusals;
}

/** Pools one checked contribution, or throws ContributionRejected with why not. */
export async function poolContribution(engine: Engine, doc: Contribution, file: string): Promise<void> {
  const [refusal] = await poolContributions(engine, [{ doc, file }]);
  if (refusal) throw new ContributionRejected(refusal);
}

/** Files pooled in one transaction: the next ones are read and checked on the page while the engine pools these. */
const FILES_PER_BATCH = 25;

interface ReadFile {
  file: string;
  doc: Contribution | null;
  error: string | null;
}

/** Reads and checks files, each to its document or to why it was refused. */
function readFiles(files: readonly File[]): Promise<ReadFile[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file: file.name, doc: await readContribution(file), error: null };
      } catch (err) {
        return {
          file: file.name,
          doc: null,
          error: err instanceof ContributionRejected ? err.message : `it could not be read (${String(err)})`,
        };
      }
    }),
  );
}

/** Reads and pools contribution files; each gets a report, and a refused one leaves what was loaded before. */
export async function loadContributions(engine: Engine, files: readonly File[]): Promise<FileReport[]> {
  const report = (file: string, doc: Contribution | null, error: string | null): FileReport => {
    const rows = doc ? Object.values(doc.tables).reduce((n, t) => n + t.rows.length, 0) : 0;
    const withheld = doc ? Object.values(doc.withheld).reduce((a, b) => a + b, 0) : 0;
    const employers = doc ? `${doc.employers.length} employer${doc.employers.length === 1 ? '' : 's'}` : '';
    return {
      file,
      kind: 'contribution',
      rowsRead: rows,
      rowsLoaded: error ? 0 : rows,
      rowsRejected: 0,
      error: error ? `Not loaded: ${error}.` : null,
      notes: doc && !error ? [`${employers} as of ${doc.as_of}, k = ${doc.k}, ${withheld} persons withheld by the disclosure rule.`] : [],
    };
  };
  const reports: FileReport[] = [];
  let reading = readFiles(files.slice(0, FILES_PER_BATCH));
  for (let start = 0; start < files.length; start += FILES_PER_BATCH) {
    const read = await reading;
    if (start + FILES_PER_BATCH < files.length) reading = readFiles(files.slice(start + FILES_PER_BATCH, start + 2 * FILES_PER_BATCH));
    const checked = read.flatMap((r, i) => (r.doc ? [{ doc: r.doc, file: r.file, i }] : []));
    const refused = new Map<number, string>();
    try {
      (await poolContributions(engine, checked)).forEach((refusal, j) => {
        if (refusal) refused.set(checked[j]?.i ?? -1, refusal);
      });
    } catch (err) {
      for (const c of checked) refused.set(c.i, `it could not be pooled (${err instanceof Error ? err.message : String(err)})`);
    }
    reports.push(...read.map((r, i) => report(r.file, r.doc, r.error ?? refused.get(i) ?? null)));
  }
  return reports;
}
