import type { Engine, Row } from '../../src/engine/engine';

/** One engine call: the file being loaded when it ran (ingest registers a file before its statements), its SQL and time. */
export interface TimedCall {
  file: string | null;
  sql: string;
  ms: number;
}

/** Wraps an engine so every statement is timed, in order: where ingest and metrics spend their time. */
export function timedEngine(inner: Engine): { engine: Engine; calls: TimedCall[]; setFile: (name: string | null) => void } {
  const calls: TimedCall[] = [];
  let file: string | null = null;
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      calls.push({ file, sql, ms: performance.now() - start });
    }
  };
  // Spread first, so whatever else Engine offers passes through untimed.
  const engine: Engine = {
    ...inner,
    query: <T extends Row = Row>(sql: string) => timed(sql, () => inner.query<T>(sql)),
    exec: (sql) => timed(sql, () => inner.exec(sql)),
    run: (sql, options) => timed(sql, () => inner.run(sql, options)),
    runCancellable: (sql) => inner.runCancellable(sql),
    registerFile: (name, blob) => {
      file = name;
      return timed(`(register ${name})`, () => inner.registerFile(name, blob));
    },
    dropFile: (path) => timed('(drop file)', () => inner.dropFile(path)),
    version: () => inner.version(),
  };
  return { engine, calls, setFile: (name) => (file = name) };
}

/** Names of the ingest steps the report explains targets with. */
export const STEP = {
  stage: 'stage: read_csv as text (+ rejects)',
  dates: 'scan date columns (formats, day order)',
  checked: 'type + validate rows (checked table)',
  insert: 'insert good rows + rejections',
} as const;

// First match wins: the checked table's SQL also holds the date patterns.
const INGEST_STEPS: [RegExp, string][] = [
  [/^\(register /, 'register file'],
  [/^CREATE TABLE IF NOT EXISTS/, 'create contract tables'],
  [/read_csv\(/, STEP.stage],
  [/^CREATE TABLE __ler_checked_\d+ AS/, STEP.checked],
  [/__ler_lines_\d+ AS/, 'line numbers of malformed records'],
  [/regexp_full_match/, STEP.dates],
  [/^BEGIN TRANSACTION/, STEP.insert],
  [/count\(\*\) FROM __ler_checked_\d+\) AS staged/, 'count loaded/rejected'],
  [/^DROP TABLE IF EXISTS __ler/, 'drop temp tables'],
  [/^\(drop file\)/, 'drop file'],
  [/^CREATE OR REPLACE VIEW/, 'catalogue: derived views'],
  [/^SELECT max\(d\) AS latest/, 'catalogue: latest date'],
  [/^CREATE OR REPLACE TABLE __ler_agg/, 'catalogue: pre-aggregated hires'],
];

/** A readable name for an ingest statement. */
export function ingestStep(sql: string): string {
  const text = sql.trim();
  return INGEST_STEPS.find(([pattern]) => pattern.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 50);
}
