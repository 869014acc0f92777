/** All SQL quoting lives here: identifiers and values from user files never reach SQL any other way. */

/** Quotes an identifier for DuckDB: wraps in double quotes and doubles any inside. */
export function ident(name: string): string {
  return `"${name.replaceAll('\0', '').replaceAll('"', '""')}"`;
}

/** Writes a string literal: single quotes doubled (DuckDB has no backslash escapes); NUL bytes dropped. */
export function str(value: string): string {
  return `'${value.replaceAll('\0', '').replaceAll("'", "''")}'`;
}

/**
 * Writes any plain value as a SQL literal; NaN and infinities become NULL. A fraction, or an integer
 * beyond 2^53, is written with an exponent, which DuckDB reads as the same DOUBLE: `0.1…` would be a
 * DECIMAL and `1…0000` a HUGEINT, each off by a unit in the last place once cast.
 */
export function literal(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number')
    return !Number.isFinite(value) ? 'NULL' : Number.isSafeInteger(value) ? String(value) : value.toExponential();
  return str(value);
}

/** A DATE literal from an ISO day string, refusing anything that is not YYYY-MM-DD. */
export function dateLiteral(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new Error(`Not an ISO date (YYYY-MM-DD): ${isoDay}`);
  return `DATE ${str(isoDay)}`;
}
