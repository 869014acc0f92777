import { abortError, type Engine } from '../engine/engine';
import { ident, str } from '../sql/quote';
import type { TableKind, TableSpec } from './contract';
import { checkedSql } from './check-sql';
import { decideDateReadings, type DateQuestion } from './date-readings';
import type { ColumnMapping } from './mapping';
import { FileRejected, readHead, resolveColumns, type Sniffed } from './sniff';
import { bytesPerRow, csvContent, stageSql } from './stage';
import type { SlashOrder } from './value-sql';

/** A file to load, with the user's column mapping when its headers differ from the contract. */
export type IngestInput = File | { file: File; mapping?: ColumnMapping };

export interface IngestOptions {
  /**
   * Asked when a file's slash dates fit both orders and nothing else in the file decides; answers by
   * column. Without it such columns are read M/D/YYYY (the contract's reading) and the report says so.
   */
  askDateOrder?: (question: DateQuestion) => Promise<Record<string, SlashOrder>>;
  /** Stops the load: nothing of the batch is loaded (batch.ts). */
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
  /** The engine's own words for the failure, when `error` puts them plainly. */
  details?: string;
  notes: string[];
}

/** Where a batch's earlier files and the loaded data hold keys, for the checks of the next file (batch.ts). */
export interface LoadedKeys {
  /** A query of the keys of `table` already loaded or loading in this batch. */
  keys: (table: TableSpec) => string;
  /** A query of the employer ids already loaded or loading in this batch. */
  employers: string;
}

/** A file checked and held apart from the loaded data (in tables of its own) until its batch is committed or discarded. */
export interface CheckedFile {
  report: FileReport;
  sniffed: Sniffed;
  /** Its checked rows (with their errors), the reader's malformed lines, and their line boundaries. */
  names: { checked: string; rejects: string; lines: string };
  /** The size of the CSV text it was read from, for the progress of saving it. */
  bytes: number;
}

/** The report of a file of which nothing was loaded. */
export const notLoaded = (file: string, kind: FileReport['kind'], error: string | null, notes: string[] = []): FileReport => ({
  file,
  kind,
  rowsRead: 0,
  rowsLoaded: 0,
  rowsRejected: 0,
  error,
  notes,
});

/** Reads a file's header and columns, or says why the file cannot be used. */
export async function sniffInput(input: IngestInput): Promise<{ file: File; sniffed: Sniffed | null; error: string | null }> {
  const { file, mapping } = input instanceof Blob ? { file: input, mapping: undefined } : input;
  try {
    return { file, sniffed: resolveColumns(await readHead(file), mapping), error: null };
  } catch (err) {
    return { file, sniffed: null, error: err instanceof FileRejected ? err.message : `Could not read the file: ${String(err)}` };
  }
}

/** Measured in headless Chromium (test/bench/RESULTS.md), for the refusal of a file the tab cannot hold. */
const LARGEST_MEASURED_LOAD = '15 million hires, 2.2 GB of CSV in three files, with the browser’s storage on';

/** The report of a file that failed as a whole: why in plain words, with the engine's own text as details where it is not plain. */
export function failedFile(file: string, kind: TableKind, err: unknown, notes: string[]): FileReport {
  if (isAbort(err)) return notLoaded(file, kind, 'Cancelled: nothing from this file was loaded.', notes);
  const message = err instanceof Error ? err.message : String(err);
  if (!/out of memory|memory limit|Maximum call stack|allocation/i.test(message))
    return notLoaded(file, kind, `Loading failed and nothing from this file was kept: ${message}`, notes);
  return {
    ...notLoaded(
      file,
      kind,
      `Loading failed and nothing from this file was kept: the browser ran out of memory for it (the engine can use about 3 GB in a tab; ` +
        `the largest export measured to load in one is ${LARGEST_MEASURED_LOAD}). Load the export in parts, each a load of its own ` +
        '(split by year, say), or compute the figures with the command line’s native engine (npm run metrics -- --engine native), which has no such limit.',
      notes,
    ),
    details: message,
  };
}

let loadCounter = 0;
/**
 * A file's raw text and its checked rows are tables of the database itself, not temporary ones: stored in the
 * browser (OPFS) they are written out compressed and the engine can let go of them while it works, where a
 * temporary table stays whole in the tab's ~3 GB (test/bench/RESULTS.md). A load cut short leaves them behind.
 */
const HELD_PREFIXES = { stage: '__ler_stage_', checked: '__ler_checked_' };

/** Reads and checks one file into tables of its own; the loaded data is not touched. On failure nothing of it is left. */
export async function checkFile(
  engine: Engine,
  file: File,
  sniffed: Sniffed,
  loaded: LoadedKeys,
  options: IngestOptions,
): Promise<CheckedFile> {
  const id = ++loadCounter;
  const names = {
    stage: `${HELD_PREFIXES.stage}${id}`,
    checked: `${HELD_PREFIXES.checked}${id}`,
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
  const checking = (fraction: number, rows: number) =>
    onProgress?.({
      file: file.name,
      step: 'checking',
      fraction,
      bytesRead: content.size,
      bytesTotal: content.size,
      rows,
      estimated: false,
    });
  try {
    reading(0);
    await engine.run(stageSql(names.stage, path, sniffed, names), { signal, onProgress: reading });
    const [staged] = onProgress ? await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${names.stage}`) : [];
    const rows = staged?.n ?? 0;
    checking(0, rows);
    const notes = [...sniffed.notes];
    const readings = await decideDateReadings(engine, names.stage, sniffed, file.name, notes, options.askDateOrder);
    await engine.exec(`CREATE TEMP TABLE ${names.lines} AS
      SELECT line - ${sniffed.lineBase} - row_number() OVER (ORDER BY line) AS boundary FROM (SELECT DISTINCT line FROM ${names.rejects})`);
    await engine.run(`CREATE TABLE ${names.checked} AS ${checkedSql(names.stage, sniffed, readings, loaded)}`, {
      signal,
      onProgress: (fraction) => checking(fraction, rows),
    });
    // The raw text is no longer needed; freeing it now lowers the peak memory of a large load.
    await engine.exec(`DROP TABLE ${names.stage}; DROP TABLE IF EXISTS ${names.scan};`);
    if (signal?.aborted) throw abortError();
    const [counts] = await engine.query<{ staged: number; loaded: number; rejected_checks: number; malformed: number }>(`SELECT
      count(*) AS staged, count(*) FILTER (WHERE len(__ler_errors) = 0) AS loaded, count(*) FILTER (WHERE len(__ler_errors) > 0) AS rejected_checks,
      (SELECT count(DISTINCT line) FROM ${names.rejects}) AS malformed
      FROM ${names.checked}`);
    if (!counts) throw new Error('row counts missing');
    const report: FileReport = {
      file: file.name,
      kind: sniffed.table.kind,
      rowsRead: counts.staged + counts.malformed,
      rowsLoaded: counts.loaded,
      rowsRejected: counts.rejected_checks + counts.malformed,
      error: null,
      notes,
    };
    return { report, sniffed, names: { checked: names.checked, rejects: names.rejects, lines: names.lines }, bytes: content.size };
  } catch (err) {
    await dropTables(engine, Object.values(names));
    throw err;
  } finally {
    await engine.dropFile(path).catch(() => undefined);
  }
}

/** Drops what loads cut short (a closed tab, a crashed engine) left in the stored database. */
export async function dropUnfinishedLoads(engine: Engine): Promise<void> {
  const prefixes = Object.values(HELD_PREFIXES).map((p) => `starts_with(table_name, ${str(p)})`);
  const left = await engine.query<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND (${prefixes.join(' OR ')})`,
  );
  await dropTables(
    engine,
    left.map((t) => ident(t.name)),
  );
}

/** Drops a load's tables, ignoring failures: the engine may already have stopped. */
export const dropTables = (engine: Engine, tables: readonly string[]) =>
  engine.exec(tables.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n')).catch(() => undefined);
