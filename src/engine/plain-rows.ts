import { DataType, type Table, type Field, type Vector } from 'apache-arrow';
import type { Row, TypedResult } from './engine';

const MS_PER_DAY = 86_400_000;

function isoDay(msSinceEpoch: number): string {
  return new Date(Math.floor(msSinceEpoch / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10);
}

function plainValue(value: unknown, field: Field): unknown {
  if (value === null || value === undefined) return null;
  const type = field.type;
  if (DataType.isDate(type)) return isoDay(Number(value));
  if (DataType.isTimestamp(type)) return new Date(Number(value)).toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'bigint') return Number(value);
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = type.children[0] as Field;
    // A list of doubles or of integers up to 32 bits, without nulls, is a typed array already: copied whole.
    const numeric = (DataType.isInt(child.type) && child.type.bitWidth <= 32) || (DataType.isFloat(child.type) && child.type.precision > 0);
    if (numeric && (value as Vector).nullCount === 0) return Array.from((value as Vector).toArray() as ArrayLike<number>);
    return Array.from(value as Iterable<unknown>, (v) => plainValue(v, child));
  }
  if (DataType.isStruct(type)) {
    const out: Row = {};
    for (const child of type.children as Field[]) out[child.name] = plainValue((value as Row)[child.name], child);
    return out;
  }
  return value;
}

/** Arrow's own decoder drops a leading U+FEFF from every string; this one keeps the text as stored. */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A string column read from its buffers, so that a value starting with U+FEFF keeps it. */
function strings(vector: Vector): (string | null)[] {
  const out: (string | null)[] = [];
  for (const data of vector.data) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    for (let i = 0; i < data.length; i++)
      out.push(data.getValid(i) ? UTF8.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1]))) : null);
  }
  return out;
}

/** Converts an Arrow result to plain rows: dates become ISO day strings, BigInt becomes number. */
export function toPlainRows<T extends Row = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const values = fields.map((field, i): ((r: number) => unknown) => {
    const column = table.getChildAt(i);
    if (column && (DataType.isUtf8(field.type) || DataType.isLargeUtf8(field.type))) {
      const texts = strings(column);
      return (r) => texts[r] ?? null;
    }
    return (r) => plainValue(column?.get(r), field);
  });
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    fields.forEach((field, i) => {
      row[field.name] = values[i]?.(r);
    });
    rows[r] = row as T;
  }
  return rows;
}

/** DuckDB's names for the Arrow types results arrive in. */
export function duckdbTypeName(type: DataType): string {
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'VARCHAR';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type))
    return ({ 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' } as Record<number, string>)[type.bitWidth] ?? 'INTEGER';
  if (DataType.isFloat(type)) return type.precision === 0 ? 'HALF' : type.precision === 1 ? 'FLOAT' : 'DOUBLE';
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isDate(type)) return 'DATE';
  if (DataType.isTimestamp(type)) return 'TIMESTAMP';
  if (DataType.isTime(type)) return 'TIME';
  if (DataType.isInterval(type)) return 'INTERVAL';
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) return `${duckdbTypeName((type.children[0] as Field).type)}[]`;
  if (DataType.isStruct(type)) return 'STRUCT';
  if (DataType.isMap(type)) return 'MAP';
  if (DataType.isBinary(type)) return 'BLOB';
  return String(type);
}

/**
 * A typed result from an Arrow table. `declared` are DuckDB's own types from DESCRIBE when the statement
 * is a query: results arrive with BIGINT and DECIMAL cast to DOUBLE, which would misreport them.
 */
export function toTypedResult(table: Table, declared: readonly string[] | null = null): TypedResult {
  const fields = table.schema.fields;
  const types = declared && declared.length === fields.length ? declared : fields.map((f) => duckdbTypeName(f.type));
  return { columns: fields.map((f, i) => ({ name: f.name, type: types[i] ?? 'UNKNOWN' })), rows: toPlainRows(table) };
}

/** DESCRIBE of a statement, which binds it without running it; only queries have an answer. */
export function describeSql(sql: string): string {
  return `DESCRIBE ${sql.trim().replace(/;+\s*$/, '')}`;
}
