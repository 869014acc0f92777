import { str } from './quote';

/** Telling a statement that only reads from one that changes the database, for the SQL workbench's guard. */

/**
 * The statements of a script as written, split at semicolons outside string literals, quoted
 * identifiers, dollar-quoted strings and comments; statements that are only comments are left out.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let code = false;
  let i = 0;
  const end = (at: number) => {
    if (code) statements.push(sql.slice(start, at).trim());
    start = at + 1;
    code = false;
  };
  while (i < sql.length) {
    const rest = sql.slice(i);
    const skip = /^--[^\n]*/.exec(rest) ?? /^\/\*[\s\S]*?(\*\/|$)/.exec(rest);
    if (skip) {
      i += skip[0].length;
      continue;
    }
    const quoted = /^'(?:[^']|'')*('|$)/.exec(rest) ?? /^"(?:[^"]|"")*("|$)/.exec(rest) ?? /^\$([A-Za-z_]*)\$[\s\S]*?(\$\1\$|$)/.exec(rest);
    if (quoted) {
      code = true;
      i += quoted[0].length;
      continue;
    }
    if (sql[i] === ';') end(i);
    else if (!/\s/.test(sql[i] ?? '')) code = true;
    i++;
  }
  end(sql.length);
  return statements;
}

/** EXPLAIN shows a plan without running the statement (EXPLAIN ANALYZE runs it). */
const PLAIN_EXPLAIN = /^explain\s+(?!analy[sz]e\b)/i;

/**
 * SQL that has DuckDB's own parser judge a statement without running it: the query() table function
 * accepts exactly one SELECT statement and refuses anything else with "Expected a single SELECT statement".
 */
export const selectCheckSql = (statement: string) => `EXPLAIN SELECT * FROM query(${str(statement.replace(PLAIN_EXPLAIN, ''))})`;

const NOT_A_SELECT = /Expected a single SELECT statement/i;

/**
 * Whether every statement of the script only reads, as DuckDB's parser judges it. A statement that fails
 * for another reason (a syntax error, an unknown column) is let through: it cannot change anything, and
 * running it shows DuckDB's own message.
 */
export async function isReadOnly(sql: string, run: (sql: string) => Promise<unknown>): Promise<boolean> {
  for (const statement of splitStatements(sql)) {
    const refused = await run(selectCheckSql(statement)).then(
      () => false,
      (err: unknown) => NOT_A_SELECT.test(err instanceof Error ? err.message : String(err)),
    );
    if (refused) return false;
  }
  return true;
}
