/** Telling a statement that only reads from one that changes the database, for the SQL workbench's guard. */

const READ_ONLY_START = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'describe',
  'show',
  'summarize',
  'explain',
  'pivot',
  'unpivot',
]);
const WRITING_WORDS =
  /\b(insert|update|delete|merge|create|drop|alter|truncate|copy|attach|detach|install|load|set|reset|pragma|checkpoint|vacuum|import|export|call|use|begin|commit|rollback|grant|revoke)\b/i;

/** Removes comments and the contents of string literals and quoted identifiers, so keywords inside them do not count. */
export function stripLiterals(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
    .replace(/'(?:[^']|'')*('|$)/g, "''")
    .replace(/"(?:[^"]|"")*("|$)/g, '""');
}

/** The statements of a script, split at semicolons outside literals and comments. */
export function splitStatements(sql: string): string[] {
  return stripLiterals(sql)
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether every statement of the script only reads: it starts with a reading keyword and contains no writing one. */
export function isReadOnly(sql: string): boolean {
  const statements = splitStatements(sql);
  return statements.every((statement) => {
    const first = statement.match(/^[(\s]*([a-z]+)/i)?.[1]?.toLowerCase() ?? '';
    return READ_ONLY_START.has(first) && !WRITING_WORDS.test(statement);
  });
}
