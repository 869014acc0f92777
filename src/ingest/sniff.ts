import Papa from 'papaparse';
import { normaliseHeader, recogniseTable, type TableSpec } from './contract';

const HEAD_BYTES = 1 << 20;
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface SourceColumn {
  /** The header as written in the file. */
  header: string;
  /** The column's name in the loaded table: the contract name, or the header made unique. */
  name: string;
  /** Whether it is a column of the contract (false: an extra column kept as text). */
  known: boolean;
}

export interface Sniffed {
  table: TableSpec;
  delimiter: string;
  /** The line break (see headerLineBreak); DuckDB must be told, as its own guess can read no rows at all. */
  newline: '\n' | '\r\n' | '\r';
  /** Blank lines before the header. */
  skip: number;
  /** The file starts with a UTF-8 byte-order mark, which DuckDB must not see: after one, it splits a quoted header name at a line break. */
  bom: boolean;
  columns: SourceColumn[];
  notes: string[];
}

/** A file the ingest cannot read at all, with a message for the user. */
export class FileRejected extends Error {}

/** Reads the head of a file: its delimiter, its header, and which contract table it holds. */
export async function sniffFile(file: Blob): Promise<Sniffed> {
  if (file.size === 0) throw new FileRejected('The file is empty.');
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
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
    const found = DELIMITERS.map((d) => ({ d, row: Papa.parse<string[]>(head, { preview: 1, newline, delimiter: d, skipEmptyLines: true }).data[0] })).find(
      ({ row }) => row && recogniseTable(row),
    );
    if (found?.row) [delimiter, header] = [found.d, found.row];
  }
  const table = recogniseTable(header);
  if (!table) {
    throw new FileRejected(
      `Not recognised as employers, hires or training: the header needs employer_id, hire_id or enrollment_id. Found: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}`,
    );
  }
  const { columns, notes } = nameColumns(header, table);
  const present = new Set(columns.filter((c) => c.known).map((c) => c.name));
  const missing = table.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new FileRejected(`Read as ${table.kind}, but required column${missing.length > 1 ? 's are' : ' is'} missing: ${missing.join(', ')}.`);
  }
  return { table, delimiter, newline, skip, bom, columns, notes };
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
export function nameColumns(header: readonly string[], table: TableSpec): { columns: SourceColumn[]; notes: string[] } {
  const contract = new Set(table.columns.map((c) => c.name));
  const taken = new Set<string>();
  const notes: string[] = [];
  const columns = header.map((raw, i): SourceColumn => {
    const clean = raw.replaceAll('\0', '');
    const normalised = normaliseHeader(clean);
    if (contract.has(normalised) && !taken.has(normalised)) {
      taken.add(normalised);
      return { header: raw, name: normalised, known: true };
    }
    if (contract.has(normalised)) notes.push(`Column ${i + 1} repeats "${normalised}"; the first one is used, this one is kept as an extra column.`);
    const trimmed = clean.trim();
    const base = trimmed === '' ? `column_${i + 1}` : RESERVED_PREFIX.test(trimmed) ? `_${trimmed}` : trimmed;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()) || contract.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return { header: raw, name, known: false };
  });
  return { columns, notes };
}
