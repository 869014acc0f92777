import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { abortError, type Engine, type Row, type RunOptions } from './engine';

/**
 * The Engine interface on native DuckDB (@duckdb/node-api, DuckDB v1.4.4: the nearest release to the
 * wasm build's v1.4.3 with bindings for every platform), for the command line past what a tab holds:
 * the same SQL, all cores, data read straight from disk. Not in the browser bundle.
 */

const MS_PER_DAY = 86_400_000;

/** Plain values as the wasm engines give them: numbers instead of BigInt, dates as 'YYYY-MM-DD'. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  // getRowObjectsJS gives DATE and TIMESTAMP alike as Date; a value at midnight UTC is reported as a day, like DATE.
  if (value instanceof Date) {
    const iso = value.toISOString();
    return value.getTime() % MS_PER_DAY === 0 ? iso.slice(0, 10) : iso.replace('T', ' ').replace('Z', '');
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const diskPaths = new WeakMap<Blob, string>();

/** Marks a Blob as the file at `diskPath`, so that a native engine reads that file instead of a copy. */
export function onDisk<T extends Blob>(file: T, diskPath: string): T {
  diskPaths.set(file, diskPath);
  return file;
}

/** Extension autoloading off, as in the browser: nothing is fetched from anywhere. */
const NATIVE_LOCK_SQL = 'SET autoload_known_extensions=false; SET autoinstall_known_extensions=false;';

/** An in-memory native DuckDB; `threads` null keeps DuckDB's default (one per core). */
export async function createNativeEngine({ threads = null }: { threads?: number | null } = {}): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', threads === null ? {} : { threads: String(threads) });
  const conn = await instance.connect();
  await conn.run(NATIVE_LOCK_SQL);
  // Blobs that are not files on disk (a transcoded file, a Parquet file's CSV) are written here first.
  const scratch = mkdtempSync(path.join(tmpdir(), 'ler-native-'));
  let written = 0;
  // One statement at a time on the connection, as the browser engine queues them (metrics use Promise.all).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  const exec = (sql: string) =>
    serial(async () => {
      await conn.run(sql);
    });
  return {
    storage: { kind: 'memory', reason: null },
    query<T extends Row = Row>(sql: string) {
      return serial(async () => (await conn.runAndReadAll(sql)).getRowObjectsJS().map((row) => plain(row) as T));
    },
    exec,
    async run(sql: string, { signal }: RunOptions = {}) {
      if (signal?.aborted) throw abortError();
      await exec(sql);
    },
    runCancellable() {
      throw new Error('The SQL workbench runs in the browser; the native engine serves the command line.');
    },
    async registerFile(name: string, file: Blob) {
      const known = diskPaths.get(file);
      if (known) return known;
      const target = path.join(scratch, `${++written}-${path.basename(name)}`);
      await writeFile(target, file.stream());
      return target;
    },
    async dropFile(target: string) {
      if (target.startsWith(scratch)) unlinkSync(target);
    },
    async version() {
      const [row] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS();
      return String(row?.v);
    },
    async persist() {},
    async close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
