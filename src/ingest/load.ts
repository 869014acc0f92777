import { abortError, type Engine } from '../engine/engine';
import { ident, literal, str } from '../sql/quote';
import { REJECTIONS_TABLE, TABLES, type ColumnSpec, type TableKind, type TableSpec } from './contract';
import { utf8Content } from './decode';
import type { ColumnMapping } from './mapping';
import { FileRejected, readHead, resolveColumns, type Sniffed } from './sniff';
import { parseFailureReason, parsedSql, SQL_TYPE, trimmedSql, type SlashOrder } from './value-sql';

/** A file to load, with the user's column mapping when its headers differ from the contract. */
export type IngestInput = File | { file: File; mapping?: ColumnMapping };

/** A question for the user: these date columns read equally well as M/D/YYYY and D/M/YYYY. */
export interface DateQuestion {
  file: string;
  table: TableKind;
  columns: { column: string; examples: string[] }[];
}

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

/** Average bytes per line in the first 256 KB, to turn bytes read into an estimate of rows read. */
async function bytesPerRow(file: Blob): Promise<number> {
  const head = new Uint8Array(await file.slice(0, 1 << 18).arrayBuffer());
  let lines = 0;
  for (const byte of head) if (byte === 10) lines++;
  return lines > 1 ? head.length / lines : Math.max(1, head.length);
}

/** How one date column is read: the order of its slash dates, and whether plain numbers are Excel serial days. */
interface DateReading {
  order: SlashOrder;
  serial: boolean;
}

/** What happened to one file. */
export interface FileReport {
  file: string;
  kind: TableKind | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Set when the whole file could not be read; nothing from it was loaded. */
  error: string | null;
  notes: string[];
}

/** Creates the contract tables (empty) and the rejection log, if they do not exist yet. */
export async function createDatasetTables(engine: Engine): Promise<void> {
  const tables = TABLES.map((t) => {
    const cols = t.columns.map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`).join(', ');
    return `CREATE TABLE IF NOT EXISTS ${ident(t.kind)} (${cols});`;
  });
  await engine.exec(`${tables.join('\n')}
    CREATE TABLE IF NOT EXISTS ${REJECTIONS_TABLE} (file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR);`);
}

/** Drops every loaded row and the rejection log, leaving empty contract tables. */
export async function clearDataset(engine: Engine): Promise<void> {
  await engine.exec(
    [...TABLES.map((t) => `DROP TABLE IF EXISTS ${ident(t.kind)};`), `DROP TABLE IF EXISTS ${REJECTIONS_TABLE};`].join('\n'),
  );
  await createDatasetTables(engine);
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

/** The file as UTF-8 CSV for DuckDB's reader: transcoded chunk by chunk, or built from Parquet row groups. */
function csvContent(file: File, sniffed: Sniffed): Promise<Blob> {
  if (sniffed.format === 'parquet' && sniffed.parquet) {
    const metadata = sniffed.parquet;
    return import('./parquet').then(({ parquetAsCsv }) => parquetAsCsv(file, sniffed.header, metadata));
  }
  return utf8Content(file, sniffed.encoding);
}

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

/** Reads the whole file as text columns with DuckDB's CSV reader; malformed records go to the rejects table. */
function stageSql(stage: string, path: string, sniffed: Sniffed, names: { rejects: string; scan: string }): string {
  const columns = `{${sniffed.columns.map((c) => `${str(c.name)}: 'VARCHAR'`).join(', ')}}`;
  // DuckDB takes the line break spelt with backslashes; guessing it itself, it can silently read nothing.
  const newLine = sniffed.newline.replace('\r', '\\r').replace('\n', '\\n');
  return `CREATE TEMP TABLE ${stage} AS
    SELECT row_number() OVER () AS __ler_record, * FROM read_csv(${str(path)},
      auto_detect = false, skip = ${sniffed.skip}, header = true, columns = ${columns}, delim = ${str(sniffed.delimiter)}, new_line = ${str(newLine)},
      quote = '"', escape = '"', store_rejects = true, rejects_table = ${str(names.rejects)},
      rejects_scan = ${str(names.scan)}, max_line_size = 16777216);`;
}

const rawName = (i: number) => `__ler_raw_${i}`;
const trimmed = (name: string) => trimmedSql(ident(name));

const ORDER_LABEL: Record<SlashOrder, string> = { 'month-first': 'M/D/YYYY', 'day-first': 'D/M/YYYY' };

/**
 * How each date column is read, decided from its values. Slash dates are M/D/YYYY by the contract; a
 * column with a first part above 12 and never a second part above 12 is evidently D/M/YYYY. A column
 * whose slash dates fit both orders (every part ≤ 12, some parts differing) follows the file's other
 * date columns when they agree, else the user is asked. A column mostly of plain numbers holds Excel
 * serial days.
 */
async function decideDateReadings(
  engine: Engine,
  stage: string,
  sniffed: Sniffed,
  fileName: string,
  notes: string[],
  ask: IngestOptions['askDateOrder'],
): Promise<Map<string, DateReading>> {
  const dateColumns = sniffed.columns.filter((c) => c.known && spec(sniffed.table, c.name).type === 'date').map((c) => c.name);
  const readings = new Map<string, DateReading>(dateColumns.map((c) => [c, { order: 'month-first', serial: false }]));
  if (dateColumns.length === 0) return readings;
  // Most values are ISO dates. CASE runs the regular expressions and casts only on values that could be
  // slash dates or serial numbers (AND does not spare them; on 1M hires that pass took 18 s, now about 1 s).
  const when = (guard: string, test: string) => `CASE WHEN ${guard} THEN ${test} ELSE false END`;
  const part = (c: string, n: number) => `TRY_CAST(split_part(${trimmed(c)}, '/', ${n}) AS INTEGER)`;
  const slash = (c: string, test: string) =>
    when(`contains(${ident(c)}, '/')`, `regexp_full_match(${trimmed(c)}, '\\d{1,2}/\\d{1,2}/\\d{4}') AND ${test}`);
  const differs = (c: string) => slash(c, `${part(c, 1)} <> ${part(c, 2)}`);
  const maybeSerial = (c: string) =>
    when(`NOT contains(${ident(c)}, '-') AND NOT contains(${ident(c)}, '/')`, `regexp_full_match(${trimmed(c)}, '\\d{1,7}(\\.\\d*)?')`);
  const selects = dateColumns.map(
    (c, i) => `count(*) FILTER (WHERE ${slash(c, `${part(c, 1)} > 12`)}) AS first_${i},
      count(*) FILTER (WHERE ${slash(c, `${part(c, 2)} > 12`)}) AS second_${i},
      count(*) FILTER (WHERE ${differs(c)}) AS differ_${i},
      min(${trimmed(c)}) FILTER (WHERE ${differs(c)}) AS example_a_${i},
      max(${trimmed(c)}) FILTER (WHERE ${differs(c)}) AS example_b_${i},
      count(*) FILTER (WHERE ${maybeSerial(c)}) AS serial_${i},
      count(${trimmed(c)}) AS present_${i}`,
  );
  const [row = {}] = await engine.query(`SELECT ${selects.join(', ')} FROM ${stage}`);
  const n = (key: string) => Number(row[key] ?? 0);
  const ambiguous: DateQuestion['columns'] = [];
  const evident = new Set<SlashOrder>();
  dateColumns.forEach((c, i) => {
    const reading = readings.get(c) as DateReading;
    if (n(`serial_${i}`) * 2 > n(`present_${i}`)) {
      reading.serial = true;
      notes.push(`Dates in ${c} were read as Excel serial day numbers (1900 date system).`);
    }
    const [first, second] = [n(`first_${i}`), n(`second_${i}`)];
    if (first > 0 && second === 0) {
      reading.order = 'day-first';
      evident.add('day-first');
      notes.push(`Dates in ${c} were read as D/M/YYYY: values such as 25/12/2024 occur and none fit M/D/YYYY better.`);
    } else if (second > 0 && first === 0) {
      evident.add('month-first');
    } else if (first > 0 && second > 0) {
      notes.push(`Dates in ${c} mix D/M/YYYY and M/D/YYYY; they were read as M/D/YYYY and values that do not fit were rejected.`);
    } else if (n(`differ_${i}`) > 0) {
      ambiguous.push({ column: c, examples: [...new Set([row[`example_a_${i}`], row[`example_b_${i}`]].map(String))] });
    }
  });
  if (ambiguous.length === 0) return readings;
  const [only] = evident.size === 1 ? [...evident] : [];
  if (only) {
    for (const { column } of ambiguous) {
      (readings.get(column) as DateReading).order = only;
      notes.push(
        `Dates in ${column} fit both M/D/YYYY and D/M/YYYY; they were read as ${ORDER_LABEL[only]} like the file's other date columns.`,
      );
    }
    return readings;
  }
  const answers = ask ? await ask({ file: fileName, table: sniffed.table.kind, columns: ambiguous }) : {};
  for (const { column, examples } of ambiguous) {
    const order = answers[column];
    if (order) {
      (readings.get(column) as DateReading).order = order;
      notes.push(`Dates in ${column} fit both M/D/YYYY and D/M/YYYY; they were read as ${ORDER_LABEL[order]}, as chosen.`);
    } else {
      notes.push(
        `Dates in ${column} fit both M/D/YYYY and D/M/YYYY (e.g. ${examples.join(', ')}); they were read as M/D/YYYY, the contract's reading.`,
      );
    }
  }
  return readings;
}

function spec(table: TableSpec, name: string): ColumnSpec {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${name} is not a column of ${table.kind}`);
  return column;
}

/** Types every contract column and lists each row's rule violations in __ler_errors. */
function checkedSql(stage: string, sniffed: Sniffed, readings: Map<string, DateReading>): string {
  const { table } = sniffed;
  const known = sniffed.columns.filter((c) => c.known).map((c) => spec(table, c.name));
  const extras = sniffed.columns.filter((c) => !c.known);
  const present = new Set(known.map((c) => c.name));
  const reading = (c: ColumnSpec): DateReading => readings.get(c.name) ?? { order: 'month-first', serial: false };
  const typed = known.map(
    (c, i) =>
      `${trimmed(c.name)} AS ${rawName(i)}, ${parsedSql(c, trimmed(c.name), reading(c).order, reading(c).serial)} AS ${ident(c.name)}`,
  );
  const error = (column: string, value: string, reason: string) =>
    `struct_pack("column" := ${str(column)}, value := ${value}, reason := ${reason})`;
  const checks: string[] = [];
  known.forEach((c, i) => {
    if (c.required) checks.push(`CASE WHEN ${rawName(i)} IS NULL THEN ${error(c.name, 'NULL', str('required value is missing'))} END`);
    if (c.type !== 'text' || c.allowed) {
      checks.push(
        `CASE WHEN ${rawName(i)} IS NOT NULL AND ${ident(c.name)} IS NULL THEN ${error(c.name, rawName(i), str(parseFailureReason(c, reading(c).order, reading(c).serial)))} END`,
      );
    }
    if (c.min !== undefined) {
      checks.push(`CASE WHEN ${ident(c.name)} < ${literal(c.min)} THEN ${error(c.name, rawName(i), str(`must be at least ${c.min}`))} END`);
    }
    if (c.max !== undefined) {
      checks.push(
        `CASE WHEN ${ident(c.name)} > ${literal(c.max)} THEN ${error(c.name, rawName(i), str(`must be at most ${c.max.toLocaleString('en-US')}`))} END`,
      );
    }
  });
  for (const rule of table.dateOrder.filter((r) => present.has(r.earlier) && present.has(r.later))) {
    const laterRaw = rawName(known.findIndex((c) => c.name === rule.later));
    checks.push(
      `CASE WHEN ${ident(rule.later)} < ${ident(rule.earlier)} THEN ${error(rule.later, laterRaw, str(`${rule.later} is before ${rule.earlier}`))} END`,
    );
  }
  const keyRaw = rawName(known.findIndex((c) => c.name === table.key));
  checks.push(
    `CASE WHEN __ler_key_repeated THEN ${error(table.key, keyRaw, str(`duplicate ${table.key}: an earlier row of this file has it`))} END`,
  );
  checks.push(`CASE WHEN __ler_key_loaded THEN ${error(table.key, keyRaw, str(`${table.key} is already loaded`))} END`);
  if (table.referencesEmployers) {
    const employerRaw = rawName(known.findIndex((c) => c.name === 'employer_id'));
    checks.push(
      `CASE WHEN ${employerRaw} IS NOT NULL AND NOT __ler_employer_known THEN ${error('employer_id', employerRaw, str('employer_id is not in the loaded employers'))} END`,
    );
  }
  const key = ident(table.key);
  // The key checks run on a narrow projection of the file and join back once: joins and windows over
  // every column hold whole rows, and a wide file (thousands of columns) ran the engine out of memory.
  // The checked rows keep typed values and their errors (which carry the raw text of bad values) but not
  // the raw text of every value: that copy took a third of a large load's memory.
  const employerKnown = table.referencesEmployers
    ? `, ${trimmed('employer_id')} IN (SELECT employer_id FROM employers) AS __ler_employer_known`
    : '';
  return `WITH typed AS (
      SELECT __ler_record, ${[...typed, ...extras.map((c) => ident(c.name))].join(', ')} FROM ${stage}),
    flags AS (
      SELECT __ler_record,
        ${trimmed(table.key)} IS NOT NULL AND __ler_record NOT IN (SELECT min(__ler_record) FROM ${stage} GROUP BY ${trimmed(table.key)}) AS __ler_key_repeated,
        ${trimmed(table.key)} IN (SELECT ${key} FROM ${ident(table.kind)}) AS __ler_key_loaded${employerKnown}
      FROM ${stage}),
    keyed AS (SELECT * FROM typed JOIN flags USING (__ler_record))
    SELECT * EXCLUDE (${[...known.map((_, i) => rawName(i)), '__ler_key_repeated', '__ler_key_loaded', ...(table.referencesEmployers ? ['__ler_employer_known'] : [])].join(', ')}),
      list_filter([${checks.join(',\n      ')}], __ler_e -> __ler_e IS NOT NULL) AS __ler_errors FROM keyed`;
}

/**
 * Every rejected row with its line: rule violations from the checks and malformed records from the reader.
 * The rows with errors are picked before their lists are unnested: unnesting every row's (mostly empty)
 * list took 1.4 s per 1M rows even when none had an error.
 */
function rejectionsSql(fileName: string, names: { checked: string; rejects: string; lines: string }, lineBase: number): string {
  return `SELECT ${str(fileName)}, line, "column", value, reason FROM (
      SELECT ${lineBase} + __ler_record + (SELECT count(*) FROM ${names.lines} WHERE boundary < __ler_record) AS line,
        __ler_e."column" AS "column", __ler_e.value AS value, __ler_e.reason AS reason
      FROM (SELECT __ler_record, __ler_errors FROM ${names.checked} WHERE len(__ler_errors) > 0), unnest(__ler_errors) AS __ler_u(__ler_e)
      UNION ALL
      SELECT line, '(whole row)', min(csv_line), min_by(error_message, column_idx) FROM ${names.rejects} GROUP BY line)
    ORDER BY line`;
}
