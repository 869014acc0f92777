/** A row as it leaves the engine: plain numbers, strings, booleans, nulls and arrays — never Arrow or BigInt. */
export type Row = Record<string, unknown>;

/** A result with its columns' DuckDB-style types, for the SQL workbench. */
export interface TypedResult {
  columns: { name: string; type: string }[];
  rows: Row[];
}

/** A query that can be stopped while it runs. */
export interface CancellableQuery {
  result: Promise<TypedResult>;
  /** Asks the engine to stop; the result then rejects. */
  cancel: () => Promise<void>;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** The error a stopped statement rejects with. */
export const abortError = () => new DOMException('The work was cancelled.', 'AbortError');

/** Where the engine keeps loaded data: in this browser's private storage (kept across visits), or only in memory. */
export type EngineStorage = { kind: 'browser' } | { kind: 'memory'; reason: string | null };

/** The one interface in front of DuckDB; the browser (Web Worker) and Node builds both implement it. */
export interface Engine {
  readonly storage: EngineStorage;
  /** Runs one statement and returns its rows as plain objects. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs statements whose result is not needed. */
  exec(sql: string): Promise<void>;
  /**
   * Runs one long statement (a bulk read) that the signal can stop, reporting DuckDB's own estimate of
   * how far it is (0–1) where the engine gives one. Stopped, it rejects with an AbortError.
   */
  run(sql: string, options?: RunOptions): Promise<void>;
  /** Runs a user's statement on its own connection, so it can be cancelled without stopping the dashboard's queries. */
  runCancellable(sql: string): CancellableQuery;
  /** Makes a file readable by SQL under `/data/<name>`; returns that path. */
  registerFile(name: string, file: Blob): Promise<string>;
  /** Forgets a file registered with registerFile. */
  dropFile(path: string): Promise<void>;
  /** The engine's DuckDB version, e.g. "v1.4.3". */
  version(): Promise<string>;
  /** Makes the loaded data durable where it is stored (a checkpoint); nothing to do in memory. */
  persist(): Promise<void>;
  /** Stops the engine; with `erase`, everything it stored in this browser is deleted too. Later calls reject. */
  close(options?: { erase?: boolean }): Promise<void>;
}

/**
 * Locks the engine offline. Without it DuckDB fetches parquet/json/icu from another origin, and in
 * Node a failed fetch blocks forever (https://github.com/duckdb/duckdb-wasm/issues/2252).
 */
export const OFFLINE_LOCK_SQL = `SET autoload_known_extensions=false; SET autoinstall_known_extensions=false;
SET allowed_directories=['/data/']; SET enable_external_access=false;`;

export const DATA_DIR = '/data/';

/** The path a registered file gets; names come from users, so only a safe slug is kept. */
export function dataPath(name: string): string {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80);
  return `${DATA_DIR}${crypto.randomUUID()}-${slug}`;
}
