import type { Engine } from '../engine/engine';
import { ident } from '../sql/quote';
import type { ColumnSpec, TableKind, TableSpec } from './contract';
import type { Sniffed } from './sniff';
import { trimmedSql, type SlashOrder } from './value-sql';

/** A question for the user: these date columns read equally well as M/D/YYYY and D/M/YYYY. */
export interface DateQuestion {
  file: string;
  table: TableKind;
  columns: { column: string; examples: string[] }[];
}

/** How one date column is read: the order of its slash dates, and whether plain numbers are Excel serial days. */
export interface DateReading {
  order: SlashOrder;
  serial: boolean;
}

/** A column of the table's contract by name. */
export function spec(table: TableSpec, name: string): ColumnSpec {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${name} is not a column of ${table.kind}`);
  return column;
}

const trimmed = (name: string) => trimmedSql(ident(name));

const ORDER_LABEL: Record<SlashOrder, string> = { 'month-first': 'M/D/YYYY', 'day-first': 'D/M/YYYY' };

/**
 * How each date column is read, decided from its values. Slash dates are M/D/YYYY by the contract; a
 * column with a first part above 12 and never a second part above 12 is evidently D/M/YYYY. A column
 * whose slash dates fit both orders (every part ≤ 12, some parts differing) follows the file's other
 * date columns when they agree, else the user is asked. A column mostly of plain numbers holds Excel
 * serial days.
 */
export async function decideDateReadings(
  engine: Engine,
  stage: string,
  sniffed: Sniffed,
  fileName: string,
  notes: string[],
  ask: ((question: DateQuestion) => Promise<Record<string, SlashOrder>>) | undefined,
): Promise<Map<string, DateReading>> {
  const dateColumns = sniffed.columns.filter((c) => c.known && spec(sniffed.table, c.name).type === 'date').map((c) => c.name);
  const readings = new Map<string, DateReading>(dateColumns.map((c) => [c, { order: 'month-first', serial: false }]));
  if (dateColumns.length === 0) return readings;
  // Most values are ISO dates. CASE runs the regular expressions and casts only on values that could be
  // slash dates or serial numbers (AND does not spare them, and this pass reads every value of the file).
  const when = (guard: string, test: string) => `CASE WHEN ${guard} THEN ${test} ELSE false END`;
  const part = (c: string, n: number) => `TRY_CAST(split_part(${trimmed(c)}, '/', ${n}) AS INTEGER)`;
  const slash = (c: string, test: string) =>
    when(`contains(${ident(c)}, '/')`, `regexp_full_match(${trimmed(c)}, '\\d{1,2}/\\d{1,2}/\\d{4}') AND ${test}`);
  const differs = (c: string) => slash(c, `${part(c, 1)} <> ${part(c, 2)}`);
  const maybeSerial = (c: string) =>
    when(`NOT contains(${ident(c)}, '-') AND NOT contains(${ident(c)}, '/')`, `regexp_full_match(${trimmed(c)}, '\\d{1,7}(\\.\\d*)?')`);
  const selects = dateColumns.map(
    (c, i) => `count(*) FILTER (WHERE ${slash(c, `${part(c, 1)} > 12`)}) AS first_${i},
      count(*) FILTER (WHERE ${slash(c, `${part(c, 2)} > 12`)}) AS second_${i},
      count(*) FILTER (WHERE ${differs(c)}) AS differ_${i},
      min(${trimmed(c)}) FILTER (WHERE ${differs(c)}) AS example_a_${i},
      max(${trimmed(c)}) FILTER (WHERE ${differs(c)}) AS example_b_${i},
      count(*) FILTER (WHERE ${maybeSerial(c)}) AS serial_${i},
      count(${trimmed(c)}) AS present_${i}`,
  );
  const [row = {}] = await engine.query(`SELECT ${selects.join(', ')} FROM ${stage}`);
  const n = (key: string) => Number(row[key] ?? 0);
  const ambiguous: DateQuestion['columns'] = [];
  const evident = new Set<SlashOrder>();
  dateColumns.forEach((c, i) => {
    const reading = readings.get(c) as DateReading;
    if (n(`serial_${i}`) * 2 > n(`present_${i}`)) {
      reading.serial = true;
      notes.push(`Dates in ${c} were read as Excel serial day numbers (1900 date system).`);
    }
    const [first, second] = [n(`first_${i}`), n(`second_${i}`)];
    if (first > 0 && second === 0) {
      reading.order = 'day-first';
      evident.add('day-first');
      notes.push(`Dates in ${c} were read as D/M/YYYY: values such as 25/12/2024 occur and none fit M/D/YYYY better.`);
    } else if (second > 0 && first === 0) {
      evident.add('month-first');
    } else if (first > 0 && second > 0) {
      notes.push(`Dates in ${c} mix D/M/YYYY and M/D/YYYY; they were read as M/D/YYYY and values that do not fit were rejected.`);
    } else if (n(`differ_${i}`) > 0) {
      ambiguous.push({ column: c, examples: [...new Set([row[`example_a_${i}`], row[`example_b_${i}`]].map(String))] });
    }
  });
  if (ambiguous.length === 0) return readings;
  const [only] = evident.size === 1 ? [...evident] : [];
  if (only) {
    for (const { column } of ambiguous) {
      (readings.get(column) as DateReading).order = only;
      notes.push(
        `Dates in ${column} fit both M/D/YYYY and D/M/YYYY; they were read as ${ORDER_LABEL[only]} like the file's other date columns.`,
      );
    }
    return readings;
  }
  const answers = ask ? await ask({ file: fileName, table: sniffed.table.kind, columns: ambiguous }) : {};
  for (const { column, examples } of ambiguous) {
    const order = answers[column];
    if (order) {
      (readings.get(column) as DateReading).order = order;
      notes.push(`Dates in ${column} fit both M/D/YYYY and D/M/YYYY; they were read as ${ORDER_LABEL[order]}, as chosen.`);
    } else {
      notes.push(
        `Dates in ${column} fit both M/D/YYYY and D/M/YYYY (e.g. ${examples.join(', ')}); they were read as M/D/YYYY, the contract's reading.`,
      );
    }
  }
  return readings;
}
