import { str } from '../sql/quote';
import type { ColumnSpec } from './contract';

/** How a column's slash dates are read; decided per column from its values (see decideSlashOrder). */
export type SlashOrder = 'month-first' | 'day-first';

export const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'] as const;
export const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'] as const;

const wordList = (words: readonly string[]) => words.map(str).join(', ');

/** Excel's serial day numbers (1900 date system) that name real days: 61 is 1900-03-01 (below it Excel counts a 29 February 1900 that never was), 2958465 is 9999-12-31. */
export const EXCEL_SERIAL_RANGE = [61, 2958465] as const;

/**
 * A VARCHAR expression without its leading and trailing spaces (DuckDB's trim: every Unicode space
 * separator), NULL when nothing is left. trim() decodes every character; most values are plain ASCII
 * with nothing to trim, and for those only a leading or trailing U+0020 can be a space separator, which
 * starts_with/ends_with find far more cheaply.
 */
export function trimmedSql(raw: string): string {
  return `NULLIF(CASE WHEN strlen(${raw}) <> length(${raw}) OR starts_with(${raw}, ' ') OR ends_with(${raw}, ' ') THEN trim(${raw}) ELSE ${raw} END, '')`;
}

/**
 * Parses a trimmed VARCHAR expression as a DATE (ISO, M/D/YYYY or D/M/YYYY, D.M.YYYY, and with
 * `serial` Excel serial day numbers, a time fraction dropped); impossible dates become NULL.
 */
export function dateSql(raw: string, slashOrder: SlashOrder = 'month-first', serial = false): string {
  const slash = slashOrder === 'month-first' ? '%m/%d/%Y' : '%d/%m/%Y';
  const serialCase = serial
    ? `WHEN regexp_full_match(${raw}, '\\d{1,7}(\\.\\d*)?') AND TRY_CAST(${raw} AS DOUBLE) >= ${EXCEL_SERIAL_RANGE[0]} AND TRY_CAST(${raw} AS DOUBLE) < ${EXCEL_SERIAL_RANGE[1] + 1}
      THEN DATE '1899-12-30' + CAST(floor(TRY_CAST(${raw} AS DOUBLE)) AS INTEGER)`
    : '';
  return `(CASE ${serialCase}
    WHEN regexp_full_match(${raw}, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN try_strptime(${raw}, '%Y-%m-%d')::DATE
    WHEN regexp_full_match(${raw}, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN try_strptime(${raw}, '${slash}')::DATE
    WHEN regexp_full_match(${raw}, '\\d{1,2}\\.\\d{1,2}\\.\\d{4}') THEN try_strptime(${raw}, '%d.%m.%Y')::DATE
  END)`;
}

/** Parses a trimmed VARCHAR expression as a BOOLEAN from the contract's words, in any case. */
export function boolSql(raw: string): string {
  return `(CASE WHEN lower(${raw}) IN (${wordList(TRUE_WORDS)}) THEN TRUE
    WHEN lower(${raw}) IN (${wordList(FALSE_WORDS)}) THEN FALSE END)`;
}

/** Parses money or a plain number: `$`, thousands separators and spaces are stripped; NaN and infinities become NULL. */
export function numberSql(raw: string): string {
  const cleaned = `replace(replace(replace(${raw}, '$', ''), ',', ''), ' ', '')`;
  return `(CASE WHEN regexp_full_match(${cleaned}, '[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?')
    AND isfinite(TRY_CAST(${cleaned} AS DOUBLE)) THEN TRY_CAST(${cleaned} AS DOUBLE) END)`;
}

/** Maps a text value onto its allowed spelling, case-insensitively; NULL when not allowed. */
export function allowedSql(raw: string, allowed: readonly string[]): string {
  const cases = allowed.map((a) => `WHEN lower(${raw}) = ${str(a.toLowerCase())} THEN ${str(a)}`).join(' ');
  return `(CASE ${cases} END)`;
}

/** The typed value of a contract column, from its trimmed raw text. */
export function parsedSql(column: ColumnSpec, raw: string, slashOrder: SlashOrder, serial = false): string {
  if (column.type === 'date') return dateSql(raw, slashOrder, serial);
  if (column.type === 'bool') return boolSql(raw);
  if (column.type === 'number') return numberSql(raw);
  if (column.allowed) return allowedSql(raw, column.allowed);
  return raw;
}

/** Why a present raw value failed to parse, in words a user can act on. */
export function parseFailureReason(column: ColumnSpec, slashOrder: SlashOrder, serial = false): string {
  if (column.type === 'date') {
    const slash = slashOrder === 'month-first' ? 'M/D/YYYY' : 'D/M/YYYY';
    return serial
      ? `not a valid date (expected an Excel serial day number, YYYY-MM-DD, ${slash} or D.M.YYYY)`
      : `not a valid date (expected YYYY-MM-DD, ${slash} or D.M.YYYY)`;
  }
  if (column.type === 'bool') return 'not a yes/no value (expected true/false, t/f, yes/no, y/n or 1/0)';
  if (column.type === 'number') return 'not a number';
  if (column.allowed) return `must be one of: ${column.allowed.join(', ')}`;
  return 'invalid value';
}

export const SQL_TYPE: Record<ColumnSpec['type'], string> = {
  text: 'VARCHAR',
  date: 'DATE',
  bool: 'BOOLEAN',
  number: 'DOUBLE',
};
