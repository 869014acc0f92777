import { DataType, type Table, type Field } from 'apache-arrow';
import type { Row } from './engine';

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
    return Array.from(value as Iterable<unknown>, (v) => plainValue(v, child));
  }
  if (DataType.isStruct(type)) {
    const out: Row = {};
    for (const child of type.children as Field[]) out[child.name] = plainValue((value as Row)[child.name], child);
    return out;
  }
  return value;
}

/** Converts an Arrow result to plain rows: dates become ISO day strings, BigInt becomes number. */
export function toPlainRows<T extends Row = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    fields.forEach((field, i) => {
      row[field.name] = plainValue(columns[i]?.get(r), field);
    });
    rows[r] = row as T;
  }
  return rows;
}
