import Papa from 'papaparse';
import type { FileMetaData } from 'hyparquet';
import { normaliseHeader, recogniseTable, TABLES, type TableSpec } from './contract';
import { decodeHead, detectEncoding, ENCODING_LABEL, type TextEncoding } from './decode';
import type { ColumnMapping } from './mapping';
import { isParquet } from './parquet-magic';

const HEAD_BYTES = 1 << 20;
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Rows read from the head for the preview and for suggestions by content. */
export const PREVIEW_ROWS = 50;

export interface SourceColumn {
  /** The header as written in the file. */
  header: string;
  /** The column's name in the loaded table: the contract name, or the header made unique. */
  name: string;
  /** Whether it is a column of the contract (false: an extra column kept as text). */
  known: boolean;
}

/** What the head of a file shows, before its columns are matched to the contract. */
export interface FileHead {
  format: 'csv' | 'parquet';
  /** The text encoding of a CSV file (Parquet text is UTF-8 by its format). */
  encoding: TextEncoding;
  delimiter: string;
  /** The line break (see headerLineBreak); DuckDB must be told, as its own guess can read no rows at all. */
  newline: '\n' | '\r\n' | '\r';
  /** Blank lines before the header. */
  skip: number;
  header: string[];
  /** The first rows (up to PREVIEW_ROWS), as text. */
  rows: string[][];
  /** The table whose key column the header names, if any. */
  table: TableSpec | null;
  /** A Parquet file's metadata, read once. */
  parquet: FileMetaData | null;
}

export interface Sniffed extends FileHead {
  table: TableSpec;
  columns: SourceColumn[];
  notes: string[];
  /** Rejection report lines are the record number plus this: the header line and blank lines before it (0 for Parquet: rows are numbered). */
  lineBase: number;
}

/** A file the ingest cannot read at all, with a message for the user. */
export class FileRejected extends Error {}

/** Reads the head of a file: its format, encoding, delimiter, header and first rows. */
export async function readHead(file: Blob): Promise<FileHead> {
  if (file.size === 0) throw new FileRejected('The file is empty.');
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (isParquet(bytes)) {
    let head;
    try {
      const { parquetHead } = await import('./parquet');
      head = await parquetHead(file, PREVIEW_ROWS);
    } catch (err) {
      throw new FileRejected(
        `The file starts like Parquet but could not be read as Parquet: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (head.header.length === 0) throw new FileRejected('The Parquet file has no columns.');
    return {
      format: 'parquet',
      encoding: 'utf-8',
      delimiter: ',',
      newline: '\n',
      skip: 0,
      header: head.header,
      rows: head.rows,
      table: recogniseTable(head.header),
      parquet: head.metadata,
    };
  }
  const encoding = detectEncoding(bytes);
  const text = decodeHead(bytes, encoding);
  const newline = headerLineBreak(text);
  // Blank lines before the header are skipped here and by DuckDB alike (it would take the first line as the header).
  let skip = 0;
  let start = 0;
  for (let end = text.indexOf(newline); end >= 0 && text.slice(start, end).trim() === ''; end = text.indexOf(newline, start)) {
    skip++;
    start = end + newline.length;
  }
  const head = text.slice(start);
  const parsed = Papa.parse<string[]>(head, { preview: 2, newline, delimitersToGuess: [...DELIMITERS], skipEmptyLines: true });
  let delimiter = parsed.meta.delimiter;
  let header = parsed.data[0];
  if (!header || header.every((h) => h.trim() === '')) throw new FileRejected('The file has no header row.');
  if (!recogniseTable(header)) {
    // PapaParse guesses from the first rows, which broken rows can mislead; the header decides.
    const found = DELIMITERS.map((d) => ({
      d,
      row: Papa.parse<string[]>(head, { preview: 1, newline, delimiter: d, skipEmptyLines: true }).data[0],
    })).find(({ row }) => row && recogniseTable(row));
    if (found?.row) [delimiter, header] = [found.d, found.row];
  }
  const rows = Papa.parse<string[]>(head, { preview: PREVIEW_ROWS + 1, newline, delimiter, skipEmptyLines: true }).data.slice(1);
  return { format: 'csv', encoding, delimiter, newline, skip, header, rows, table: recogniseTable(header), parquet: null };
}

/** Whether a file needs the user to map its columns: its table is not recognised, or required columns are missing. */
export function needsMapping(head: FileHead): boolean {
  if (!head.table) return true;
  const present = new Set(head.header.map(normaliseHeader));
  return head.table.columns.some((c) => c.required && !present.has(c.name));
}

/** Matches a file's columns to the contract, by name or by the user's mapping; throws FileRejected when required columns are missing. */
export function resolveColumns(head: FileHead, mapping?: ColumnMapping): Sniffed {
  const table = mapping ? (TABLES.find((t) => t.kind === mapping.table) ?? null) : head.table;
  const { header } = head;
  if (!table) {
    throw new FileRejected(
      `Not recognised as employers, hires or training: the header needs employer_id, hire_id or enrollment_id. Found: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}`,
    );
  }
  const { columns, notes } = nameColumns(header, table, mapping);
  const present = new Set(columns.filter((c) => c.known).map((c) => c.name));
  const missing = table.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new FileRejected(
      `Read as ${table.kind}, but required column${missing.length > 1 ? 's are' : ' is'} missing: ${missing.join(', ')}.`,
    );
  }
  if (head.format === 'parquet') notes.unshift('Read as Parquet; rejected rows are numbered from the first row (1).');
  else if (head.encoding !== 'utf-8' && head.encoding !== 'utf-8-bom')
    notes.unshift(`Read as ${ENCODING_LABEL[head.encoding]} and converted to UTF-8.`);
  if (head.format === 'csv' && head.delimiter !== ',')
    notes.unshift(`Columns are separated by ${DELIMITER_NAME[head.delimiter] ?? JSON.stringify(head.delimiter)}.`);
  if (mapping) {
    const renamed = columns.filter((c) => c.known && c.header !== c.name).map((c) => `${c.header} → ${c.name}`);
    if (renamed.length > 0) notes.push(`Columns mapped: ${renamed.join(', ')}.`);
  }
  return { ...head, table, columns, notes, lineBase: head.format === 'parquet' ? 0 : head.skip + 1 };
}

const DELIMITER_NAME: Record<string, string> = { ';': 'semicolons', '\t': 'tabs', '|': 'pipes' };

/** Reads the head of a file and matches its columns to the contract (by name, or by a mapping). */
export async function sniffFile(file: Blob, mapping?: ColumnMapping): Promise<Sniffed> {
  return resolveColumns(await readHead(file), mapping);
}

/**
 * The line break that ends the header: the first one outside quotes (a quote toggles, so an escaped
 * `""` toggles twice). PapaParse's own guess, and DuckDB's, can be thrown by line breaks in quoted fields.
 */
export function headerLineBreak(text: string): Sniffed['newline'] {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') return '\n';
    else if (!quoted && c === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return '\n';
}

/** Column names the ingest uses for its own bookkeeping while it checks a file (see load.ts). */
const RESERVED_PREFIX = /^__ler_/i;

/**
 * Names every header: contract columns by their contract name, others unique and never empty. NUL
 * bytes are dropped (SQL cannot hold them), and an extra column named like the ingest's own
 * `__ler_…` columns gets one more leading underscore, so a file can neither break nor steer the checks.
 */
export function nameColumns(
  header: readonly string[],
  table: TableSpec,
  mapping?: ColumnMapping,
): { columns: SourceColumn[]; notes: string[] } {
  const contract = new Set(table.columns.map((c) => c.name));
  const taken = new Set<string>();
  const notes: string[] = [];
  // With a mapping, the user's choice alone decides which columns are the contract's.
  const mapped = new Map<number, string>();
  for (const [column, h] of Object.entries(mapping?.columns ?? {})) {
    const index = header.findIndex((raw, i) => raw === h && !mapped.has(i));
    if (contract.has(column) && index >= 0 && !taken.has(column)) {
      mapped.set(index, column);
      taken.add(column);
    }
  }
  const columns = header.map((raw, i): SourceColumn => {
    const clean = raw.replaceAll('\0', '');
    const normalised = normaliseHeader(clean);
    const chosen = mapped.get(i);
    if (chosen) return { header: raw, name: chosen, known: true };
    if (!mapping && contract.has(normalised) && !taken.has(normalised)) {
      taken.add(normalised);
      return { header: raw, name: normalised, known: true };
    }
    if (!mapping && contract.has(normalised))
      notes.push(`Column ${i + 1} repeats "${normalised}"; the first one is used, this one is kept as an extra column.`);
    const trimmed = clean.trim();
    const base = trimmed === '' ? `column_${i + 1}` : RESERVED_PREFIX.test(trimmed) ? `_${trimmed}` : trimmed;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()) || contract.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return { header: raw, name, known: false };
  });
  return { columns, notes };
}
