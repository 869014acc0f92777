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
  columns: SourceColumn[];
  notes: string[];
}

/** A file the ingest cannot read at all, with a message for the user. */
export class FileRejected extends Error {}

/** Reads the head of a file: its delimiter, its header, and which contract table it holds. */
export async function sniffFile(file: Blob): Promise<Sniffed> {
  if (file.size === 0) throw new FileRejected('The file is empty.');
  const head = new TextDecoder('utf-8').decode(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const parsed = Papa.parse<string[]>(head.replace(/^\uFEFF/, ''), {
    preview: 2,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: true,
  });
  const header = parsed.data[0];
  if (!header || header.every((h) => h.trim() === '')) throw new FileRejected('The file has no header row.');
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
  return { table, delimiter: parsed.meta.delimiter, columns, notes };
}

/** Names every header: contract columns by their contract name, others unique and never empty. */
export function nameColumns(header: readonly string[], table: TableSpec): { columns: SourceColumn[]; notes: string[] } {
  const contract = new Set(table.columns.map((c) => c.name));
  const taken = new Set<string>();
  const notes: string[] = [];
  const columns = header.map((raw, i): SourceColumn => {
    const normalised = normaliseHeader(raw);
    if (contract.has(normalised) && !taken.has(normalised)) {
      taken.add(normalised);
      return { header: raw, name: normalised, known: true };
    }
    if (contract.has(normalised)) notes.push(`Column ${i + 1} repeats "${normalised}"; the first one is used, this one is kept as an extra column.`);
    const base = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()) || contract.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return { header: raw, name, known: false };
  });
  return { columns, notes };
}
