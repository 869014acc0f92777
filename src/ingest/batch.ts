import type { Engine } from '../engine/engine';
import { ident, str } from '../sql/quote';
import { EMPLOYER_NOT_LOADED, rejectionsSql } from './check-sql';
import { REJECTIONS_TABLE, TABLES, type TableKind, type TableSpec } from './contract';
import {
  checkFile,
  dropTables,
  failedFile,
  notLoaded,
  sniffInput,
  type CheckedFile,
  type FileReport,
  type IngestInput,
  type IngestOptions,
} from './load';
import { CLEAR_DATASET_SQL, createDatasetTables, setDataIdSql } from './tables';

export interface BatchOptions extends IngestOptions {
  /** The batch takes the place of all loaded data (own files replacing the sample), so its files are checked as if nothing were loaded. */
  replacing?: boolean;
}

/**
 * Files dropped together, checked and held apart from the loaded data until committed in one transaction
 * or discarded: a batch never goes in half, so figures never mix part of an export with the rest of it.
 */
export interface CheckedBatch {
  /** Each file's report; for a file checked, what committing loads. */
  reports: FileReport[];
  /** The reports of the files that failed as a whole (unreadable, cancelled, out of memory); none, and the batch commits. */
  failed: FileReport[];
  /** In words, what committing only the files that were checked would load and what it would leave without its counterpart. */
  consequences: string[];
  replacing: boolean;
  /** The load was cancelled: the file being read then, and every later one, failed. */
  cancelled: boolean;
  /** Loads every checked file in one transaction (naming the data `dataId` in it); the batch is spent. */
  commit(dataId?: string): Promise<FileReport[]>;
  /** The reports as they read when the batch is discarded: each file marked as not loaded, and why. */
  unloaded: FileReport[];
  /** Drops the checked files; the batch is spent. */
  discard(): Promise<void>;
}

const NOUN: Record<TableKind, string> = { employers: 'employer', hires: 'hire', training: 'enrollment' };
const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
const none = (column: string) => `SELECT ''::VARCHAR AS ${ident(column)} WHERE false`;
const validRows = (c: CheckedFile, column: string) => `SELECT ${ident(column)} FROM ${c.names.checked} WHERE len(__ler_errors) = 0`;
const holds = (c: CheckedFile, column: string) => c.sniffed.columns.some((col) => col.known && col.name === column);

/** Reads and checks every file of a batch (employers first, so the others are checked against them) without loading any. */
export async function checkBatch(engine: Engine, inputs: readonly IngestInput[], options: BatchOptions = {}): Promise<CheckedBatch> {
  await createDatasetTables(engine);
  const replacing = options.replacing === true;
  const checked: CheckedFile[] = [];
  // The keys a file must not repeat and the employers it may name: the loaded ones (unless replaced) and the batch's own so far.
  const keysSql = (kind: TableKind, column: string) =>
    [
      ...(replacing ? [] : [`SELECT ${ident(column)} FROM ${ident(kind)}`]),
      ...checked.filter((c) => c.sniffed.table.kind === kind).map((c) => validRows(c, column)),
    ].join(' UNION ALL ') || none(column);
  const sniffed = await Promise.all(inputs.map(sniffInput));
  const order = (s: (typeof sniffed)[number]) => (s.sniffed ? TABLES.indexOf(s.sniffed.table) : -1);
  const reports: FileReport[] = [];
  for (const { file, sniffed: columns, error } of [...sniffed].sort((a, b) => order(a) - order(b))) {
    if (!columns) reports.push(notLoaded(file.name, null, error));
    else if (options.signal?.aborted) reports.push(notLoaded(file.name, columns.table.kind, 'Not loaded: the load was cancelled.'));
    else {
      try {
        const loaded = { keys: (table: TableSpec) => keysSql(table.kind, table.key), employers: keysSql('employers', 'employer_id') };
        const one = await checkFile(engine, file, columns, loaded, options);
        checked.push(one);
        reports.push(one.report);
      } catch (err) {
        reports.push(failedFile(file.name, columns.table.kind, err, columns.notes));
      }
    }
  }
  const failed = reports.filter((r) => r.error !== null);
  const consequences = failed.length > 0 && checked.length > 0 ? await consequencesOf(engine, checked, failed, replacing) : [];
  let spent = false;
  const spend = () => {
    if (spent) throw new Error('This batch was already committed or discarded.');
    spent = true;
  };
  const tables = checked.flatMap((c) => Object.values(c.names));
  const cancelled = options.signal?.aborted === true;
  const cause = cancelled ? 'the load was cancelled' : `${failed.map((f) => f.file).join(', ')} could not be loaded`;
  const why = `Not loaded: ${cause}, and the files of one load go in together or not at all.`;
  return {
    reports,
    failed,
    consequences,
    replacing,
    cancelled,
    unloaded: reports.map((r) => (r.error === null ? { ...r, rowsLoaded: 0, rowsRejected: 0, error: why } : r)),
    async commit(dataId) {
      spend();
      try {
        for (const c of checked) {
          const rows = c.report.rowsRead;
          options.onProgress?.({
            file: c.report.file,
            step: 'saving',
            fraction: null,
            bytesRead: c.bytes,
            bytesTotal: c.bytes,
            rows,
            estimated: false,
          });
        }
        await commitSql(engine, checked, replacing, dataId);
        return reports;
      } finally {
        await dropTables(engine, tables);
      }
    },
    async discard() {
      spend();
      await dropTables(engine, tables);
    },
  };
}

/** Commits a batch whose files all checked, or discards it; returns the reports either way. */
export async function commitOrDiscard(batch: CheckedBatch): Promise<FileReport[]> {
  if (batch.failed.length === 0) return batch.commit();
  await batch.discard();
  return batch.unloaded;
}

/** Loads files all or nothing: when any fails as a whole, nothing of them is loaded and every report says why. */
export const ingestFiles = async (engine: Engine, inputs: readonly IngestInput[], options: BatchOptions = {}) =>
  commitOrDiscard(await checkBatch(engine, inputs, options));

/** Inserts the checked rows and their rejections, adding the files' extra columns, in one transaction. */
async function commitSql(engine: Engine, checked: readonly CheckedFile[], replacing: boolean, dataId: string | undefined): Promise<void> {
  const added = await newExtraColumns(engine, checked, replacing);
  const statements = [
    'BEGIN TRANSACTION;',
    ...(replacing ? [CLEAR_DATASET_SQL] : []),
    // One statement per table rebuilds it with all its new columns: one ALTER TABLE per column takes minutes for thousands.
    ...[...added].map(
      ([kind, columns]) =>
        `CREATE OR REPLACE TABLE ${ident(kind)} AS SELECT *, ${columns.map((c) => `NULL::VARCHAR AS ${ident(c)}`).join(', ')} FROM ${ident(kind)};`,
    ),
    ...checked.map(
      ({ sniffed, names, report }) => `INSERT INTO ${ident(sniffed.table.kind)} BY NAME
        SELECT ${sniffed.columns.map((c) => ident(c.name)).join(', ')} FROM ${names.checked} WHERE len(__ler_errors) = 0;
      INSERT INTO ${REJECTIONS_TABLE} ${rejectionsSql(report.file, names, sniffed.lineBase)};`,
    ),
    ...(dataId === undefined ? [] : [setDataIdSql(dataId)]),
    'COMMIT;',
  ];
  try {
    await engine.exec(statements.join('\n'));
  } catch (err) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** DuckDB matches column names ignoring the case of ASCII letters only. */
const asciiLower = (name: string) => name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** By table, the extra columns of the batch's files that their table does not have yet. */
async function newExtraColumns(engine: Engine, checked: readonly CheckedFile[], replacing: boolean): Promise<Map<TableKind, string[]>> {
  const added = new Map<TableKind, string[]>();
  for (const table of TABLES) {
    const extras = checked
      .filter((c) => c.sniffed.table === table)
      .flatMap((c) => c.sniffed.columns.filter((col) => !col.known).map((col) => col.name));
    if (extras.length === 0) continue;
    const existing = replacing
      ? table.columns.map((c) => c.name)
      : (
          await engine.query<{ name: string }>(
            `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ${str(table.kind)}`,
          )
        ).map((r) => r.name);
    const seen = new Set(existing.map(asciiLower));
    const fresh = extras.filter((name) => !seen.has(asciiLower(name)) && seen.add(asciiLower(name)));
    if (fresh.length > 0) added.set(table.kind, fresh);
  }
  return added;
}

/** What keeping only the checked files of a failed batch would load, and what of it would lack its counterpart. */
async function consequencesOf(
  engine: Engine,
  checked: readonly CheckedFile[],
  failed: readonly FileReport[],
  replacing: boolean,
): Promise<string[]> {
  const lines = checked.map(
    ({ report }) =>
      `${report.file}: ${count(report.rowsLoaded, report.kind === null || report.kind === 'contribution' ? 'row' : NOUN[report.kind])}, ${count(report.rowsRejected, 'row')} rejected`,
  );
  const ofKind = (kind: TableKind) => checked.filter((c) => c.sniffed.table.kind === kind);
  const enrollments = ofKind('training').filter((c) => holds(c, 'person_id'));
  if (enrollments.length > 0) {
    const hired = [
      ...(replacing ? [] : ['SELECT person_id FROM hires']),
      ...ofKind('hires')
        .filter((c) => holds(c, 'person_id'))
        .map((c) => validRows(c, 'person_id')),
    ];
    const [row] = await engine.query<{
      n: number;
    }>(`SELECT count(*) AS n FROM (${enrollments.map((c) => validRows(c, 'person_id')).join(' UNION ALL ')})
      WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM (${hired.join(' UNION ALL ') || none('person_id')}) WHERE person_id IS NOT NULL)`);
    if (row && row.n > 0)
      lines.push(`${count(row.n, 'enrollment')} whose hires are not loaded: the upskilling figures would read them without a hire.`);
  }
  const referring = checked.filter((c) => c.sniffed.table.referencesEmployers);
  if (referring.length > 0 && failed.some((f) => f.kind === 'employers' || f.kind === null)) {
    const [row] = await engine.query<{
      n: number;
    }>(`SELECT count(*) AS n FROM (${referring.map((c) => `SELECT __ler_errors FROM ${c.names.checked}`).join(' UNION ALL ')})
      WHERE len(list_filter(__ler_errors, __ler_e -> __ler_e.reason = ${str(EMPLOYER_NOT_LOADED)})) > 0`);
    if (row && row.n > 0) lines.push(`${count(row.n, 'row')} rejected because their employer is not loaded.`);
  }
  return lines;
}
