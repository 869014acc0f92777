import { abortError, type Engine } from '../engine/engine';
import { ident, str } from '../sql/quote';
import { REJECTIONS_TABLE, TABLES, type TableKind } from './contract';
import { checkedSql, rejectionsSql } from './check-sql';
import { decideDateReadings, type DateQuestion } from './date-readings';
import type { ColumnMapping } from './mapping';
import { FileRejected, readHead, resolveColumns, type Sniffed } from './sniff';
import { bytesPerRow, csvContent, stageSql } from './stage';
import { createDatasetTables } from './tables';
import type { SlashOrder } from './value-sql';

/** A file to load, with the user's column mapping when its headers differ from the contract. */
export type IngestInput = File | { file: File; mapping?: ColumnMapping };

export interface IngestOptions {
  /**
   * Asked when a file's slash dates fit both orders and nothing else in the file decides; answers by
   * column. Without it such columns are read M/D/YYYY (the contract's reading) and the report says so.
   */
  askDateOrder?: (question: DateQuestion) => Promise<Record<string, SlashOrder>>;
  /** Stops the load: the file being read is dropped whole, files already loaded stay. */
  signal?: AbortSignal;
  /** How far the load is, for a progress bar. */
  onProgress?: (progress: IngestProgress) => void;
}

/** Where a load stands: reading a file (bytes, rows so far), checking its rows, or saving them. */
export interface IngestProgress {
  file: string;
  step: 'reading' | 'checking' | 'saving';
  /** How far the step is, 0–1, as DuckDB estimates it (saving reports none). */
  fraction: number | null;
  bytesRead: number;
  bytesTotal: number;
  /** Rows read so far: estimated from the bytes while reading, exact afterwards. */
  rows: number;
  /** True while `rows` is an estimate. */
  estimated: boolean;
}

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/** What happened to one file. */
export interface FileReport {
  file: string;
  /** The contract table the file held, a pooled contribution, or null when it could not be read. */
  kind: TableKind | 'contribution' | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Set when the whole file could not be read; nothing from it was loaded. */
  error: string | null;
  notes: string[];
}

/**
 * Loads CSV files into the contract tables, appending to what is loaded. Employers load first so
 * hires and training can be checked against them. A file that cannot be read is reported and skipped;
 * within a file, bad rows are rejected and logged while good rows load.
 */
export async function ingestFiles(engine: Engine, inputs: readonly IngestInput[], options: IngestOptions = {}): Promise<FileReport[]> {
  await createDatasetTables(engine);
  const sniffed = await Promise.all(
    inputs.map(async (input) => {
      const { file, mapping } = input instanceof Blob ? { file: input, mapping: undefined } : input;
      try {
        return { file, sniffed: resolveColumns(await readHead(file), mapping), error: null };
      } catch (err) {
        return { file, sniffed: null, error: err instanceof FileRejected ? err.message : `Could not read the file: ${String(err)}` };
      }
    }),
  );
  const order = (s: Sniffed | null) => (s ? TABLES.indexOf(s.table) : -1);
  const reports: FileReport[] = [];
  for (const item of [...sniffed].sort((a, b) => order(a.sniffed) - order(b.sniffed))) {
    if (options.signal?.aborted) {
      reports.push(notLoaded(item.file.name, item.sniffed?.table.kind ?? null, 'Not loaded: the load was cancelled.'));
      continue;
    }
    if (!item.sniffed) {
      reports.push(notLoaded(item.file.name, null, item.error));
      continue;
    }
    try {
      reports.push(await loadFile(engine, item.file, item.sniffed, options));
    } catch (err) {
      const reason = isAbort(err)
        ? 'Cancelled: nothing from this file was loaded.'
        : `Loading failed and nothing from this file was kept: ${loadFailure(err)}`;
      reports.push(notLoaded(item.file.name, item.sniffed.table.kind, reason, item.sniffed.notes));
    }
  }
  return reports;
}

/** The report of a file of which nothing was loaded. */
const notLoaded = (file: string, kind: TableKind | null, error: string | null, notes: string[] = []): FileReport => ({
  file,
  kind,
  rowsRead: 0,
  rowsLoaded: 0,
  rowsRejected: 0,
  error,
  notes,
});

/** The engine's message, made plain when the tab ran out of memory. */
function loadFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /out of memory|memory limit|Maximum call stack|allocation/i.test(message)
    ? `the browser ran out of memory for it (the engine can use about 3 GB in a tab). Data loaded before is still here. Split the file, or load fewer columns. (${message})`
    : message;
}

let loadCounter = 0;

async function loadFile(engine: Engine, file: File, sniffed: Sniffed, options: IngestOptions): Promise<FileReport> {
  const id = ++loadCounter;
  const names = {
    stage: `__ler_stage_${id}`,
    checked: `__ler_checked_${id}`,
    rejects: `__ler_rejects_${id}`,
    scan: `__ler_scan_${id}`,
    lines: `__ler_lines_${id}`,
  };
  const content = await csvContent(file, sniffed);
  const path = await engine.registerFile(file.name, content);
  const { signal, onProgress } = options;
  const perRow = onProgress ? await bytesPerRow(content) : 1;
  const reading = (fraction: number) =>
    onProgress?.({
      file: file.name,
      step: 'reading',
      fraction,
      bytesRead: Math.round(fraction * content.size),
      bytesTotal: content.size,
      rows: Math.round((fraction * content.size) / perRow),
      estimated: true,
    });
  const after = (step: 'checking' | 'saving', fraction: number | null, rows: number) =>
    onProgress?.({ file: file.name, step, fraction, bytesRead: content.size, bytesTotal: content.size, rows, estimated: false });
  try {
    reading(0);
    await engine.run(stageSql(names.stage, path, sniffed, names), { signal, onProgress: reading });
    const [staged] = onProgress ? await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${names.stage}`) : [];
    const rows = staged?.n ?? 0;
    after('checking', 0, rows);
    const notes = [...sniffed.notes];
    const readings = await decideDateReadings(engine, names.stage, sniffed, file.name, notes, options.askDateOrder);
    await engine.exec(`CREATE TEMP TABLE ${names.lines} AS
      SELECT line - ${sniffed.lineBase} - row_number() OVER (ORDER BY line) AS boundary FROM (SELECT DISTINCT line FROM ${names.rejects})`);
    await engine.run(`CREATE TEMP TABLE ${names.checked} AS ${checkedSql(names.stage, sniffed, readings)}`, {
      signal,
      onProgress: (fraction) => after('checking', fraction, rows),
    });
    // The raw text is no longer needed; freeing it now lowers the peak memory of a large load.
    await engine.exec(`DROP TABLE ${names.stage}`);
    if (signal?.aborted) throw abortError();
    const added = await newExtraColumns(engine, sniffed);
    after('saving', null, rows);
    await engine.exec(`BEGIN TRANSACTION;
      ${added.length > 0 ? `CREATE OR REPLACE TABLE ${ident(sniffed.table.kind)} AS SELECT *, ${added.map((c) => `NULL::VARCHAR AS ${ident(c)}`).join(', ')} FROM ${ident(sniffed.table.kind)};` : ''}
      INSERT INTO ${ident(sniffed.table.kind)} BY NAME
        SELECT ${sniffed.columns.map((c) => ident(c.name)).join(', ')} FROM ${names.checked} WHERE len(__ler_errors) = 0;
      INSERT INTO ${REJECTIONS_TABLE} ${rejectionsSql(file.name, names, sniffed.lineBase)};
      COMMIT;`);
    const [counts] = await engine.query<{ staged: number; loaded: number; rejected_checks: number; malformed: number }>(`SELECT
      count(*) AS staged, count(*) FILTER (WHERE len(__ler_errors) = 0) AS loaded, count(*) FILTER (WHERE len(__ler_errors) > 0) AS rejected_checks,
      (SELECT count(DISTINCT line) FROM ${names.rejects}) AS malformed
      FROM ${names.checked}`);
    if (!counts) throw new Error('row counts missing');
    return {
      file: file.name,
      kind: sniffed.table.kind,
      rowsRead: counts.staged + counts.malformed,
      rowsLoaded: counts.loaded,
      rowsRejected: counts.rejected_checks + counts.malformed,
      error: null,
      notes,
    };
  } catch (err) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await engine
      .exec(
        Object.values(names)
          .map((t) => `DROP TABLE IF EXISTS ${t};`)
          .join('\n'),
      )
      .catch(() => undefined);
    await engine.dropFile(path).catch(() => undefined);
  }
}

/** DuckDB matches column names ignoring the case of ASCII letters only. */
const asciiLower = (name: string) => name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * The file's extra columns its table does not have yet. They are added in one statement that rebuilds
 * the table: one ALTER TABLE per column takes minutes and runs out of memory for thousands of them.
 */
async function newExtraColumns(engine: Engine, sniffed: Sniffed): Promise<string[]> {
  const extras = sniffed.columns.filter((c) => !c.known).map((c) => c.name);
  if (extras.length === 0) return [];
  const rows = await engine.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ${str(sniffed.table.kind)}`,
  );
  const existing = new Set(rows.map((r) => asciiLower(r.name)));
  return extras.filter((name) => !existing.has(asciiLower(name)));
}
