import { parquetWriteBuffer } from 'hyparquet-writer';

type Column = { name: string; type: string };

const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|REAL|DOUBLE|HALF|DECIMAL.*)$/;
const parquetType = (type: string) => (type === 'BOOLEAN' ? 'BOOLEAN' : NUMERIC.test(type) ? 'DOUBLE' : 'STRING');

/**
 * Writes rows as a Parquet file. Numbers are DOUBLE (the engine hands them over as doubles), booleans
 * BOOLEAN, everything else (dates as ISO days, lists and structs as JSON) UTF-8 strings.
 */
export function toParquet(rows: readonly Record<string, unknown>[], columns: readonly Column[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: columns.map((c) => {
      const type = parquetType(c.type);
      const data = rows.map((r) => {
        const v = r[c.name];
        if (v === null || v === undefined) return null;
        if (type === 'STRING') return typeof v === 'string' ? v : JSON.stringify(v);
        return v;
      });
      return { name: c.name, data, type };
    }),
  });
}
