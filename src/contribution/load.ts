import type { Engine } from '../engine/engine';
import type { FileReport } from '../ingest/load';
import { CREATE_POOL_SQL, POOL, POOLED_TRAINING_COLUMNS, pooledHireColumns, type PooledHireTable } from '../metrics/sources/pool';
import { str } from '../sql/quote';
import { createDatasetTables } from '../ingest/tables';
import { consistencyProblem } from './consistency';
import { CONTRIBUTION_SCHEMA, contributionId, quarterOf, type Cell, type Contribution, type FileTable } from './document';
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

/** Writes rows as CSV for DuckDB's reader: strings always quoted, null as an empty unquoted field. */
function csv(header: readonly string[], rows: readonly Cell[][]): string {
  const cell = (v: Cell) => (v === null ? '' : typeof v === 'string' ? `"${v.replaceAll('"', '""')}"` : String(v));
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

/** A file table's rows in its pool table's columns (without the contribution): quarter labels become the quarter's first day and year. */
function poolRows(rows: Cell[][], quarterAt: number): Cell[][] {
  return rows.map((r) => {
    const { q, year } = quarterOf(r[quarterAt] as string | null);
    return [...r.slice(0, quarterAt), q, year, ...r.slice(quarterAt + 1)];
  });
}

const HIRE_TABLES: Record<Exclude<FileTable, 'training_costs' | 'trainees'>, PooledHireTable> = {
  fill: 'fill',
  hire: 'hire',
  tenure: 'tenure',
  hires: 'hires',
  hiring_costs: 'hiringCosts',
  comparison: 'comparison',
};

/**
 * Inserts a checked contribution into the pool tables under `id`, in one transaction. No checks for
 * duplicates: poolContribution does those; the certificate pools a draft under a temporary id.
 */
export async function poolDocument(engine: Engine, doc: Contribution, id: string, file: string): Promise<void> {
  await engine.exec(CREATE_POOL_SQL);
  const loads: { table: string; columns: [string, string][]; text: string }[] = [];
  for (const [fileTable, poolTable] of Object.entries(HIRE_TABLES) as [keyof typeof HIRE_TABLES, PooledHireTable][]) {
    const columns = pooledHireColumns(poolTable).slice(1);
    loads.push({
      table: POOL.hires(poolTable),
      columns,
      text: csv(
        columns.map(([c]) => c),
        poolRows(doc.tables[fileTable].rows, 2),
      ),
    });
  }
  for (const [fileTable, poolTable] of [
    ['training_costs', 'trainingCosts'],
    ['trainees', 'trainees'],
  ] as const) {
    const columns = POOLED_TRAINING_COLUMNS[poolTable].slice(1);
    loads.push({
      table: POOL[poolTable],
      columns,
      text: csv(
        columns.map(([c]) => c),
        doc.tables[fileTable].rows,
      ),
    });
  }
  const employerColumns: [string, string][] = [
    ['employer_id', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['size_band', 'VARCHAR'],
    ['region', 'VARCHAR'],
    ['adoption_q', 'DATE'],
  ];
  const employers = doc.employers.map((e) => [e.key, e.industry, e.size_band, e.region, quarterOf(e.adoption_quarter).q]);
  loads.push({
    table: POOL.employers,
    columns: employerColumns,
    text: csv(
      employerColumns.map(([c]) => c),
      employers,
    ),
  });

  const paths = await Promise.all(loads.map((l) => engine.registerFile(`${l.table}.csv`, new Blob([l.text], { type: 'text/csv' }))));
  try {
    const inserts = loads.map((l, i) => {
      const columns = `{${l.columns.map(([c, t]) => `${str(c)}: ${str(t)}`).join(', ')}}`;
      return `INSERT INTO ${l.table} SELECT ${str(id)} AS contribution_id, * FROM read_csv(${str(paths[i] ?? '')}, header = true, auto_detect = false,
        columns = ${columns}, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, new_line = '\\n');`;
    });
    const withheldPersons = Object.values(doc.withheld).reduce((a, b) => a + b, 0);
    const record = [
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
    await engine.exec(`BEGIN TRANSACTION;
      ${inserts.join('\n')}
      INSERT INTO ${POOL.contributions} VALUES (${record.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')});
      COMMIT;`);
  } catch (err) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    for (const path of paths) await engine.dropFile(path).catch(() => undefined);
  }
}

/**
 * Pools a checked contribution, refusing one already loaded (same id) and one that names an employer
 * the pool or the loaded rows already hold (the same employer contributed twice under one pilot code).
 */
export async function poolContribution(engine: Engine, doc: Contribution, file: string): Promise<void> {
  await createDatasetTables(engine);
  await engine.exec(CREATE_POOL_SQL);
  const [loaded] = await engine.query<{ file: string }>(`SELECT file FROM ${POOL.contributions} WHERE contribution_id = ${str(doc.id)}`);
  if (loaded) throw new ContributionRejected(`it is already loaded (as ${loaded.file})`);
  const keys = doc.employers.map((e) => str(e.key)).join(', ');
  const [clash] = await engine.query<{ key: string; file: string | null }>(
    `SELECT p.employer_id AS key, c.file FROM ${POOL.employers} p JOIN ${POOL.contributions} c USING (contribution_id) WHERE p.employer_id IN (${keys})
     UNION ALL SELECT employer_id, NULL FROM employers WHERE employer_id IN (${keys}) LIMIT 1`,
  );
  if (clash)
    throw new ContributionRejected(
      clash.file === null
        ? `its employer ${clash.key} has the id of an employer in the loaded rows`
        : `its employer ${clash.key} is already in the pool (from ${clash.file}): the same employer contributed twice under one pilot code`,
    );
  await poolDocument(engine, doc, doc.id, file);
}

/** Reads and pools contribution files one by one; each gets a report, and a refused one leaves what was loaded before. */
export async function loadContributions(engine: Engine, files: readonly File[]): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) {
    try {
      const doc = await readContribution(file);
      await poolContribution(engine, doc, file.name);
      const rows = Object.values(doc.tables).reduce((n, t) => n + t.rows.length, 0);
      const withheld = Object.values(doc.withheld).reduce((a, b) => a + b, 0);
      reports.push({
        file: file.name,
        kind: 'contribution',
        rowsRead: rows,
        rowsLoaded: rows,
        rowsRejected: 0,
        error: null,
        notes: [
          `${doc.employers.length} employer${doc.employers.length === 1 ? '' : 's'} as of ${doc.as_of}, k = ${doc.k}, ${withheld} persons withheld by the disclosure rule.`,
        ],
      });
    } catch (err) {
      const reason =
        err instanceof ContributionRejected ? err.message : `it could not be pooled (${err instanceof Error ? err.message : String(err)})`;
      reports.push({
        file: file.name,
        kind: 'contribution',
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
        error: `Not loaded: ${reason}.`,
        notes: [],
      });
    }
  }
  return reports;
}
