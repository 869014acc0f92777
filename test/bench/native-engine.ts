/**
 * The Engine interface on native DuckDB (@duckdb/node-api, DuckDB v1.4.4: the nearest release to the
 * wasm build's v1.4.3 whose bindings exist for every platform, so the lock file installs anywhere):
 * the yardstick for what the same SQL costs without WebAssembly. Benchmark use only.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Engine, Row } from '../../src/engine/engine';

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

export interface NativeEngine extends Engine {
  /** Lets ingest read a File straight from disk: registerFile gets File objects, native DuckDB wants paths. */
  addDiskFile(file: Blob, diskPath: string): void;
  shutdown(): Promise<void>;
}

/** An in-memory native DuckDB; `threads` null keeps DuckDB's default (one per core). */
export async function createNativeEngine(threads: number | null): Promise<NativeEngine> {
  const instance = await DuckDBInstance.create(':memory:', threads === null ? {} : { threads: String(threads) });
  const conn = await instance.connect();
  const diskPaths = new Map<Blob, string>();
  // One statement at a time on the connection, as the browser engine queues them (metrics use Promise.all).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  const shutdown = async () => {
    conn.closeSync();
    instance.closeSync();
  };
  // Built as a variable, not returned as a literal, so it satisfies Engine whether or not Engine has storage/persist/close yet.
  const engine = {
    storage: { kind: 'memory', reason: null } as const,
    query<T extends Row = Row>(sql: string) {
      return serial(async () => (await conn.runAndReadAll(sql)).getRowObjectsJS().map((row) => plain(row) as T));
    },
    exec(sql: string) {
      return serial(async () => {
        await conn.run(sql);
      });
    },
    run(sql: string) {
      return engine.exec(sql);
    },
    runCancellable(): never {
      throw new Error('not used by the benchmark');
    },
    async registerFile(name: string, file: Blob) {
      const diskPath = diskPaths.get(file);
      if (!diskPath) throw new Error(`${name}: only files added with addDiskFile can be read`);
      return diskPath;
    },
    async dropFile() {},
    async version() {
      const [row] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS();
      return String(row?.v);
    },
    async persist() {},
    close: shutdown,
    shutdown,
    addDiskFile(file: Blob, diskPath: string) {
      diskPaths.set(file, diskPath);
    },
  };
  return engine;
}
