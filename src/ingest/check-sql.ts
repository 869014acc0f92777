import { ident, literal, str } from '../sql/quote';
import type { ColumnSpec } from './contract';
import type { LoadedKeys } from './load';
import { spec, type DateReading } from './date-readings';
import type { Sniffed } from './sniff';
import { parseFailureReason, parsedSql, trimmedSql } from './value-sql';

/** The reason given for a row whose employer is neither loaded nor in its batch. */
export const EMPLOYER_NOT_LOADED = 'employer_id is not in the loaded employers';

const rawName = (i: number) => `__ler_raw_${i}`;
const trimmed = (name: string) => trimmedSql(ident(name));

/** Types every contract column and lists each row's rule violations in __ler_errors. */
export function checkedSql(stage: string, sniffed: Sniffed, readings: Map<string, DateReading>, loaded: LoadedKeys): string {
  const { table } = sniffed;
  const known = sniffed.columns.filter((c) => c.known).map((c) => spec(table, c.name));
  const extras = sniffed.columns.filter((c) => !c.known);
  const present = new Set(known.map((c) => c.name));
  const reading = (c: ColumnSpec): DateReading => readings.get(c.name) ?? { order: 'month-first', serial: false };
  const typed = known.map(
    (c, i) =>
      `${trimmed(c.name)} AS ${rawName(i)}, ${parsedSql(c, trimmed(c.name), reading(c).order, reading(c).serial)} AS ${ident(c.name)}`,
  );
  const error = (column: string, value: string, reason: string) =>
    `struct_pack("column" := ${str(column)}, value := ${value}, reason := ${reason})`;
  const checks: string[] = [];
  known.forEach((c, i) => {
    if (c.required) checks.push(`CASE WHEN ${rawName(i)} IS NULL THEN ${error(c.name, 'NULL', str('required value is missing'))} END`);
    if (c.type !== 'text' || c.allowed) {
      checks.push(
        `CASE WHEN ${rawName(i)} IS NOT NULL AND ${ident(c.name)} IS NULL THEN ${error(c.name, rawName(i), str(parseFailureReason(c, reading(c).order, reading(c).serial)))} END`,
      );
    }
    if (c.min !== undefined) {
      checks.push(`CASE WHEN ${ident(c.name)} < ${literal(c.min)} THEN ${error(c.name, rawName(i), str(`must be at least ${c.min}`))} END`);
    }
    if (c.max !== undefined) {
      checks.push(
        `CASE WHEN ${ident(c.name)} > ${literal(c.max)} THEN ${error(c.name, rawName(i), str(`must be at most ${c.max.toLocaleString('en-US')}`))} END`,
      );
    }
  });
  for (const rule of table.dateOrder.filter((r) => present.has(r.earlier) && present.has(r.later))) {
    const laterRaw = rawName(known.findIndex((c) => c.name === rule.later));
    checks.push(
      `CASE WHEN ${ident(rule.later)} < ${ident(rule.earlier)} THEN ${error(rule.later, laterRaw, str(`${rule.later} is before ${rule.earlier}`))} END`,
    );
  }
  const keyRaw = rawName(known.findIndex((c) => c.name === table.key));
  checks.push(
    `CASE WHEN __ler_key_repeated THEN ${error(table.key, keyRaw, str(`duplicate ${table.key}: an earlier row of this file has it`))} END`,
  );
  checks.push(`CASE WHEN __ler_key_loaded THEN ${error(table.key, keyRaw, str(`${table.key} is already loaded`))} END`);
  if (table.referencesEmployers) {
    const employerRaw = rawName(known.findIndex((c) => c.name === 'employer_id'));
    checks.push(
      `CASE WHEN ${employerRaw} IS NOT NULL AND NOT __ler_employer_known THEN ${error('employer_id', employerRaw, str(EMPLOYER_NOT_LOADED))} END`,
    );
  }
  // The key checks run on a narrow projection of the file and join back once: joins and windows over
  // every column hold whole rows, and a wide file (thousands of columns) ran the engine out of memory.
  // The checked rows keep typed values and their errors (which carry the raw text of bad values) but not
  // the raw text of every value, a large share of a large load's memory.
  const employerKnown = table.referencesEmployers ? `, ${trimmed('employer_id')} IN (${loaded.employers}) AS __ler_employer_known` : '';
  return `WITH typed AS (
      SELECT __ler_record, ${[...typed, ...extras.map((c) => ident(c.name))].join(', ')} FROM ${stage}),
    flags AS (
      SELECT __ler_record,
        ${trimmed(table.key)} IS NOT NULL AND __ler_record NOT IN (SELECT min(__ler_record) FROM ${stage} GROUP BY ${trimmed(table.key)}) AS __ler_key_repeated,
        ${trimmed(table.key)} IN (${loaded.keys(table)}) AS __ler_key_loaded${employerKnown}
      FROM ${stage}),
    keyed AS (SELECT * FROM typed JOIN flags USING (__ler_record))
    SELECT * EXCLUDE (${[...known.map((_, i) => rawName(i)), '__ler_key_repeated', '__ler_key_loaded', ...(table.referencesEmployers ? ['__ler_employer_known'] : [])].join(', ')}),
      list_filter([${checks.join(',\n      ')}], __ler_e -> __ler_e IS NOT NULL) AS __ler_errors FROM keyed`;
}

/**
 * Every rejected row with its line: rule violations from the checks and malformed records from the reader.
 * The rows with errors are picked before their lists are unnested: unnesting every row's (mostly empty)
 * list costs time in proportion to the whole file even when no row has an error.
 */
export function rejectionsSql(fileName: string, names: { checked: string; rejects: string; lines: string }, lineBase: number): string {
  return `SELECT ${str(fileName)}, line, "column", value, reason FROM (
      SELECT ${lineBase} + __ler_record + (SELECT count(*) FROM ${names.lines} WHERE boundary < __ler_record) AS line,
        __ler_e."column" AS "column", __ler_e.value AS value, __ler_e.reason AS reason
      FROM (SELECT __ler_record, __ler_errors FROM ${names.checked} WHERE len(__ler_errors) > 0), unnest(__ler_errors) AS __ler_u(__ler_e)
      UNION ALL
      SELECT line, '(whole row)', min(csv_line), min_by(error_message, column_idx) FROM ${names.rejects} GROUP BY line)
    ORDER BY line`;
}
