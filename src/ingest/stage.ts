import { str } from '../sql/quote';
import { utf8Content } from './decode';
import type { Sniffed } from './sniff';

/** Average bytes per line in the first 256 KB, to turn bytes read into an estimate of rows read. */
export async function bytesPerRow(file: Blob): Promise<number> {
  const head = new Uint8Array(await file.slice(0, 1 << 18).arrayBuffer());
  let lines = 0;
  for (const byte of head) if (byte === 10) lines++;
  return lines > 1 ? head.length / lines : Math.max(1, head.length);
}

/** The file as UTF-8 CSV for DuckDB's reader: transcoded chunk by chunk, or built from Parquet row groups. */
export function csvContent(file: File, sniffed: Sniffed): Promise<Blob> {
  if (sniffed.format === 'parquet' && sniffed.parquet) {
    const metadata = sniffed.parquet;
    return import('./parquet').then(({ parquetAsCsv }) => parquetAsCsv(file, sniffed.header, metadata));
  }
  return utf8Content(file, sniffed.encoding);
}

/** Reads the whole file as text columns with DuckDB's CSV reader; malformed records go to the rejects table. */
export function stageSql(stage: string, path: string, sniffed: Sniffed, names: { rejects: string; scan: string }): string {
  const columns = `{${sniffed.columns.map((c) => `${str(c.name)}: 'VARCHAR'`).join(', ')}}`;
  // DuckDB takes the line break spelt with backslashes; guessing it itself, it can misread CR and CRLF files
  // (https://github.com/duckdb/duckdb/issues/18577).
  const newLine = sniffed.newline.replace('\r', '\\r').replace('\n', '\\n');
  return `CREATE TABLE ${stage} AS
    SELECT row_number() OVER () AS __ler_record, * FROM read_csv(${str(path)},
      auto_detect = false, skip = ${sniffed.skip}, header = true, columns = ${columns}, delim = ${str(sniffed.delimiter)}, new_line = ${str(newLine)},
      quote = '"', escape = '"', store_rejects = true, rejects_table = ${str(names.rejects)},
      rejects_scan = ${str(names.scan)}, max_line_size = 16777216);`;
}
