import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';

/**
 * Parquet files are read in JavaScript (hyparquet): the wasm engine has no Parquet reader without
 * an extension download, which the app never makes. Each row group becomes CSV text, so a Parquet
 * file goes through the same staging, checks and rejection report as a CSV file.
 */

function asyncBuffer(file: Blob): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A Parquet value as the text a CSV export would hold: dates as YYYY-MM-DD (UTC), booleans as true/false. */
export function parquetText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)}`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A CSV field: quoted always (a NULL stays an empty, unquoted field), quotes doubled. */
const csvField = (text: string | null) => (text === null ? '' : `"${text.replaceAll('"', '""')}"`);
const csvRecord = (fields: (string | null)[]) => `${fields.map(csvField).join(',')}\n`;

export interface ParquetHead {
  header: string[];
  rows: string[][];
  metadata: FileMetaData;
}

/** The column names and the first rows, as text. */
export async function parquetHead(file: Blob, previewRows: number): Promise<ParquetHead> {
  const buffer = asyncBuffer(file);
  const metadata = await parquetMetadataAsync(buffer);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const rowEnd = Math.min(previewRows, Number(metadata.num_rows));
  const objects = rowEnd > 0 ? await parquetReadObjects({ file: buffer, metadata, rowStart: 0, rowEnd }) : [];
  return { header, metadata, rows: objects.map((o) => header.map((h) => parquetText(o[h]) ?? '')) };
}

/** The whole file as UTF-8 CSV with a header row, built one row group at a time. */
export async function parquetAsCsv(file: Blob, header: readonly string[], metadata: FileMetaData): Promise<Blob> {
  const buffer = asyncBuffer(file);
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(csvRecord([...header]))];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const objects = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd });
    parts.push(encoder.encode(objects.map((o) => csvRecord(header.map((h) => parquetText(o[h])))).join('')));
    rowStart = rowEnd;
  }
  return new Blob(parts);
}
