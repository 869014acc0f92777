import Papa from 'papaparse';

/** Cells a spreadsheet would run as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would treat as a formula by prefixing a single quote (OWASP CSV injection advice). */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Lists and structs (from SQL results) as JSON, as the Parquet export writes them; Papa would join a list's items bare, formulas included. */
const cellText = (value: unknown): unknown => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value);

/** Writes rows as CSV that is safe to open in a spreadsheet: header cells too, as column names can come from a file. */
export function toSafeCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const data = rows.map((row) => columns.map((c) => neutraliseCell(cellText(row[c] ?? ''))));
  return Papa.unparse({ fields: columns.map((c) => String(neutraliseCell(c))), data }, { newline: '\r\n' });
}
